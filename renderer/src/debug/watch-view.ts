// The Watch section: expressions the user keeps an eye on, evaluated with context 'watch' at every stop.
import { el, icon } from '../workbench/element';
import type { KeyValueStorage } from './breakpoint-store';
import type { DebugSessionController } from './debug-session-controller';
import { toNode } from './variables-view';
import { VariableTree, type VariableNode } from './variable-tree';

export class WatchView {
  readonly element: HTMLElement;
  readonly tree: VariableTree;
  private readonly input: HTMLInputElement;
  private expressions: string[] = [];
  private storageKey: string | undefined;
  private refreshes = 0;

  constructor(
    private readonly session: DebugSessionController,
    private readonly storage: KeyValueStorage,
    onOpenMemory: (memoryReference: string) => void,
    /** Break on Value Change: a data breakpoint on the watched expression. */
    onBreakOnChange: (expression: string) => void,
  ) {
    this.tree = new VariableTree({
      label: 'Watch expressions',
      emptyText: '',
      loadChildren: (reference) => session.variables(reference).then((variables) => variables.map(toNode)),
      rowActions: (node, index, depth) =>
        depth === 1
          ? [
              el(
                'button',
                {
                  className: 'icon-button row-action',
                  'aria-label': `Break when ${node.name} changes`,
                  title: 'Break on Value Change',
                  tabIndex: -1,
                  onclick: (event: Event) => (event.stopPropagation(), onBreakOnChange(node.name)),
                },
                icon('debug-breakpoint-data'),
              ),
              el(
                'button',
                {
                  className: 'icon-button row-action',
                  'aria-label': `Remove watch expression ${node.name}`,
                  title: 'Remove Expression',
                  tabIndex: -1,
                  onclick: (event: Event) => (event.stopPropagation(), this.remove(index)),
                },
                icon('close'),
              ),
            ]
          : [],
      onOpenMemory,
    });
    this.input = el('input', { className: 'debug-input watch-input', type: 'text', 'aria-label': 'Add watch expression', placeholder: 'Expression to watch (Enter)' });
    this.input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      this.add(this.input.value);
      this.input.value = '';
    });
    this.element = el('div', { className: 'watch-view' }, this.tree.element, this.input);
    session.onDidChange((change) => {
      if (change === 'stopped' || change === 'frame' || (change === 'phase' && session.phase === 'inactive')) void this.refresh();
      if (change === 'phase') this.tree.element.classList.toggle('stale', session.phase === 'running');
    });
  }

  load(workspaceRoot: string | null): void {
    this.storageKey = workspaceRoot ? `mirador.watch:${workspaceRoot}` : undefined;
    try {
      const stored = this.storageKey ? JSON.parse(this.storage.getItem(this.storageKey) ?? '[]') : [];
      this.expressions = Array.isArray(stored) ? stored.filter((entry): entry is string => typeof entry === 'string') : [];
    } catch {
      this.expressions = [];
    }
    void this.refresh();
  }

  focusInput(): void {
    this.input.focus();
  }

  add(expression: string): void {
    const trimmed = expression.trim();
    if (!trimmed) return;
    this.expressions.push(trimmed);
    this.save();
    void this.refresh();
  }

  remove(index: number): void {
    this.expressions.splice(index, 1);
    this.save();
    void this.refresh();
  }

  removeAll(): void {
    this.expressions = [];
    this.save();
    void this.refresh();
  }

  private save(): void {
    if (this.storageKey) this.storage.setItem(this.storageKey, JSON.stringify(this.expressions));
  }

  private async refresh(): Promise<void> {
    const refresh = ++this.refreshes;
    this.tree.element.classList.remove('stale');
    const stopped = this.session.phase === 'stopped' && this.session.selectedFrame !== undefined;
    const roots = await Promise.all(
      this.expressions.map(async (expression): Promise<VariableNode> => {
        if (!stopped) return { name: expression, value: 'not available', variablesReference: 0, kind: 'error' };
        try {
          const result = await this.session.evaluate(expression, 'watch');
          return { name: expression, value: result.result, type: result.type, variablesReference: result.variablesReference, memoryReference: result.memoryReference };
        } catch (error) {
          return { name: expression, value: (error as Error).message, variablesReference: 0, kind: 'error' };
        }
      }),
    );
    if (refresh === this.refreshes) await this.tree.setRoots(roots);
  }
}
