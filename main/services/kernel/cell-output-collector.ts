// Collects one cell's events into Jupyter outputs (adjacent stream chunks merged) and reports each as it is made.
import type { ExecuteResultOutput, JupyterOutput, StreamOutput } from '../../api/notebook-outputs';
import { compileError, exceptionError, type CellError } from './toplevel-error-report';
import type { CellEvent } from './toplevel-process';

/** Mime types whose payload is binary and stored base64, as nbformat wants. */
const BINARY_MIME = /^image\/(png|jpeg|gif|webp)$/;

export class CellOutputCollector {
  readonly outputs: JupyterOutput[] = [];
  error: CellError | undefined;

  constructor(
    private readonly executionCount: number,
    private readonly onOutput: (output: JupyterOutput) => void = () => undefined,
  ) {}

  add(event: CellEvent): void {
    if (event.type === 'stream') return this.stream(event.name, event.text);
    const text = event.payload.toString('utf8');
    switch (event.kind) {
      case 'value':
        return this.push({ output_type: 'execute_result', execution_count: this.executionCount, data: { 'text/plain': text.replace(/\n$/, '') }, metadata: {} } satisfies ExecuteResultOutput);
      case 'warning':
        return this.stream('stderr', text);
      case 'display': {
        const mime = event.args[0] ?? 'text/plain';
        const data = BINARY_MIME.test(mime) ? event.payload.toString('base64') : text;
        return this.push({ output_type: 'display_data', data: { [mime]: data }, metadata: {} });
      }
      case 'error':
        return this.fail(compileError(text));
      case 'exception':
        return this.fail(exceptionError(text, Number(event.args[0] ?? 0)));
    }
  }

  fail(error: CellError): void {
    this.error ??= error;
    const { position: _position, ...output } = error;
    this.push(output);
  }

  private stream(name: 'stdout' | 'stderr', text: string): void {
    if (!text) return;
    const last = this.outputs.at(-1);
    if (last?.output_type === 'stream' && last.name === name) last.text = `${last.text as string}${text}`;
    else this.outputs.push({ output_type: 'stream', name, text } satisfies StreamOutput);
    this.onOutput({ output_type: 'stream', name, text });
  }

  private push(output: JupyterOutput): void {
    this.outputs.push(output);
    this.onOutput(output);
  }
}
