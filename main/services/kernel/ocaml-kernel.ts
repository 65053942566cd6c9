// A notebook's OCaml kernel: runs cells one at a time in a toplevel, counts executions, interrupts, restarts, survives crashes.
import type { CellResult, JupyterOutput, KernelStatus } from '../../api/notebook-outputs';
import type { NotebookCompletionItem, NotebookCompletionKind } from '../../api/notebook-protocol';
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
  /** Cells queued or running: completion is answered only when none is. */
  private cellsInFlight = 0;
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
    return this.enqueue(() => this.runNow(code, onOutput));
  }

  /**
   * Runs a cell that is not OCaml (a notebook magic) in the same queue as the toplevel's cells, with the next execution
   * count, so counts and order stay one sequence; the kernel is busy meanwhile.
   */
  executeTask(task: (executionCount: number) => Promise<Omit<CellResult, 'executionCount'>>): Promise<CellResult> {
    return this.enqueue(async () => {
      if (this.disposed) throw new Error('the kernel was shut down');
      const executionCount = ++this.executionCount;
      this.setStatus('busy');
      try {
        return { executionCount, ...(await task(executionCount)) };
      } finally {
        if (this.toplevel.alive && !this.disposed) this.setStatus('idle');
      }
    });
  }

  /** Names the toplevel knows starting with `prefix` (e.g. `List.ma`); null while a cell is queued or running. */
  async complete(prefix: string): Promise<NotebookCompletionItem[] | null> {
    if (this.cellsInFlight > 0 || this.disposed) return null;
    const answer = await this.toplevel.complete(prefix);
    return answer
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [label = '', kind = 'value', detail = ''] = line.split('\t');
        return { label, kind: kind as NotebookCompletionKind, ...(detail && { detail }) };
      });
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

  private enqueue(job: () => Promise<CellResult>): Promise<CellResult> {
    this.cellsInFlight += 1;
    const result = this.queue.then(job).finally(() => (this.cellsInFlight -= 1));
    this.queue = result.catch(() => undefined);
    return result;
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
    // A toplevel that could not start is not restarted in a loop; the next cell tries again.
    if (!this.toplevel.alive) this.toplevel = this.spawn();
    const executionCount = ++this.executionCount;
    const collector = new CellOutputCollector(executionCount, onOutput);
    this.running = true;
    this.setStatus('busy');
    const toplevel = this.toplevel;
    try {
      const outcome = await toplevel.run(code, (event) => collector.add(event));
      if (outcome !== 'done') {
        const how = toplevel.startError ? `could not start (${toplevel.startError.message})` : outcome.signal ? `was killed by ${outcome.signal}` : `exited with status ${outcome.code}`;
        const evalue = toplevel.ready ? `The OCaml toplevel ${how}; it was restarted and earlier definitions are gone.` : cannotStart(toplevel, how);
        collector.fail({ output_type: 'error', ename: 'Kernel died', evalue, traceback: toplevel.ready ? [] : toplevel.strayOutput.split('\n') });
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
    if (error || !toplevel.ready) {
      // It died before it could read a cell: a restart would die the same way, over and over.
      this.options.onNotice?.(cannotStart(toplevel, how));
      return;
    }
    this.options.onNotice?.(`The OCaml toplevel ${how}; restarting it.`);
    this.toplevel = this.spawn();
  }

  private setStatus(status: KernelStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.options.onStatus?.(status);
  }
}

function cannotStart(toplevel: ToplevelProcess, how: string): string {
  const said = toplevel.strayOutput ? ` (it said: ${toplevel.strayOutput.split('\n').slice(-3).join(' | ')})` : '';
  const what = how.startsWith('could not start') ? `The OCaml toplevel ${how}` : `The OCaml toplevel ${how} before it was ready`;
  return `${what}${said}. Check that ocaml and findlib are installed (apt-get install ocaml-interp libfindlib-ocaml-dev, or opam install ocamlfind); the next cell tries again.`;
}
