// The notebook's cell executor: magic cells (%%file, %build, %run, %targets, %doctor) run here, OCaml cells in the toplevel,
// in one queue with one execution count. Both the IDE and `mirador notebook run` use it.
import type { CellErrorPosition, CellResult, ErrorOutput, JupyterOutput, KernelStatus } from '../api/notebook-outputs';
import type { NotebookCompletionItem } from '../api/notebook-protocol';
import type { OcamlKernel } from '../services/kernel/ocaml-kernel';
import type { CellExecutor } from '../services/notebook/cell-executor';
import { parseMagicCell, type MagicCell } from './magic-cell';
import { MagicFailure, type Magic, type MagicContext } from './magic-context';
import { buildMagic } from './magics/build-magic';
import { fileMagic } from './magics/file-magic';
import { runMagic } from './magics/run-magic';
import { doctorMagic, targetsMagic } from './magics/toolchain-magics';

const LINE_MAGICS: Record<string, Magic> = { build: buildMagic, run: runMagic, targets: targetsMagic, doctor: doctorMagic };
const CELL_MAGICS: Record<string, Magic> = { file: fileMagic };
const KNOWN = '%%file PATH, %build [TARGET], %run [CONFIG] [--until REGEX] [--timeout S], %targets, %doctor';

export interface MagicOptions {
  /** The project folder magics act on; null when none is open. */
  workspace: string | null;
  appRoot: string;
}

export class MagicCellExecutor implements CellExecutor {
  private running: AbortController | undefined;

  constructor(
    private readonly kernel: OcamlKernel,
    private readonly options: MagicOptions,
  ) {}

  get status(): KernelStatus {
    return this.kernel.status;
  }

  execute(code: string, onOutput?: (output: JupyterOutput) => void): Promise<CellResult> {
    const magic = parseMagicCell(code);
    if (!magic) return this.kernel.execute(code, onOutput);
    return this.kernel.executeTask(() => this.runMagic(magic, onOutput));
  }

  /** Stops a running magic (a build is cancelled, a guest stopped), else the toplevel's cell. */
  interrupt(): void {
    if (this.running) this.running.abort();
    else this.kernel.interrupt();
  }

  restart(): Promise<void> {
    this.running?.abort();
    return this.kernel.restart();
  }

  complete(prefix: string): Promise<NotebookCompletionItem[] | null> {
    return this.kernel.complete(prefix);
  }

  shutdown(): Promise<void> {
    this.running?.abort();
    return this.kernel.shutdown();
  }

  private async runMagic(magic: MagicCell, onOutput?: (output: JupyterOutput) => void): Promise<Omit<CellResult, 'executionCount'>> {
    const outputs: JupyterOutput[] = [];
    const controller = new AbortController();
    this.running = controller;
    const context: MagicContext = {
      workspace: this.options.workspace,
      appRoot: this.options.appRoot,
      signal: controller.signal,
      emit: (output) => {
        const last = outputs.at(-1);
        // Adjacent text of one stream is one output, as the toplevel's cells store it.
        if (output.output_type === 'stream' && last?.output_type === 'stream' && last.name === output.name) last.text = `${last.text as string}${output.text as string}`;
        else outputs.push({ ...output });
        onOutput?.(output);
      },
    };
    let line = 1;
    try {
      if (magic.kind === 'invalid') {
        line = magic.line;
        throw new MagicFailure('UsageError', magic.message);
      }
      if (magic.kind === 'cell-magic') {
        const run = CELL_MAGICS[magic.name];
        if (!run) throw new MagicFailure('UnknownMagic', `%%${magic.name} is not a Mirador magic; there are ${KNOWN}`);
        await run(magic.args, context, magic.body);
      } else {
        for (const entry of magic.lines) {
          line = entry.line;
          const run = LINE_MAGICS[entry.name];
          if (!run) throw new MagicFailure('UnknownMagic', `%${entry.name} is not a Mirador magic; there are ${KNOWN}`);
          await run(entry.args, context, '');
          if (controller.signal.aborted) throw new MagicFailure('Interrupted', 'interrupted');
        }
      }
      return { status: 'ok', outputs };
    } catch (error) {
      const failure = error instanceof MagicFailure ? error : new MagicFailure('Error', (error as Error).message);
      const interrupted = controller.signal.aborted;
      const position: CellErrorPosition = { line, startColumn: 0, endLine: line, endColumn: 0 };
      const output: ErrorOutput = { output_type: 'error', ename: interrupted ? 'Interrupted' : failure.ename, evalue: `Line ${line}: ${failure.message}`, traceback: failure.traceback };
      outputs.push(output);
      onOutput?.(output);
      return { status: interrupted ? 'interrupted' : 'error', outputs, error: { ...output, position } };
    } finally {
      if (this.running === controller) this.running = undefined;
    }
  }
}
