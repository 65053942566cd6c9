// Go to Packet's search: the position of a frame among the displayed rows, by frame number, in few row fetches.
import { describe, expect, it } from 'vitest';
import type { PacketRow, PacketRowsResult } from '../../../main/api';
import { findDisplayedPosition } from '../../../renderer/src/packets/packet-position';

/** Rows of frames `numbers` (a filtered view), counting fetches. */
function source(numbers: number[]) {
  let fetches = 0;
  const rows = async (start: number, count: number): Promise<PacketRowsResult> => {
    fetches++;
    const slice = numbers.slice(start, start + count).map((number) => ({ number }) as PacketRow);
    return { rows: slice, total: numbers.at(-1) ?? 0, matched: numbers.length };
  };
  return { rows, fetches: () => fetches };
}

describe('findDisplayedPosition', () => {
  it('finds each displayed frame at its position, and none that the filter hides', async () => {
    const numbers = [2, 3, 5, 8, 13, 21, 34, 55, 89];
    const { rows } = source(numbers);
    for (const [position, number] of numbers.entries()) expect(await findDisplayedPosition(number, numbers.length, rows)).toBe(position);
    for (const hidden of [1, 4, 20, 90, 1000]) expect(await findDisplayedPosition(hidden, numbers.length, rows)).toBeUndefined();
    expect(await findDisplayedPosition(5, 0, rows)).toBeUndefined();
  });

  it('takes about log2(rows) fetches in a million displayed rows', async () => {
    const numbers = Array.from({ length: 1_000_000 }, (_, index) => index * 2 + 1);
    const { rows, fetches } = source(numbers);
    expect(await findDisplayedPosition(777_777, numbers.length, rows)).toBe(388_888);
    expect(fetches()).toBeLessThanOrEqual(21);
  });
});
