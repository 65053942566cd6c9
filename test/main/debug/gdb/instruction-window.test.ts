// Exactly N instructions around an address, backwards too, from a stand-in disassembler over a known instruction stream.
import { describe, expect, it } from 'vitest';
import type { GdbInstruction } from '../../../../main/debug/gdb/gdb-results';
import { instructionWindow, type Disassembler } from '../../../../main/debug/gdb/instruction-window';

/** Two functions of known instructions (address, length); decoding from a misaligned byte yields 4-byte garbage. */
const FUNCTIONS = [
  { name: 'first', start: 0x1000n, lengths: [5, 2, 1, 1, 5, 3, 1] },
  { name: 'second', start: 0x1012n, lengths: [1, 2, 3, 6, 1] },
];
const TRUE_INSTRUCTIONS = FUNCTIONS.flatMap((fn) => {
  let address = fn.start;
  return fn.lengths.map((length, index) => {
    const instruction = { address, length, func: fn.name, offset: Number(address - fn.start), text: `${fn.name}.${index}` };
    address += BigInt(length);
    return instruction;
  });
});

function gdbInstruction(address: bigint, length: number, text: string): GdbInstruction {
  const fn = [...FUNCTIONS].reverse().find((candidate) => address >= candidate.start);
  return { address: `0x${address.toString(16).padStart(8, '0')}`, opcodes: Array.from({ length }, () => '90').join(' '), instruction: text, ...(fn ? { func: fn.name, offset: Number(address - fn.start) } : {}) };
}

const calls: [bigint, bigint][] = [];
const disassemble: Disassembler = async (start, end) => {
  calls.push([start, end]);
  const out: GdbInstruction[] = [];
  let at = start;
  while (at < end) {
    const known = TRUE_INSTRUCTIONS.find((instruction) => instruction.address === at);
    if (known) {
      out.push(gdbInstruction(at, known.length, known.text));
      at += BigInt(known.length);
    } else {
      out.push(gdbInstruction(at, 4, 'garbage'));
      at += 4n;
    }
  }
  return out;
};

const texts = (entries: Awaited<ReturnType<typeof instructionWindow>>) => entries.map((entry) => entry.instruction?.instruction ?? `?${entry.address.toString(16)}`);

describe('instructionWindow', () => {
  it('returns the instructions from an address', async () => {
    expect(texts(await instructionWindow(disassemble, 0x1000n, 0, 3))).toEqual(['first.0', 'first.1', 'first.2']);
  });

  it('skips forward for a positive offset', async () => {
    expect(texts(await instructionWindow(disassemble, 0x1000n, 2, 2))).toEqual(['first.2', 'first.3']);
  });

  it('goes backwards from the start of the enclosing function, not from a misaligned byte', async () => {
    // 0x1009 is first.4; a window starting at an odd byte would decode garbage that can also end there.
    expect(texts(await instructionWindow(disassemble, 0x1009n, -3, 5))).toEqual(['first.1', 'first.2', 'first.3', 'first.4', 'first.5']);
  });

  it('crosses into the previous function when the window asks for more', async () => {
    // second.2 at 0x1015: two instructions in `second` before it, then the tail of `first`.
    expect(texts(await instructionWindow(disassemble, 0x1015n, -4, 4))).toEqual(['first.5', 'first.6', 'second.0', 'second.1']);
  });

  it('keeps the first `count` of a window that ends before the address', async () => {
    expect(texts(await instructionWindow(disassemble, 0x1009n, -4, 2))).toEqual(['first.0', 'first.1']);
  });

  it('fills unreadable memory with placeholders, keeping the count exact', async () => {
    const unreadable: Disassembler = async () => {
      throw new Error('Cannot access memory at address 0x0');
    };
    const entries = await instructionWindow(unreadable, 0x2000n, -2, 5);
    expect(entries).toHaveLength(5);
    expect(entries.every((entry) => entry.instruction === undefined)).toBe(true);
    expect(entries.map((entry) => entry.address)).toEqual([0x1ffen, 0x1fffn, 0x2000n, 0x2001n, 0x2002n]);
  });

  it('does not go below address 0', async () => {
    const entries = await instructionWindow(disassemble, 0x1000n - 0x1000n, -3, 3);
    expect(entries.map((entry) => entry.address >= 0n)).toEqual([true, true, true]);
  });
});
