// The renderer's handle on one notebook's kernel session: starts it on first use, routes its events, ends it on close.
import type { CellResult, JupyterOutput, KernelStatus, NotebookCompletion } from '../../../main/api';
import type { BackendClient, Subscription } from '../transport/backend-client';

export type KernelState = KernelStatus | 'not started';

export interface NotebookKernelEvents {
  onStatus(status: KernelState): void;
  onNotice(text: string): void;
}

export class NotebookKernel {
  private session: Promise<number> | undefined;
  private notebookId: number | undefined;
  private readonly outputSinks = new Map<string, (output: JupyterOutput) => void>();
  private readonly subscriptions: Subscription[];
  private currentStatus: KernelState = 'not started';
  private disposed = false;

  constructor(
    private readonly backend: BackendClient,
    private path: string,
    private readonly events: NotebookKernelEvents,
  ) {
    this.subscriptions = [
      backend.on('notebook/output', (event) => {
        if (event.notebookId === this.notebookId) this.outputSinks.get(event.cellId)?.(event.output);
      }),
      backend.on('notebook/status', (event) => {
        if (event.notebookId === this.notebookId) this.setStatus(event.status);
      }),
      backend.on('notebook/notice', (event) => {
        if (event.notebookId === this.notebookId) this.events.onNotice(event.text);
      }),
    ];
  }

  get status(): KernelState {
    return this.currentStatus;
  }

  /** Runs a cell; `onOutput` sees its outputs while it runs. */
  async execute(cellId: string, code: string, onOutput: (output: JupyterOutput) => void): Promise<CellResult> {
    const notebookId = await this.start();
    this.outputSinks.set(cellId, onOutput);
    try {
      return await this.backend.request('notebook/execute', { notebookId, cellId, code });
    } finally {
      this.outputSinks.delete(cellId);
    }
  }

  async interrupt(): Promise<void> {
    if (this.notebookId !== undefined) await this.backend.request('notebook/interrupt', { notebookId: this.notebookId });
  }

  async restart(): Promise<void> {
    if (this.notebookId !== undefined) await this.backend.request('notebook/restart', { notebookId: this.notebookId });
  }

  async complete(code: string, offset: number): Promise<NotebookCompletion> {
    const notebookId = await this.start();
    return this.backend.request('notebook/complete', { notebookId, code, offset });
  }

  rename(path: string): void {
    this.path = path;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const subscription of this.subscriptions) subscription.dispose();
    if (this.notebookId !== undefined) void this.backend.request('notebook/close', { notebookId: this.notebookId }).catch(() => undefined);
  }

  private start(): Promise<number> {
    this.session ??= this.backend.request('notebook/start', { path: this.path }).then(
      ({ notebookId }) => {
        this.notebookId = notebookId;
        // Closed while the session was being made: end it now.
        if (this.disposed) void this.backend.request('notebook/close', { notebookId }).catch(() => undefined);
        return notebookId;
      },
      (error: unknown) => {
        this.session = undefined;
        throw error;
      },
    );
    return this.session;
  }

  private setStatus(status: KernelState): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.events.onStatus(status);
  }
}
