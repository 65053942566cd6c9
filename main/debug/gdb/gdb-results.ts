// Reads gdb/MI results into typed values: frames, variables, breakpoints, registers, memory, instructions, stops.
import type { MiTuple, MiValue } from './mi-record';

export interface GdbFrame {
  level: number;
  /** `0x0010001e`, as gdb prints it. */
  address: string;
  func?: string;
  /** As the DWARF names it (`kernel.c`). */
  file?: string;
  /** Absolute path gdb resolved. */
  fullname?: string;
  line?: number;
  /** The image a frame without symbols belongs to, when gdb knows it. */
  from?: string;
}

export interface GdbVariable {
  name: string;
  type?: string;
  /** Absent for structures, unions and arrays under `--simple-values`: they are expanded on demand. */
  value?: string;
  isArgument: boolean;
}

export interface GdbBreakpoint {
  number: string;
  /** `<PENDING>` or `<MULTIPLE>` for those; else the address. */
  address?: string;
  func?: string;
  file?: string;
  fullname?: string;
  line?: number;
  hardware: boolean;
  temporary: boolean;
}

export interface GdbRegisterValue {
  number: number;
  value: string;
}

export interface GdbMemoryBlock {
  begin: bigint;
  end: bigint;
  contents: Buffer;
}

export interface GdbInstruction {
  address: string;
  /** Raw bytes, `e8 b9 01 00 00`. */
  opcodes?: string;
  instruction: string;
  func?: string;
  offset?: number;
  file?: string;
  fullname?: string;
  line?: number;
}

export interface GdbStop {
  /** `breakpoint-hit`, `end-stepping-range`, `function-finished`, `signal-received`, `exited`...; absent on connect. */
  reason?: string;
  breakpointNumber?: string;
  /** A watchpoint's number, and its value before and after (`wpt`, `value` of a `*-watchpoint-trigger` stop). */
  watchpointNumber?: string;
  oldValue?: string;
  newValue?: string;
  signalName?: string;
  frame?: GdbFrame;
  threadId?: string;
}

export interface GdbVarObject {
  name: string;
  numchild: number;
  value?: string;
  type?: string;
  /** For children: the field or index name (`mem_lower_kib`, `[3]`, `*mbi`). */
  expression?: string;
}

export function miString(tuple: MiTuple | undefined, key: string): string | undefined {
  const value = tuple?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function miList(tuple: MiTuple | undefined, key: string): MiValue[] {
  const value = tuple?.[key];
  return Array.isArray(value) ? value : [];
}

export function miTuple(value: MiValue | undefined): MiTuple | undefined {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

function miNumber(tuple: MiTuple | undefined, key: string): number | undefined {
  const text = miString(tuple, key);
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  return Number(text);
}

function withDefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

export function readFrame(tuple: MiTuple | undefined): GdbFrame | undefined {
  if (!tuple) return undefined;
  const func = miString(tuple, 'func');
  return withDefined({
    level: miNumber(tuple, 'level') ?? 0,
    address: miString(tuple, 'addr') ?? '0x0',
    func: func === '??' ? undefined : func,
    file: miString(tuple, 'file'),
    fullname: miString(tuple, 'fullname'),
    line: miNumber(tuple, 'line'),
    from: miString(tuple, 'from'),
  });
}

export function readFrames(results: MiTuple): GdbFrame[] {
  return miList(results, 'stack').flatMap((item) => readFrame(miTuple(item)) ?? []);
}

export function readVariables(results: MiTuple): GdbVariable[] {
  return miList(results, 'variables').flatMap((item) => {
    const tuple = miTuple(item);
    const name = miString(tuple, 'name');
    if (!tuple || name === undefined) return [];
    return [withDefined({ name, type: miString(tuple, 'type'), value: miString(tuple, 'value'), isArgument: miString(tuple, 'arg') === '1' })];
  });
}

/** A breakpoint with several locations (an inlined function) reports the first one's place. */
export function readBreakpoint(results: MiTuple): GdbBreakpoint {
  const bkpt = miTuple(results.bkpt);
  if (!bkpt) throw new Error('gdb answered -break-insert without a breakpoint');
  const first = miTuple(miList(bkpt, 'locations')[0]);
  const place = miString(bkpt, 'addr') === '<MULTIPLE>' && first ? first : bkpt;
  const func = miString(place, 'func');
  return withDefined({
    number: miString(bkpt, 'number') ?? '?',
    address: miString(place, 'addr'),
    func: func === '??' ? undefined : func,
    file: miString(place, 'file'),
    fullname: miString(place, 'fullname'),
    line: miNumber(place, 'line'),
    hardware: (miString(bkpt, 'type') ?? '').startsWith('hw'),
    temporary: miString(bkpt, 'disp') === 'del',
  });
}

export function readRegisterNames(results: MiTuple): string[] {
  return miList(results, 'register-names').map((name) => (typeof name === 'string' ? name : ''));
}

export function readRegisterValues(results: MiTuple): GdbRegisterValue[] {
  return miList(results, 'register-values').flatMap((item) => {
    const tuple = miTuple(item);
    const number = miNumber(tuple, 'number');
    const value = miString(tuple, 'value');
    return number === undefined || value === undefined ? [] : [{ number, value }];
  });
}

export function readMemory(results: MiTuple): GdbMemoryBlock[] {
  return miList(results, 'memory').flatMap((item) => {
    const tuple = miTuple(item);
    const begin = miString(tuple, 'begin');
    const offset = miString(tuple, 'offset') ?? '0';
    const end = miString(tuple, 'end');
    const contents = miString(tuple, 'contents');
    if (begin === undefined || end === undefined || contents === undefined) return [];
    return [{ begin: BigInt(begin) + BigInt(offset), end: BigInt(end), contents: Buffer.from(contents, 'hex') }];
  });
}

/** Both shapes of `-data-disassemble`: plain instructions, or grouped by source line (modes 4 and 5). */
export function readInstructions(results: MiTuple): GdbInstruction[] {
  const instructions: GdbInstruction[] = [];
  const readOne = (tuple: MiTuple, source?: { file?: string; fullname?: string; line?: number }) => {
    const address = miString(tuple, 'address');
    if (address === undefined) return;
    const func = miString(tuple, 'func-name');
    instructions.push(
      withDefined({
        address,
        opcodes: miString(tuple, 'opcodes'),
        instruction: miString(tuple, 'inst') ?? '',
        func,
        offset: miNumber(tuple, 'offset'),
        file: source?.file,
        fullname: source?.fullname,
        line: source?.line,
      }),
    );
  };
  for (const item of miList(results, 'asm_insns')) {
    const tuple = miTuple(item);
    if (!tuple) continue;
    if ('line_asm_insn' in tuple) {
      const source = { file: miString(tuple, 'file'), fullname: miString(tuple, 'fullname'), line: miNumber(tuple, 'line') };
      for (const inner of miList(tuple, 'line_asm_insn')) {
        const instruction = miTuple(inner);
        if (instruction) readOne(instruction, source);
      }
    } else readOne(tuple);
  }
  return instructions.sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : BigInt(a.address) > BigInt(b.address) ? 1 : 0));
}

export function readStop(results: MiTuple): GdbStop {
  return withDefined({
    reason: miString(results, 'reason'),
    breakpointNumber: miString(results, 'bkptno'),
    watchpointNumber: miString(miTuple(results.wpt) ?? miTuple(results.hw_awpt) ?? miTuple(results.hw_rwpt) ?? {}, 'number'),
    oldValue: miString(miTuple(results.value) ?? {}, 'old'),
    newValue: miString(miTuple(results.value) ?? {}, 'new') ?? miString(miTuple(results.value) ?? {}, 'value'),
    signalName: miString(results, 'signal-name'),
    frame: readFrame(miTuple(results.frame)),
    threadId: miString(results, 'thread-id'),
  });
}

export function readVarObject(tuple: MiTuple): GdbVarObject {
  return withDefined({
    name: miString(tuple, 'name') ?? '',
    numchild: miNumber(tuple, 'numchild') ?? 0,
    value: miString(tuple, 'value'),
    type: miString(tuple, 'type'),
    expression: miString(tuple, 'exp'),
  });
}

export function readVarChildren(results: MiTuple): GdbVarObject[] {
  return miList(results, 'children').flatMap((item) => {
    const tuple = miTuple(item);
    return tuple ? [readVarObject(tuple)] : [];
  });
}
