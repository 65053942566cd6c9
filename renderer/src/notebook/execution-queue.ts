// Runs cells one at a time in the order asked; a cell that fails (error, interrupt, dead kernel) cancels the cells queued after it, as in Jupyter.
import type { CellResult } from '../../../main/api';
import type { CellRunState } from './notebook-model';

export interface QueuedCell {
  readonly uid: string;
}

export interface ExecutionQueueHost<C extends QueuedCell> {
  run(cell: C): Promise<CellResult>;
  setState(cell: C, state: CellRunState): void;
}

export class ExecutionQueue<C extends QueuedCell> {
  private readonly waiting: Array<{ cell: C; done: (result: CellResult | undefined) => void }> = [];
  private running: C | undefined;

  constructor(private readonly host: ExecutionQueueHost<C>) {}

  get busy(): boolean {
    return this.running !== undefined || this.waiting.length > 0;
  }

  /** Resolves with the cell's result, or undefined when it was cancelled before it ran. */
  enqueue(cell: C): Promise<CellResult | undefined> {
    if (this.running === cell || this.waiting.some((entry) => entry.cell === cell)) return Promise.resolve(undefined);
    const result = new Promise<CellResult | undefined>((done) => this.waiting.push({ cell, done }));
    this.host.setState(cell, 'queued');
    void this.pump();
    return result;
  }

  /** Cells not started yet go back to idle; the running one is the kernel's to stop (interrupt). */
  cancelQueued(): void {
    for (const entry of this.waiting.splice(0)) {
      this.host.setState(entry.cell, 'idle');
      entry.done(undefined);
    }
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.running = next.cell;
    this.host.setState(next.cell, 'running');
    let result: CellResult | undefined;
    try {
      result = await this.host.run(next.cell);
    } catch {
      result = undefined;
    }
    this.running = undefined;
    this.host.setState(next.cell, 'idle');
    if (result?.status !== 'ok') this.cancelQueued();
    next.done(result);
    void this.pump();
  }
}
