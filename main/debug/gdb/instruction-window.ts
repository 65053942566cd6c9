// Picks exactly N instructions around an address, also before it, though x86 code cannot be decoded backwards.
import type { GdbInstruction } from './gdb-results';

export interface WindowEntry {
  address: bigint;
  /** Absent where memory could not be read or decoded: the view shows a placeholder. */
  instruction?: GdbInstruction;
}

export type Disassembler = (start: bigint, end: bigint) => Promise<GdbInstruction[]>;

/** x86 instructions are at most 15 bytes. */
const MAX_INSTRUCTION_BYTES = 15;
/** Instructions average 3 to 4 bytes; this much code before an address holds the wanted ones in practice. */
const BYTES_PER_INSTRUCTION_BACK = 8;
const MAX_WINDOW_BYTES = 16 * 1024;
/** How many functions a backward window may cross to find the instructions asked for. */
const MAX_FUNCTIONS_BACK = 4;

/** `offset` counts instructions from `origin` (negative: before it), as DAP's disassemble does. */
export async function instructionWindow(disassemble: Disassembler, origin: bigint, offset: number, count: number): Promise<WindowEntry[]> {
  const entries: WindowEntry[] = [];
  const before = Math.max(0, -offset);
  if (before > 0) {
    const found = await instructionsBefore(disassemble, origin, before);
    const keep = found.slice(Math.max(0, found.length - before));
    const firstAddress = keep[0] ? BigInt(keep[0].address) : origin;
    for (let missing = before - keep.length; missing > 0; missing--) entries.push({ address: clampAddress(firstAddress - BigInt(missing)) });
    entries.push(...keep.map((instruction) => ({ address: BigInt(instruction.address), instruction })));
  }
  const skip = Math.max(0, offset);
  const after = Math.max(0, count - entries.length) + skip;
  if (after > 0) {
    const found = await safely(disassemble, origin, origin + BigInt(Math.min(after * MAX_INSTRUCTION_BYTES, MAX_WINDOW_BYTES)));
    const forward = found.filter((instruction) => BigInt(instruction.address) >= origin);
    let next = origin;
    for (let index = 0; index < after; index++) {
      const instruction = forward[index];
      const entry: WindowEntry = instruction ? { address: BigInt(instruction.address), instruction } : { address: next };
      next = entry.address + BigInt(instruction ? Math.max(1, byteLength(instruction)) : 1);
      if (index >= skip) entries.push(entry);
    }
  }
  // A negative offset whose window ends before `origin` keeps only the first `count`.
  return entries.slice(0, count);
}

async function instructionsBefore(disassemble: Disassembler, origin: bigint, wanted: number, depth = 0): Promise<GdbInstruction[]> {
  const span = BigInt(Math.min(wanted * BYTES_PER_INSTRUCTION_BACK + 2 * MAX_INSTRUCTION_BYTES, MAX_WINDOW_BYTES));
  const windowStart = origin > span ? origin - span : 0n;
  const probe = await safely(disassemble, windowStart, origin);
  // Several decodings can end exactly at `origin`; code decoded from the start of its function (gdb names it and the
  // offset into it, even for a misaligned decoding) is the one the CPU runs.
  const last = probe.filter((instruction) => BigInt(instruction.address) < origin).at(-1);
  if (last?.func !== undefined && last.offset !== undefined) {
    const functionStart = BigInt(last.address) - BigInt(last.offset);
    if (functionStart < origin && origin - functionStart <= BigInt(MAX_WINDOW_BYTES)) {
      const body = await safely(disassemble, functionStart, origin);
      const end = body.findIndex((instruction) => endsAt(instruction, origin));
      if (end >= 0) {
        const found = body.slice(0, end + 1);
        if (found.length >= wanted || functionStart === 0n || depth >= MAX_FUNCTIONS_BACK) return found;
        return [...(await instructionsBefore(disassemble, functionStart, wanted - found.length, depth + 1)), ...found];
      }
    }
  }
  // No symbols: the first start byte whose decoding lands on `origin` (decoding resynchronises within a few instructions).
  for (let shift = 0n; shift < BigInt(MAX_INSTRUCTION_BYTES) && windowStart + shift < origin; shift++) {
    const found = shift === 0n ? probe : await safely(disassemble, windowStart + shift, origin);
    const end = found.findIndex((instruction) => endsAt(instruction, origin));
    if (end >= 0) return found.slice(0, end + 1);
  }
  return [];
}

function endsAt(instruction: GdbInstruction, address: bigint): boolean {
  return BigInt(instruction.address) + BigInt(byteLength(instruction)) === address;
}

function byteLength(instruction: GdbInstruction): number {
  return instruction.opcodes ? instruction.opcodes.trim().split(/\s+/).length : 0;
}

async function safely(disassemble: Disassembler, start: bigint, end: bigint): Promise<GdbInstruction[]> {
  try {
    return await disassemble(start, end);
  } catch {
    // Unreadable memory: the caller fills the window with placeholders.
    return [];
  }
}

function clampAddress(address: bigint): bigint {
  return address < 0n ? 0n : address;
}
