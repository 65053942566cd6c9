// One renderer connection's notebook kernels: one per open notebook, started with its first cell, ended on close or disconnect.
import type { CellResult, EventName, EventPayload, KernelStatus, NotebookCompletion, NotebookExecuteParams, NotebookKernelInfo } from '../api';
import type { NotebookCompleteParams } from '../api/notebook-protocol';
import { OcamlKernel } from '../services/kernel/ocaml-kernel';
import { MiradorError } from '../services/mirador-error';
import type { CellExecutor } from '../services/notebook/cell-executor';
import { completionPrefix } from './completion-prefix';

type Notify = <K extends EventName>(event: K, payload: EventPayload<K>) => void;

export interface KernelHooks {
  onStatus(status: KernelStatus): void;
  onNotice(text: string): void;
}

export interface NotebookSessionOptions {
  /** The workspace folder: kernels run there (so `open_in "x"` and `%%file x` agree), or in the backend's folder. */
  cwd(): string | null;
  notify: Notify;
  /** Makes the executor of one notebook (the OCaml kernel, with magics in front when the backend offers them). */
  createExecutor?(cwd: string, hooks: KernelHooks): CellExecutor;
}

interface OpenNotebook {
  path: string;
  executor?: CellExecutor;
}

export class NotebookSession {
  private readonly notebooks = new Map<number, OpenNotebook>();
  private nextId = 1;

  constructor(private readonly options: NotebookSessionOptions) {}

  /** Registers an open notebook; its kernel process starts only when a cell runs or completion is asked. */
  start(path: string): NotebookKernelInfo {
    const notebookId = this.nextId++;
    this.notebooks.set(notebookId, { path });
    return { notebookId };
  }

  execute({ notebookId, cellId, code }: NotebookExecuteParams): Promise<CellResult> {
    const executor = this.executorOf(notebookId);
    return executor.execute(code, (output) => this.options.notify('notebook/output', { notebookId, cellId, output }));
  }

  interrupt(notebookId: number): void {
    this.notebookOf(notebookId).executor?.interrupt();
  }

  async restart(notebookId: number): Promise<void> {
    const notebook = this.notebookOf(notebookId);
    if (!notebook.executor) return;
    this.options.notify('notebook/status', { notebookId, status: 'starting' });
    await notebook.executor.restart();
  }

  async complete({ notebookId, code, offset }: NotebookCompleteParams): Promise<NotebookCompletion> {
    const { from, prefix } = completionPrefix(code, offset);
    if (prefix === '') return { from, items: [], source: 'toplevel' };
    const items = await this.executorOf(notebookId).complete(prefix);
    return items === null ? { from, items: [], source: 'busy' } : { from, items, source: 'toplevel' };
  }

  /** The notebook was closed: its kernel ends. */
  async close(notebookId: number): Promise<void> {
    const notebook = this.notebooks.get(notebookId);
    this.notebooks.delete(notebookId);
    await notebook?.executor?.shutdown();
  }

  /** The connection is gone: every kernel ends. */
  async dispose(): Promise<void> {
    await Promise.all([...this.notebooks.keys()].map((notebookId) => this.close(notebookId)));
  }

  private notebookOf(notebookId: number): OpenNotebook {
    const notebook = this.notebooks.get(notebookId);
    if (!notebook) throw new MiradorError('not-found', `Notebook session ${notebookId} is closed; reopen the notebook.`);
    return notebook;
  }

  private executorOf(notebookId: number): CellExecutor {
    const notebook = this.notebookOf(notebookId);
    if (!notebook.executor) {
      const cwd = this.options.cwd() ?? process.cwd();
      const hooks: KernelHooks = {
        onStatus: (status) => this.options.notify('notebook/status', { notebookId, status }),
        onNotice: (text) => this.options.notify('notebook/notice', { notebookId, text: `${notebook.path}: ${text}` }),
      };
      hooks.onStatus('starting');
      notebook.executor = this.options.createExecutor?.(cwd, hooks) ?? new OcamlKernel({ cwd, ...hooks });
    }
    return notebook.executor;
  }
}
