// The notebook editor tab: toolbar and kernel status, the cells, running them through the kernel, Jupyter's two modes, save.
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import type { CellResult, JupyterOutput, NotebookFile, WorkspaceChange } from '../../../main/api';
import type { CustomEditor } from '../editor/custom-editor';
import type { Monaco } from '../editor/monaco-loader';
import { BackendError, type BackendClient } from '../transport/backend-client';
import { el, icon } from '../workbench/element';
import { chordOf } from '../workbench/key-chord';
import type { Notifications } from '../workbench/notifications';
import type { QuickInput } from '../workbench/quick-input';
import { CellView, type CellAction } from './cell-view';
import { CommandModeKeys, type NotebookKeyAction } from './command-mode-keys';
import { ExecutionQueue } from './execution-queue';
import { appendOutput } from './ipynb-rules';
import { NotebookBackup } from './notebook-backup';
import { NotebookKernel, type KernelState } from './notebook-kernel';
import { NotebookModel, type CellKind, type NotebookCellModel } from './notebook-model';


/** Cells copied with C or X, shared by the notebooks of this window (as Jupyter's clipboard is by its tabs). */
let copiedCells: { kind: CellKind; source: string }[] = [];

export interface NotebookEditorServices {
  monaco: Monaco;
  backend: BackendClient;
  notifications: Notifications;
  quickInput: QuickInput;
  languageForFile(path: string): string;
  /** Completion asks the kernel of the notebook a cell's text model belongs to. */
  registerModel(model: MonacoApi.editor.ITextModel, kernel: NotebookKernel): () => void;
}

const STATUS_TEXT: Record<KernelState, string> = {
  'not started': 'not started',
  starting: 'starting…',
  idle: 'idle',
  busy: 'busy',
  dead: 'dead, restarting…',
};

export class NotebookEditor implements CustomEditor {
  readonly element: HTMLElement;
  readonly readOnly = false;
  deletedOnDisk = false;
  notice: string | undefined;
  private model: NotebookModel;
  private mtimeMs: number | undefined;
  private readonly kernel: NotebookKernel;
  private readonly queue: ExecutionQueue<NotebookCellModel>;
  private readonly views = new Map<string, CellView>();
  private readonly list: HTMLElement;
  private readonly statusElement: HTMLElement;
  private readonly interruptButton: HTMLButtonElement;
  private readonly keys = new CommandModeKeys();
  private readonly listeners = new Set<() => void>();
  private modelSubscriptions: Array<() => void> = [];
  private selected: NotebookCellModel | undefined;
  /** Cells deleted in this editor, latest last, with where they were (Z brings them back). */
  private readonly deleted: { cell: NotebookCellModel; index: number }[] = [];
  private mode: 'edit' | 'command' = 'command';
  private readonly resizeObserver: ResizeObserver;
  private lastWidth = 0;
  private readonly backup: NotebookBackup;

  constructor(
    private readonly services: NotebookEditorServices,
    readonly path: string,
    file: NotebookFile,
    /** The hot-exit backup `file` was made from: the notebook opens with unsaved changes, based on that file time. */
    restoredBackup?: { text: string; baseMtimeMs: number | undefined },
  ) {
    this.model = new NotebookModel(file.notebook);
    if (restoredBackup) this.model.markUnsaved();
    this.mtimeMs = restoredBackup ? restoredBackup.baseMtimeMs : file.mtimeMs;
    this.backup = new NotebookBackup(
      services.backend,
      services.notifications,
      path,
      () => ({ isDirty: this.isDirty, snapshot: () => this.model.toJSON(), baseMtimeMs: this.deletedOnDisk ? undefined : this.mtimeMs }),
      restoredBackup?.text,
    );
    this.kernel = new NotebookKernel(services.backend, path, {
      onStatus: (status) => this.showStatus(status),
      onNotice: (text) => services.notifications.warn(`${text} The notebook keeps its cells and outputs; run the cells again to rebuild the definitions.`),
    });
    this.queue = new ExecutionQueue<NotebookCellModel>({
      run: (cell) => this.execute(cell),
      setState: (cell, state) => this.model.setRunState(cell, state),
    });
    const button = (label: string, codicon: string, run: () => void, text?: string) =>
      el('button', { className: `notebook-toolbar-button${text ? ' with-text' : ''}`, 'aria-label': label, title: label, onclick: run }, icon(codicon), text ? el('span', {}, text) : null);
    this.interruptButton = button('Interrupt the Kernel (I, I)', 'debug-stop', () => void this.interrupt(), 'Interrupt');
    this.statusElement = el('span', { className: 'notebook-kernel-status', role: 'status', 'aria-live': 'polite' });
    const toolbar = el(
      'div',
      { className: 'notebook-toolbar', role: 'toolbar', 'aria-label': `${this.name} notebook actions` },
      button('Add Code Cell', 'add', () => this.insertAt(this.insertionIndex(), 'code'), 'Code'),
      button('Add Markdown Cell', 'add', () => this.insertAt(this.insertionIndex(), 'markdown'), 'Markdown'),
      el('span', { className: 'notebook-toolbar-separator', 'aria-hidden': 'true' }),
      button('Run All Cells', 'run-all', () => void this.runCells(this.model.cells), 'Run All'),
      button('Clear All Outputs', 'clear-all', () => this.clearAllOutputs(), 'Clear All Outputs'),
      this.interruptButton,
      button('Restart the Kernel (0, 0)', 'debug-restart', () => void this.restart(), 'Restart'),
      button('Restart the Kernel and Run All Cells', 'debug-rerun', () => void this.restartAndRunAll(), 'Restart and Run All'),
      el('span', { className: 'notebook-toolbar-spacer' }),
      this.statusElement,
    );
    this.list = el('div', { className: 'notebook-cells', role: 'list', 'aria-label': `Cells of ${this.name}` });
    this.list.addEventListener('keydown', (event) => this.onCommandKey(event));
    this.element = el('div', { className: 'notebook-editor', role: 'region', 'aria-label': `Notebook ${this.name}` }, toolbar, el('div', { className: 'notebook-scroll' }, this.list));
    this.resizeObserver = new ResizeObserver(() => {
      const width = this.list.clientWidth;
      if (width !== this.lastWidth) {
        this.lastWidth = width;
        this.layout();
      }
    });
    this.resizeObserver.observe(this.list);
    // A new, empty notebook is for typing into: it opens in edit mode.
    if (this.model.cells.every((cell) => cell.kind === 'code' && cell.source === '')) this.mode = 'edit';
    this.attachModel();
    this.showStatus('not started');
  }

  get name(): string {
    return this.path.slice(this.path.lastIndexOf('/') + 1);
  }

  get isDirty(): boolean {
    return this.model.isDirty;
  }

  /** Some unsaved change has not reached the hot-exit backup yet. */
  get hasPendingBackup(): boolean {
    return this.backup.isPending;
  }

  get cells(): readonly NotebookCellModel[] {
    return this.model.cells;
  }

  get kernelStatus(): KernelState {
    return this.kernel.status;
  }

  onDidChangeState(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  focus(): void {
    const cell = this.selected ?? this.model.cells[0];
    if (!cell) return this.list.focus();
    this.select(cell, this.mode);
    if (this.mode === 'edit') this.views.get(cell.uid)?.focusEditor();
    else this.views.get(cell.uid)?.focusCell();
  }

  layout(): void {
    for (const view of this.views.values()) view.layout();
  }

  async save(): Promise<boolean> {
    const notebook = this.model.toJSON();
    const savedModel = this.model;
    try {
      let stat;
      try {
        stat = await this.services.backend.request('notebook/write', { path: this.path, notebook, expectedMtimeMs: this.deletedOnDisk ? undefined : this.mtimeMs });
      } catch (error) {
        if (!(error instanceof BackendError) || error.code !== 'conflict') throw error;
        const choice = await this.services.quickInput.pick(
          [
            { label: 'Overwrite', description: 'replace the notebook on disk with yours', value: 'overwrite' },
            { label: 'Revert', description: 'discard your changes and load the notebook from disk', value: 'revert' },
            { label: 'Cancel', value: 'cancel' },
          ],
          { title: `${this.name} changed on disk since you opened it`, placeholder: `${this.name} changed on disk. Overwrite it with your version?`, keepOrder: true },
        );
        if (choice === 'revert') return (await this.reload(), false);
        if (choice !== 'overwrite') return false;
        stat = await this.services.backend.request('notebook/write', { path: this.path, notebook });
      }
      this.mtimeMs = stat.mtimeMs;
      this.deletedOnDisk = false;
      if (savedModel === this.model && JSON.stringify(this.model.toJSON()) === JSON.stringify(notebook)) this.model.markSaved();
      this.fire();
      return true;
    } catch (error) {
      this.services.notifications.error(`Could not save ${this.path}: ${(error as Error).message}. Your changes are still in the notebook.`, [{ label: 'Retry', run: () => void this.save() }]);
      return false;
    }
  }

  applyDiskChange(change: WorkspaceChange): void {
    if (change.path !== this.path) return;
    if (change.kind === 'deleted') {
      this.deletedOnDisk = true;
      this.fire();
      return;
    }
    void this.services.backend.request('fs/stat', { path: this.path }).then(
      (stat) => {
        if (stat.mtimeMs === this.mtimeMs && !this.deletedOnDisk) return;
        if (!this.isDirty) void this.reload();
        else this.services.notifications.warn(`${this.path} changed on disk while the notebook has unsaved changes. Saving will ask whether to overwrite.`, [{ label: 'Revert to disk', run: () => void this.reload() }]);
      },
      () => undefined,
    );
  }

  dispose(): void {
    // Closed: saved, or the user chose not to save. Either way there is nothing to bring back next time.
    this.backup.discard();
    this.queue.cancelQueued();
    this.resizeObserver.disconnect();
    this.kernel.dispose();
    this.detachModel();
    this.element.remove();
  }

  // ── running ──────────────────────────────────────────────────────────────

  /** Queues code cells to run in order; stops at the first that fails. Markdown cells are rendered. */
  async runCells(cells: readonly NotebookCellModel[]): Promise<void> {
    const runs: Promise<CellResult | undefined>[] = [];
    for (const cell of cells) {
      if (cell.kind === 'markdown') this.views.get(cell.uid)?.finishMarkdownEdit();
      if (cell.kind === 'code') runs.push(this.queue.enqueue(cell));
    }
    await Promise.all(runs);
  }

  async interrupt(): Promise<void> {
    this.queue.cancelQueued();
    try {
      await this.kernel.interrupt();
    } catch (error) {
      this.services.notifications.error(`Could not interrupt the kernel: ${(error as Error).message}`);
    }
  }

  /** Restarts the kernel; false when it could not (the user was told why). */
  async restart(thenRunAll = false): Promise<boolean> {
    this.queue.cancelQueued();
    try {
      await this.kernel.restart();
    } catch (error) {
      this.services.notifications.error(`Could not restart the kernel: ${(error as Error).message}`);
      return false;
    }
    if (!thenRunAll) this.services.notifications.info(`Restarted the OCaml kernel of ${this.name}: its definitions are gone; run the cells again to rebuild them.`);
    return true;
  }

  /** Jupyter's Restart Kernel and Run All Cells: a fresh toplevel, then every cell in order (stopping at a failure). */
  async restartAndRunAll(): Promise<void> {
    if (await this.restart(true)) await this.runCells(this.cells);
  }

  /** Jupyter's Run All Above Selected Cell (`above`), or Run Selected Cell and All Below. */
  runFromSelection(above: boolean): Promise<void> {
    const index = this.selected ? this.model.cells.indexOf(this.selected) : 0;
    return this.runCells(above ? this.model.cells.slice(0, Math.max(0, index)) : this.model.cells.slice(Math.max(0, index)));
  }

  clearAllOutputs(): void {
    for (const cell of this.model.cells) if (cell.kind === 'code' && (cell.outputs.length > 0 || cell.executionCount !== null)) this.clearOutputs(cell);
  }

  private clearOutputs(cell: NotebookCellModel): void {
    this.model.setOutputs(cell, [], null);
    const view = this.views.get(cell.uid);
    view?.setOutputs([]);
    view?.clearError();
  }

  private async execute(cell: NotebookCellModel): Promise<CellResult> {
    const view = this.views.get(cell.uid);
    view?.clearError();
    view?.setOutputs([]);
    let streamed: JupyterOutput[] = [];
    this.model.setOutputs(cell, [], cell.executionCount);
    let result: CellResult;
    try {
      result = await this.kernel.execute(cell.uid, cell.source, (output) => {
        streamed = appendOutput(streamed, output);
        this.views.get(cell.uid)?.appendOutput(output);
      });
    } catch (error) {
      const message = (error as Error).message;
      result = { executionCount: cell.executionCount ?? 0, status: 'error', outputs: [...streamed, { output_type: 'error', ename: 'Kernel unavailable', evalue: message, traceback: [] }] };
      this.services.notifications.error(`Could not run the cell in ${this.name}: ${message}`);
    }
    if (!this.model.cells.includes(cell)) return result;
    this.model.setOutputs(cell, result.outputs, result.executionCount);
    const current = this.views.get(cell.uid);
    current?.setOutputs(result.outputs);
    // An interrupt is not a mistake in the code: no marker for it.
    if (result.error?.position && result.status !== 'interrupted') current?.showError(result.error.position, `${result.error.ename}: ${result.error.evalue}`);
    return result;
  }

  // ── cells ────────────────────────────────────────────────────────────────

  private attachModel(): void {
    this.modelSubscriptions = [
      this.model.onDidChangeStructure(() => (this.renderCells(), this.backup.changed())),
      this.model.onDidChangeCell((cell) => (this.views.get(cell.uid)?.update(), this.backup.changed())),
      this.model.onDidChangeDirty(() => (this.fire(), this.backup.changed())),
    ];
    this.renderCells();
  }

  private detachModel(): void {
    for (const unsubscribe of this.modelSubscriptions) unsubscribe();
    for (const view of this.views.values()) view.dispose();
    this.views.clear();
  }

  /** Loads the file again (after a change on disk, or Revert); the kernel and its definitions stay. */
  private async reload(): Promise<void> {
    try {
      const file = await this.services.backend.request('notebook/read', { path: this.path });
      this.queue.cancelQueued();
      this.detachModel();
      this.model = new NotebookModel(file.notebook);
      this.mtimeMs = file.mtimeMs;
      this.deletedOnDisk = false;
      this.selected = undefined;
      this.attachModel();
      this.backup.changed();
      this.fire();
    } catch (error) {
      this.services.notifications.error(`Could not reload ${this.path}: ${(error as Error).message}`);
    }
  }

  /** Puts the cell views in the model's order, making views for new cells and dropping those of deleted ones. */
  private renderCells(): void {
    const cells = this.model.cells;
    this.list.querySelector('.notebook-empty')?.remove();
    const keep = new Set(cells.map((cell) => cell.uid));
    for (const [uid, view] of this.views) {
      if (!keep.has(uid)) {
        view.dispose();
        this.views.delete(uid);
      }
    }
    cells.forEach((cell, index) => {
      let view = this.views.get(cell.uid);
      if (!view) {
        view = new CellView(
          {
            monaco: this.services.monaco,
            notebookPath: this.path,
            onSelect: (selected, mode) => this.select(selected, mode),
            onAction: (target, action) => void this.onCellAction(target, action),
            onSourceChange: (target, source) => this.model.setSource(target, source),
            languageForFile: (file) => this.services.languageForFile(file),
            registerModel: (model) => this.services.registerModel(model, this.kernel),
          },
          cell,
        );
        this.views.set(cell.uid, view);
      }
      view.setIndex(index);
      view.element.setAttribute('role', 'listitem');
      if (this.list.children[index] !== view.element) this.list.insertBefore(view.element, this.list.children[index] ?? null);
    });
    if (cells.length === 0) {
      this.list.replaceChildren(
        el('div', { className: 'notebook-empty' }, 'This notebook has no cells.', el('button', { className: 'link-button', onclick: () => this.insertAt(0, 'code') }, 'Add a code cell')),
      );
    }
    if (this.selected && !cells.includes(this.selected)) this.selected = undefined;
    this.select(this.selected ?? cells[0], this.mode, false);
  }

  private select(cell: NotebookCellModel | undefined, mode: 'edit' | 'command', focus = false): void {
    this.selected = cell;
    this.mode = mode;
    for (const view of this.views.values()) view.setSelected(view.cell === cell, mode);
    if (!cell || !focus) return;
    const view = this.views.get(cell.uid);
    if (mode === 'edit') view?.focusEditor();
    else view?.focusCell();
  }

  private insertionIndex(): number {
    return this.selected ? this.model.cells.indexOf(this.selected) + 1 : this.model.cells.length;
  }

  private insertAt(index: number, kind: CellKind): NotebookCellModel {
    const cell = this.model.createCell(kind);
    this.model.insert(index, cell);
    this.select(cell, 'edit', true);
    return cell;
  }

  private neighbour(cell: NotebookCellModel, delta: number): NotebookCellModel | undefined {
    return this.model.cells[this.model.cells.indexOf(cell) + delta];
  }

  private deleteCell(cell: NotebookCellModel): void {
    const next = this.neighbour(cell, 1) ?? this.neighbour(cell, -1);
    if (cell.runState === 'running') void this.interrupt();
    const index = this.model.remove(cell);
    if (index >= 0) this.deleted.push({ cell, index });
    this.select(next, 'command', true);
  }

  /** V / Shift+V: the copied cells (C, X; from any notebook of this window) as new cells at `index`. */
  private paste(index: number): void {
    if (copiedCells.length === 0) return this.services.notifications.info('Nothing to paste: copy a cell with C (or cut it with X) in command mode first.');
    let last: NotebookCellModel | undefined;
    copiedCells.forEach((copied, offset) => {
      last = this.model.createCell(copied.kind, copied.source);
      this.model.insert(index + offset, last);
    });
    this.select(last, 'command', true);
  }

  /** Z: the last deleted cell back where it was, outputs and all (as Jupyter's undo cell deletion). */
  private undoDelete(): void {
    const restored = this.deleted.pop();
    if (!restored) return;
    this.model.insert(restored.index, restored.cell);
    this.select(restored.cell, 'command', true);
  }

  private async onCellAction(cell: NotebookCellModel, action: CellAction): Promise<void> {
    const view = this.views.get(cell.uid);
    const cells = this.model.cells;
    const index = cells.indexOf(cell);
    switch (action) {
      case 'run':
        return this.runInPlace(cell);
      case 'run-and-advance': {
        const wasEditing = this.mode === 'edit';
        const next = this.neighbour(cell, 1);
        if (next) this.select(next, wasEditing && next.kind !== 'markdown' ? 'edit' : 'command', true);
        else this.insertAt(cells.length, 'code');
        return this.runCells([cell]);
      }
      case 'run-and-insert':
        this.insertAt(index + 1, 'code');
        return this.runCells([cell]);
      case 'run-above':
        return this.runCells(cells.slice(0, index));
      case 'run-below':
        return this.runCells(cells.slice(index));
      case 'interrupt':
        return this.interrupt();
      case 'command-mode':
        view?.finishMarkdownEdit();
        return this.select(cell, 'command', true);
      case 'focus-previous':
      case 'focus-next': {
        const target = this.neighbour(cell, action === 'focus-previous' ? -1 : 1);
        if (!target) return;
        this.select(target, 'edit');
        this.views.get(target.uid)?.focusEditor(action === 'focus-previous' ? 'end' : 'start');
        return;
      }
      case 'move-up':
      case 'move-down':
        this.model.move(cell, action === 'move-up' ? -1 : 1);
        return this.select(cell, 'command', true);
      case 'delete':
        return this.deleteCell(cell);
      case 'to-code':
      case 'to-markdown':
        this.model.setKind(cell, action === 'to-code' ? 'code' : 'markdown');
        return this.select(cell, 'command', true);
      case 'clear-outputs':
        return this.clearOutputs(cell);
      case 'toggle-outputs':
        return this.model.setOutputsCollapsed(cell, !cell.outputsCollapsed);
      case 'insert-code-below':
      case 'insert-markdown-below':
        this.insertAt(index + 1, action === 'insert-code-below' ? 'code' : 'markdown');
        return;
    }
  }

  private runInPlace(cell: NotebookCellModel): Promise<void> {
    if (cell.kind === 'markdown') {
      this.views.get(cell.uid)?.finishMarkdownEdit();
      this.select(cell, 'command', true);
    }
    return this.runCells([cell]);
  }

  /** Command mode: keys on the focused cell (not in its editor) act on the notebook, as in Jupyter. */
  private onCommandKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    if (target.closest('.cell-editor, button, input, textarea, a')) return;
    const chord = chordOf(event);
    if (!this.keys.claims(chord)) return;
    event.preventDefault();
    event.stopPropagation();
    const action = this.keys.handle(chord);
    if (action) void this.onCommandAction(action);
  }

  private async onCommandAction(action: NotebookKeyAction): Promise<void> {
    const cell = this.selected;
    const cells = this.model.cells;
    switch (action) {
      case 'select-previous':
      case 'select-next': {
        const target = cell ? this.neighbour(cell, action === 'select-previous' ? -1 : 1) : cells[0];
        if (target) this.select(target, 'command', true);
        return;
      }
      case 'select-first':
      case 'select-last':
        return this.select(action === 'select-first' ? cells[0] : cells.at(-1), 'command', true);
      case 'insert-above':
      case 'insert-below': {
        const index = cell ? cells.indexOf(cell) + (action === 'insert-below' ? 1 : 0) : cells.length;
        const created = this.model.createCell('code');
        this.model.insert(index, created);
        return this.select(created, 'command', true);
      }
      case 'interrupt':
        return this.interrupt();
      case 'restart':
        await this.restart();
        return;
      case 'paste-below':
      case 'paste-above':
        return this.paste(cell ? cells.indexOf(cell) + (action === 'paste-below' ? 1 : 0) : cells.length);
      case 'undo-delete':
        return this.undoDelete();
    }
    if (!cell) return;
    switch (action) {
      case 'delete':
        return this.deleteCell(cell);
      case 'copy':
      case 'cut':
        copiedCells = [{ kind: cell.kind, source: cell.source }];
        if (action === 'cut') this.deleteCell(cell);
        return;
      case 'to-markdown':
      case 'to-code':
        this.model.setKind(cell, action === 'to-code' ? 'code' : 'markdown');
        return this.select(cell, 'command', true);
      case 'edit':
        return this.select(cell, 'edit', true);
      case 'run':
        return this.runInPlace(cell);
      case 'run-and-advance':
      case 'run-and-insert':
        return this.onCellAction(cell, action);
      case 'toggle-outputs':
        return this.model.setOutputsCollapsed(cell, !cell.outputsCollapsed);
      case 'move-up':
      case 'move-down':
        return this.onCellAction(cell, action);
    }
  }

  private showStatus(status: KernelState): void {
    this.statusElement.dataset.status = status.replace(' ', '-');
    this.statusElement.replaceChildren(el('span', { className: 'kernel-dot', 'aria-hidden': 'true' }), `OCaml kernel: ${STATUS_TEXT[status]}`);
    this.statusElement.title = status === 'not started' ? 'The OCaml toplevel starts when you run a cell' : `The OCaml toplevel is ${status}`;
    this.interruptButton.disabled = status !== 'busy';
    this.fire();
  }

  private fire(): void {
    for (const listener of this.listeners) listener();
  }
}
