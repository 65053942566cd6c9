// Reads the state of a stopped guest through gdb: stack, variables, registers, memory, code, expressions, the console.
import { GdbCommandError } from './gdb-mi-process';
import type { GdbDriver } from './gdb-driver';
import type { GdbFrame, GdbVarObject, GdbVariable } from './gdb-results';
import { instructionWindow, type WindowEntry } from './instruction-window';
import { FLAG_REGISTERS, registerGroupLayout, type RegisterGroupLayout, type RegisterGroupName } from './register-groups';

export interface RegisterGroup {
  name: RegisterGroupName;
  registers: { name: string; value: string }[];
}

/** VS Code asks for 20 frames after a stop. */
const PREFETCHED_FRAMES = 20;

export class GuestStateReader {
  private readonly varObjects = new Set<string>();
  private registerLayout: Promise<RegisterGroupLayout[]> | undefined;
  /** What an editor asks for right after every stop, asked of gdb while the stop event travels (see prefetch). */
  private snapshot: { threadId: number; frames: Promise<GdbFrame[]>; locals: Promise<GdbVariable[]> | undefined; localsAsked: boolean } | undefined;

  constructor(private readonly gdb: GdbDriver) {}

  /**
   * Every editor asks for the stack after a stop, then the top frame's locals: asking gdb for both now overlaps its
   * answers with the stop event's trip to the editor and the editor's stackTrace and scopes requests (measured by
   * bench:step: about a tenth of a millisecond a step, out of two and a half).
   */
  prefetch(threadId: number): void {
    const frames = this.gdb.frames({ thread: threadId }, 0, PREFETCHED_FRAMES - 1);
    // Nobody may ask: an unread failure must not surface as an unhandled rejection.
    frames.catch(() => undefined);
    this.snapshot = { threadId, frames, locals: undefined, localsAsked: false };
    this.prefetchLocals(threadId);
  }

  private prefetchLocals(threadId: number): void {
    const snapshot = this.snapshot;
    if (!snapshot || snapshot.threadId !== threadId || snapshot.localsAsked) return;
    snapshot.localsAsked = true;
    snapshot.locals = this.gdb.variables({ thread: threadId, frame: 0 });
    snapshot.locals.catch(() => undefined);
  }

  /** Commands that may change the guest's state make the prefetched locals stale. */
  private invalidateLocals(): void {
    if (this.snapshot) this.snapshot.locals = undefined;
  }

  /** The guest resumes: what was read of this stop is stale, and gdb's variable objects for it go. */
  async forget(): Promise<void> {
    this.snapshot = undefined;
    if (this.varObjects.size === 0) return;
    const names = [...this.varObjects];
    this.varObjects.clear();
    for (const name of names) await this.gdb.deleteVarObject(name).catch(() => undefined);
  }

  async frames(threadId: number, start: number, levels: number): Promise<GdbFrame[]> {
    const snapshot = this.snapshot;
    if (snapshot?.threadId === threadId && start + levels <= PREFETCHED_FRAMES) {
      if (start === 0) this.prefetchLocals(threadId);
      const frames = await snapshot.frames.catch(() => undefined);
      if (frames) return frames.slice(start, start + levels);
    }
    return this.gdb.frames({ thread: threadId }, start, start + Math.max(1, levels) - 1);
  }

  async variables(threadId: number, frame: number): Promise<GdbVariable[]> {
    const locals = this.snapshot?.threadId === threadId && frame === 0 ? this.snapshot.locals : undefined;
    const prefetched = locals ? await locals.catch(() => undefined) : undefined;
    return prefetched ?? this.gdb.variables({ thread: threadId, frame });
  }

  /** A gdb variable object for an expression; its children are listed on demand. Dropped when the guest resumes. */
  async createVarObject(expression: string, threadId: number, frame: number): Promise<GdbVarObject> {
    // An expression may assign (`x = 3`).
    this.invalidateLocals();
    const varObject = await this.gdb.createVarObject(expression, { thread: threadId, frame });
    this.varObjects.add(varObject.name);
    return varObject;
  }

  varObjectChildren(name: string): Promise<GdbVarObject[]> {
    return this.gdb.varObjectChildren(name);
  }

  async registerGroups(threadId: number, frame: number): Promise<RegisterGroup[]> {
    this.registerLayout ??= this.gdb.registerNames().then(registerGroupLayout);
    const layout = await this.registerLayout;
    const numbers = layout.flatMap((group) => group.registers.map((register) => register.number));
    const context = { thread: threadId, frame };
    const hex = new Map((await this.gdb.registerValues(numbers, 'x', context)).map((value) => [value.number, value.value]));
    const flagNumbers = layout.flatMap((group) => group.registers.filter((register) => FLAG_REGISTERS.has(register.name)).map((register) => register.number));
    const flags = new Map(flagNumbers.length > 0 ? (await this.gdb.registerValues(flagNumbers, 'N', context)).map((value) => [value.number, value.value]) : []);
    return layout.map((group) => ({
      name: group.name,
      registers: group.registers.flatMap(({ number, name }) => {
        const value = hex.get(number);
        if (value === undefined) return [];
        const decoded = flags.get(number);
        return [{ name, value: decoded && decoded.startsWith('[') ? `${value} ${decoded}` : value }];
      }),
    }));
  }

  /** Reads `count` bytes; the first unreadable byte ends the data (DAP's unreadableBytes counts the rest). */
  async readMemory(address: bigint, count: number): Promise<{ address: bigint; data: Buffer; unreadable: number }> {
    if (count <= 0) return { address, data: Buffer.alloc(0), unreadable: 0 };
    let blocks;
    try {
      blocks = await this.gdb.readMemory(`0x${address.toString(16)}`, count);
    } catch (error) {
      if (error instanceof GdbCommandError) return { address, data: Buffer.alloc(0), unreadable: count };
      throw error;
    }
    const parts: Buffer[] = [];
    let next = address;
    for (const block of blocks.sort((a, b) => (a.begin < b.begin ? -1 : 1))) {
      if (block.begin !== next) break;
      parts.push(block.contents);
      next = block.end;
    }
    const data = Buffer.concat(parts).subarray(0, count);
    return { address, data, unreadable: count - data.length };
  }

  writeMemory(address: bigint, data: Buffer): Promise<void> {
    this.invalidateLocals();
    return this.gdb.writeMemory(`0x${address.toString(16)}`, data);
  }

  disassemble(origin: bigint, instructionOffset: number, count: number): Promise<WindowEntry[]> {
    return instructionWindow((start, end) => this.gdb.disassemble(`0x${start.toString(16)}`, `0x${end.toString(16)}`), origin, instructionOffset, count);
  }

  evaluate(expression: string, threadId: number, frame: number): Promise<string> {
    this.invalidateLocals();
    return this.gdb.evaluate(expression, { thread: threadId, frame });
  }

  varPathExpression(name: string): Promise<string> {
    return this.gdb.varPathExpression(name);
  }

  /** A gdb CLI command from the debug console (`-exec info registers`); resolves with what it printed. */
  console(command: string, threadId?: number, frame?: number): Promise<string> {
    // `set var`, `frame 2`, `-exec jump`...: a console command can change anything; the stack is asked again.
    this.snapshot = undefined;
    return this.gdb.console(command, threadId === undefined ? {} : { thread: threadId, frame });
  }
}

export type { WindowEntry };
