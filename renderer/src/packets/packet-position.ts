// Where a frame is in the displayed list (Go to Packet): frame numbers grow along the list, so a binary search over
// positions, fetching one row per step (about 20 for a million rows), finds it without a request of its own.
import type { PacketRowsResult } from '../../../main/api';

/**
 * The 0-based position of frame `number` among `displayed` rows, or undefined when the filter hides it. `rows` is the
 * source's row fetch (`start`, `count`).
 */
export async function findDisplayedPosition(number: number, displayed: number, rows: (start: number, count: number) => Promise<PacketRowsResult>): Promise<number | undefined> {
  let low = 0;
  let high = displayed - 1;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const row = (await rows(middle, 1)).rows[0];
    if (!row) return undefined;
    if (row.number === number) return middle;
    if (row.number < number) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
