// A notebook as the editor changes it: cells, their sources and outputs, dirty state, and the nbformat JSON it saves.
import type { JupyterOutput, Notebook, NotebookCell } from '../../../main/api';
import { joinMultiline, storedOutput, toLines } from './ipynb-rules';

export type CellKind = 'code' | 'markdown' | 'raw';

export type CellRunState = 'idle' | 'queued' | 'running';

let nextUid = 1;

export class NotebookCellModel {
  /** Identity inside this editor (stable across saves); the nbformat `id`, when present, is kept in the raw cell. */
  readonly uid = `cell-${nextUid++}`;
  kind: CellKind;
  source: string;
  outputs: JupyterOutput[];
  executionCount: number | null;
  runState: CellRunState = 'idle';
  private sourceChanged = false;
  private outputsChanged = false;

  constructor(
    /** The cell as read (or created), so that every field Mirador does not know is written back unchanged. */
    private readonly raw: NotebookCell,
  ) {
    this.kind = raw.cell_type;
    this.source = joinMultiline(raw.source);
    this.outputs = raw.outputs ?? [];
    this.executionCount = raw.execution_count ?? null;
  }

  get outputsCollapsed(): boolean {
    const jupyter = this.raw.metadata.jupyter as { outputs_hidden?: unknown } | undefined;
    return jupyter?.outputs_hidden === true || this.raw.metadata.collapsed === true;
  }

  /** Jupyter stores this in the cell metadata (`jupyter.outputs_hidden`, or classic's `collapsed`), so it survives a save. */
  setOutputsCollapsed(collapsed: boolean): void {
    const metadata = { ...this.raw.metadata };
    if ('collapsed' in metadata) metadata.collapsed = collapsed;
    const jupyter = { ...((metadata.jupyter as Record<string, unknown> | undefined) ?? {}) };
    if (collapsed) jupyter.outputs_hidden = true;
    else delete jupyter.outputs_hidden;
    if (Object.keys(jupyter).length > 0) metadata.jupyter = jupyter;
    else delete metadata.jupyter;
    this.raw.metadata = metadata;
  }

  setSource(source: string): boolean {
    if (source === this.source) return false;
    this.source = source;
    this.sourceChanged = true;
    return true;
  }

  setOutputs(outputs: JupyterOutput[], executionCount: number | null = this.executionCount): void {
    this.outputs = outputs;
    this.executionCount = executionCount;
    this.outputsChanged = true;
  }

  toJSON(): NotebookCell {
    const cell: NotebookCell = { ...this.raw, cell_type: this.kind, source: this.sourceChanged ? toLines(this.source) : this.raw.source };
    if (this.kind === 'code') {
      cell.outputs = this.outputsChanged ? this.outputs.map(storedOutput) : (this.raw.outputs ?? []);
      cell.execution_count = this.executionCount;
    } else {
      delete cell.outputs;
      delete cell.execution_count;
    }
    return cell;
  }
}

export class NotebookModel {
  readonly cells: NotebookCellModel[];
  private version = 0;
  private savedVersion = 0;
  private readonly structureListeners = new Set<() => void>();
  private readonly cellListeners = new Set<(cell: NotebookCellModel) => void>();
  private readonly dirtyListeners = new Set<() => void>();

  constructor(private readonly document: Notebook) {
    this.cells = document.cells.map((cell) => new NotebookCellModel(cell));
  }

  get isDirty(): boolean {
    return this.version !== this.savedVersion;
  }

  /** nbformat 4.5 gives every cell an id; older notebooks have none and get none from us. */
  private get wantsCellIds(): boolean {
    return this.document.nbformat > 4 || (this.document.nbformat === 4 && this.document.nbformat_minor >= 5);
  }

  createCell(kind: CellKind, source = ''): NotebookCellModel {
    const raw: NotebookCell = { cell_type: kind, metadata: {}, source: toLines(source) };
    if (this.wantsCellIds) raw.id = randomCellId();
    if (kind === 'code') Object.assign(raw, { outputs: [], execution_count: null });
    return new NotebookCellModel(raw);
  }

  insert(index: number, cell: NotebookCellModel): void {
    this.cells.splice(Math.max(0, Math.min(index, this.cells.length)), 0, cell);
    this.structureChanged();
  }

  remove(cell: NotebookCellModel): number {
    const index = this.cells.indexOf(cell);
    if (index < 0) return -1;
    this.cells.splice(index, 1);
    this.structureChanged();
    return index;
  }

  move(cell: NotebookCellModel, delta: number): boolean {
    const index = this.cells.indexOf(cell);
    const target = index + delta;
    if (index < 0 || target < 0 || target >= this.cells.length) return false;
    this.cells.splice(index, 1);
    this.cells.splice(target, 0, cell);
    this.structureChanged();
    return true;
  }

  setKind(cell: NotebookCellModel, kind: CellKind): void {
    if (cell.kind === kind) return;
    cell.kind = kind;
    if (kind !== 'code') cell.setOutputs([], null);
    this.cellChanged(cell);
  }

  setSource(cell: NotebookCellModel, source: string): void {
    if (cell.setSource(source)) this.cellChanged(cell);
  }

  setOutputs(cell: NotebookCellModel, outputs: JupyterOutput[], executionCount?: number | null): void {
    cell.setOutputs(outputs, executionCount);
    this.cellChanged(cell);
  }

  setOutputsCollapsed(cell: NotebookCellModel, collapsed: boolean): void {
    cell.setOutputsCollapsed(collapsed);
    this.cellChanged(cell);
  }

  /** Run states are not part of the document: listeners hear of them, the dirty state does not change. */
  setRunState(cell: NotebookCellModel, state: CellRunState): void {
    if (cell.runState === state) return;
    cell.runState = state;
    for (const listener of this.cellListeners) listener(cell);
  }

  toJSON(): Notebook {
    return { ...this.document, cells: this.cells.map((cell) => cell.toJSON()) };
  }

  /** Restored from a hot-exit backup: the notebook differs from its file until saved. */
  markUnsaved(): void {
    this.bump();
  }

  markSaved(): void {
    this.savedVersion = this.version;
    for (const listener of this.dirtyListeners) listener();
  }

  onDidChangeStructure(listener: () => void): () => void {
    this.structureListeners.add(listener);
    return () => this.structureListeners.delete(listener);
  }

  onDidChangeCell(listener: (cell: NotebookCellModel) => void): () => void {
    this.cellListeners.add(listener);
    return () => this.cellListeners.delete(listener);
  }

  onDidChangeDirty(listener: () => void): () => void {
    this.dirtyListeners.add(listener);
    return () => this.dirtyListeners.delete(listener);
  }

  private structureChanged(): void {
    this.bump();
    for (const listener of this.structureListeners) listener();
  }

  private cellChanged(cell: NotebookCellModel): void {
    this.bump();
    for (const listener of this.cellListeners) listener(cell);
  }

  private bump(): void {
    const wasDirty = this.isDirty;
    this.version += 1;
    if (!wasDirty) for (const listener of this.dirtyListeners) listener();
  }
}

/** nbformat 4.5 cell ids: 1–64 characters of letters, digits, `-` and `_`. */
function randomCellId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A new notebook for the OCaml kernel: nbformat 4.5 with one empty code cell. */
export function emptyNotebook(metadata: Record<string, unknown>): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata,
    cells: [{ cell_type: 'code', id: randomCellId(), metadata: {}, source: [], outputs: [], execution_count: null }],
  };
}
