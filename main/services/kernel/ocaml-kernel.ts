// A notebook's OCaml kernel: runs cells one at a time in a toplevel, counts executions, interrupts, restarts, survives crashes.
import type { CellResult, JupyterOutput, KernelStatus } from '../../api/notebook-outputs';
import { CellOutputCollector } from './cell-output-collector';
import { ToplevelProcess, type ToplevelExit, type ToplevelOptions } from './toplevel-process';

export interface OcamlKernelOptions extends ToplevelOptions {
  onStatus?(status: KernelStatus): void;
  /** Said to the user, e.g. that the toplevel died and was restarted. */
  onNotice?(text: string): void;
}

export class OcamlKernel {
  private toplevel: ToplevelProcess;
  private executionCount = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private running = false;
  private currentStatus: KernelStatus = 'starting';
  private disposed = false;

  constructor(private readonly options: OcamlKernelOptions = {}) {
    this.toplevel = this.spawn();
  }

  get status(): KernelStatus {
    return this.currentStatus;
  }

  /** Runs `code` after the cells already queued; `onOutput` sees each output as the cell makes it. */
  execute(code: string, onOutput?: (output: JupyterOutput) => void): Promise<CellResult> {
    const result = this.queue.then(() => this.runNow(code, onOutput));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Stops the running cell (SIGINT to the toplevel, like Ctrl-C); the kernel keeps its definitions. */
  interrupt(): void {
    if (this.running) this.toplevel.interrupt();
  }

  /** A fresh toplevel: definitions are gone, the execution count starts again. */
  async restart(): Promise<void> {
    const old = this.toplevel;
    this.toplevel = this.spawn();
    this.executionCount = 0;
    await old.kill();
  }

  async shutdown(): Promise<void> {
    this.disposed = true;
    await this.toplevel.kill();
    this.setStatus('dead');
  }

  private spawn(): ToplevelProcess {
    const toplevel = new ToplevelProcess(this.options);
    void toplevel.exited.then(
      (exit) => this.onExit(toplevel, exit),
      (error: Error) => this.onExit(toplevel, { code: null, signal: null }, error),
    );
    this.setStatus('idle');
    return toplevel;
  }

  private async runNow(code: string, onOutput?: (output: JupyterOutput) => void): Promise<CellResult> {
    if (this.disposed) throw new Error('the kernel was shut down');
    const executionCount = ++this.executionCount;
    const collector = new CellOutputCollector(executionCount, onOutput);
    this.running = true;
    this.setStatus('busy');
    const toplevel = this.toplevel;
    try {
      const outcome = await toplevel.run(code, (event) => collector.add(event));
      if (outcome !== 'done') {
        const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with status ${outcome.code}`;
        collector.fail({ output_type: 'error', ename: 'Kernel died', evalue: `The OCaml toplevel ${how}; it was restarted and earlier definitions are gone.`, traceback: [] });
        return { executionCount, status: 'died', outputs: collector.outputs, error: collector.error };
      }
    } finally {
      this.running = false;
      if (this.toplevel.alive && !this.disposed) this.setStatus('idle');
    }
    const status = collector.error === undefined ? 'ok' : collector.error.ename === 'Interrupted' ? 'interrupted' : 'error';
    return { executionCount, status, outputs: collector.outputs, error: collector.error };
  }

  private onExit(toplevel: ToplevelProcess, exit: ToplevelExit, error?: Error): void {
    if (toplevel !== this.toplevel || this.disposed) return;
    this.setStatus('dead');
    const how = error ? `could not start (${error.message})` : exit.signal ? `was killed by ${exit.signal}` : `exited with status ${exit.code}`;
    this.options.onNotice?.(`The OCaml toplevel ${how}; restarting it.`);
    this.toplevel = this.spawn();
  }

  private setStatus(status: KernelStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.options.onStatus?.(status);
  }
}
