// Typed gdb/MI commands for a debugger front end: load, connect, breakpoints, run control, stack, data, console.
import { GdbMiProcess, type GdbMiObserver, type GdbMiProcessOptions } from './gdb-mi-process';
import type { MiCommand, MiOption } from './mi-command-line';
import {
  readBreakpoint,
  readFrames,
  readInstructions,
  readMemory,
  readRegisterNames,
  readRegisterValues,
  readVarChildren,
  readVarObject,
  readVariables,
  miList,
  miString,
  miTuple,
  type GdbBreakpoint,
  type GdbFrame,
  type GdbInstruction,
  type GdbMemoryBlock,
  type GdbRegisterValue,
  type GdbVarObject,
  type GdbVariable,
} from './gdb-results';

export interface BreakpointSpec {
  /** A linespec (`kernel_main`, `kernel.c:63`) or `*0x10000c`; ignored when `source` is set. */
  location?: string;
  /** Explicit source location: paths with blanks or colons need no linespec quoting. */
  source?: { file: string; line: number };
  hardware?: boolean;
  temporary?: boolean;
  condition?: string;
  /** Crossings gdb lets pass before the breakpoint stops (`-i`): a hit count. */
  ignoreCount?: number;
}

/** Which thread and frame a command reads; gdb's own selection is never relied upon. */
export interface FrameContext {
  thread?: number;
  frame?: number;
}

export type StepKind = 'next' | 'step' | 'finish' | 'next-instruction' | 'step-instruction' | 'continue';

export class GdbDriver {
  private constructor(readonly mi: GdbMiProcess) {}

  static async start(options: GdbMiProcessOptions, observer: GdbMiObserver): Promise<GdbDriver> {
    return new GdbDriver(await GdbMiProcess.start(options, observer));
  }

  private async run(command: MiCommand): Promise<void> {
    await this.mi.request(command);
  }

  /** `-gdb-set name value...` (a CLI `set`: the words are passed as they are). */
  set(name: string, ...values: string[]): Promise<void> {
    return this.run({ operation: '-gdb-set', parameters: [...name.split(' '), ...values], separator: 'never', raw: true });
  }

  loadImage(path: string): Promise<void> {
    return this.run({ operation: '-file-exec-and-symbols', parameters: [path] });
  }

  setArchitecture(architecture: string): Promise<void> {
    return this.set('architecture', architecture);
  }

  /** Files of the image with line information; empty when it has no DWARF. */
  async sourceFiles(): Promise<string[]> {
    const record = await this.mi.request({ operation: '-file-list-exec-source-files' });
    return miList(record.results, 'files').flatMap((item) => (typeof item === 'object' && !Array.isArray(item) && typeof item.fullname === 'string' ? [item.fullname] : []));
  }

  connectRemote(host: string, port: number): Promise<void> {
    return this.run({ operation: '-target-select', parameters: ['remote', `${host}:${port}`] });
  }

  async insertBreakpoint(spec: BreakpointSpec): Promise<GdbBreakpoint> {
    const options: MiOption[] = [];
    if (spec.temporary) options.push('-t');
    if (spec.hardware) options.push('-h');
    if (spec.condition) options.push(['-c', spec.condition]);
    if (spec.ignoreCount) options.push(['-i', String(spec.ignoreCount)]);
    if (spec.source) options.push(['--source', spec.source.file], ['--line', String(spec.source.line)]);
    const parameters = spec.source ? [] : [spec.location ?? ''];
    const record = await this.mi.request({ operation: '-break-insert', options, parameters });
    return readBreakpoint(record.results);
  }

  /** A watchpoint (`-break-watch`): stops when the expression's value is written, read (`read`) or either (`readWrite`). */
  async insertWatchpoint(expression: string, access: 'write' | 'read' | 'readWrite'): Promise<GdbBreakpoint> {
    const options: MiOption[] = access === 'read' ? ['-r'] : access === 'readWrite' ? ['-a'] : [];
    const record = await this.mi.request({ operation: '-break-watch', options, parameters: [expression] });
    const watch = miTuple(record.results.wpt) ?? miTuple(record.results['hw-awpt']) ?? miTuple(record.results['hw-rwpt']);
    const number = miString(watch, 'number');
    if (number === undefined) throw new Error('gdb answered -break-watch without a watchpoint');
    return { number, address: '(data)', hardware: true, temporary: false };
  }

  async deleteBreakpoints(numbers: string[]): Promise<void> {
    if (numbers.length > 0) await this.run({ operation: '-break-delete', parameters: numbers });
  }

  /** Resumes the guest; resolves on `^running` (the stop arrives later as a `*stopped` record). */
  resume(kind: StepKind, thread?: number): Promise<void> {
    const options: MiOption[] = thread === undefined ? [] : [['--thread', String(thread)]];
    return this.run({ operation: `-exec-${kind}`, options });
  }

  /** Resumes at another line (`-exec-jump`): the guest runs from there, so a temporary breakpoint should wait at it. */
  jump(file: string, line: number): Promise<void> {
    return this.run({ operation: '-exec-jump', parameters: [`${file}:${line}`] });
  }

  interrupt(): Promise<void> {
    return this.run({ operation: '-exec-interrupt' });
  }

  async frames(context: FrameContext, low?: number, high?: number): Promise<GdbFrame[]> {
    const parameters = low === undefined || high === undefined ? [] : [String(low), String(high)];
    const record = await this.mi.request({ operation: '-stack-list-frames', options: threadOptions(context), parameters });
    return readFrames(record.results);
  }

  async variables(context: FrameContext): Promise<GdbVariable[]> {
    const record = await this.mi.request({ operation: '-stack-list-variables', options: [...frameOptions(context), '--simple-values'] });
    return readVariables(record.results);
  }

  async registerNames(): Promise<string[]> {
    return readRegisterNames((await this.mi.request({ operation: '-data-list-register-names' })).results);
  }

  /** `format`: `x` hexadecimal, `N` natural (flags registers as `[ PE ET ]`). */
  async registerValues(numbers: number[], format: 'x' | 'N' = 'x', context: FrameContext = {}): Promise<GdbRegisterValue[]> {
    const record = await this.mi.request({ operation: '-data-list-register-values', options: [...frameOptions(context), '--skip-unavailable'], parameters: [format, ...numbers.map(String)] });
    return readRegisterValues(record.results);
  }

  async readMemory(address: string, count: number, offset = 0): Promise<GdbMemoryBlock[]> {
    const options: MiOption[] = offset === 0 ? [] : [['-o', String(offset)]];
    const record = await this.mi.request({ operation: '-data-read-memory-bytes', options, parameters: [address, String(count)] });
    return readMemory(record.results);
  }

  writeMemory(address: string, bytes: Buffer): Promise<void> {
    return this.run({ operation: '-data-write-memory-bytes', parameters: [address, bytes.toString('hex')], separator: 'never' });
  }

  /** Mode 5: instructions with raw bytes and their source lines, in address order. */
  async disassemble(start: string, end: string): Promise<GdbInstruction[]> {
    const record = await this.mi.request({ operation: '-data-disassemble', options: [['-s', start], ['-e', end]], parameters: ['5'], separator: 'always' });
    return readInstructions(record.results);
  }

  async evaluate(expression: string, context: FrameContext = {}): Promise<string> {
    const record = await this.mi.request({ operation: '-data-evaluate-expression', options: frameOptions(context), parameters: [expression], separator: 'never' });
    return typeof record.results.value === 'string' ? record.results.value : '';
  }

  /** The C expression a variable object's child stands for (`mbi->flags`, `message[3]`). */
  async varPathExpression(name: string): Promise<string> {
    const record = await this.mi.request({ operation: '-var-info-path-expression', parameters: [name] });
    return typeof record.results.path_expr === 'string' ? record.results.path_expr : '';
  }

  /** A CLI command (`info registers`, `x/4i $pc`, `monitor info mem`) and the text it printed. */
  async console(command: string, context: FrameContext = {}): Promise<string> {
    const answer = await this.mi.send({ operation: '-interpreter-exec', options: frameOptions(context), parameters: ['console', command], separator: 'never' }, { collectOutput: true });
    return answer.output;
  }

  async createVarObject(expression: string, context: FrameContext = {}): Promise<GdbVarObject> {
    const record = await this.mi.request({ operation: '-var-create', options: frameOptions(context), parameters: ['-', '*', expression], separator: 'never' });
    return readVarObject(record.results);
  }

  async varObjectChildren(name: string): Promise<GdbVarObject[]> {
    const record = await this.mi.request({ operation: '-var-list-children', options: ['--simple-values'], parameters: [name] });
    return readVarChildren(record.results);
  }

  deleteVarObject(name: string): Promise<void> {
    return this.run({ operation: '-var-delete', parameters: [name] });
  }

  exit(graceMs?: number): Promise<void> {
    return this.mi.exit(graceMs);
  }

  killNow(): void {
    this.mi.killNow();
  }
}

function threadOptions(context: FrameContext): MiOption[] {
  return context.thread === undefined ? [] : [['--thread', String(context.thread)]];
}

function frameOptions(context: FrameContext): MiOption[] {
  const options = threadOptions(context);
  if (context.frame !== undefined) options.push(['--frame', String(context.frame)]);
  return options;
}
