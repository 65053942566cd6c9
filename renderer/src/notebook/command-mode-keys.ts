// Jupyter's command mode keys (no cell editor focused): what each key, or pair of keys, does to the notebook.

export type NotebookKeyAction =
  | 'select-previous'
  | 'select-next'
  | 'select-first'
  | 'select-last'
  | 'insert-above'
  | 'insert-below'
  | 'delete'
  | 'to-markdown'
  | 'to-code'
  | 'edit'
  | 'run'
  | 'run-and-advance'
  | 'run-and-insert'
  | 'toggle-outputs'
  | 'move-up'
  | 'move-down'
  | 'interrupt'
  | 'restart'
  | 'copy'
  | 'cut'
  | 'paste-below'
  | 'paste-above'
  | 'undo-delete';

const SINGLE: Record<string, NotebookKeyAction> = {
  K: 'select-previous',
  ArrowUp: 'select-previous',
  J: 'select-next',
  ArrowDown: 'select-next',
  Home: 'select-first',
  End: 'select-last',
  A: 'insert-above',
  B: 'insert-below',
  M: 'to-markdown',
  Y: 'to-code',
  Enter: 'edit',
  'Ctrl+Enter': 'run',
  'Shift+Enter': 'run-and-advance',
  'Alt+Enter': 'run-and-insert',
  O: 'toggle-outputs',
  'Ctrl+Shift+ArrowUp': 'move-up',
  'Ctrl+Shift+ArrowDown': 'move-down',
  C: 'copy',
  X: 'cut',
  V: 'paste-below',
  'Shift+V': 'paste-above',
  Z: 'undo-delete',
};

/** Pressed twice in a row, so that one stray key does not delete a cell or drop the kernel's state. */
const DOUBLE: Record<string, NotebookKeyAction> = { D: 'delete', I: 'interrupt', '0': 'restart' };

export class CommandModeKeys {
  private pending: string | undefined;

  /** The action for a key chord (as key-chord.ts writes it), or undefined when the key does nothing (yet). */
  handle(chord: string): NotebookKeyAction | undefined {
    const double = DOUBLE[chord];
    if (double) {
      if (this.pending === chord) {
        this.pending = undefined;
        return double;
      }
      this.pending = chord;
      return undefined;
    }
    this.pending = undefined;
    return SINGLE[chord];
  }

  /** Whether the key belongs to command mode at all (so the notebook keeps it from the rest of the page). */
  claims(chord: string): boolean {
    return chord in SINGLE || chord in DOUBLE;
  }
}
