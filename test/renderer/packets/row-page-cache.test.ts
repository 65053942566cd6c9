// Unit tests of the row page cache: pages around the viewport, nearest first, few in flight, stale answers dropped, live rows.
import { describe, expect, it } from 'vitest';
import type { PacketRow, PacketRowsResult } from '../../../main/api';
import { RowPageCache } from '../../../renderer/src/packets/row-page-cache';

const row = (index: number): PacketRow => ({ number: index + 1, time: index / 1000, source: 'a', destination: 'b', protocol: 'UDP', length: 60, info: `row ${index}`, colour: 'udp' });

/** A fetcher whose answers the test releases by hand, so ordering and staleness can be checked. */
function controlledFetch(total: number) {
  const calls: { start: number; count: number; resolve(): void; reject(error: Error): void }[] = [];
  const fetch = (start: number, count: number) =>
    new Promise<PacketRowsResult>((resolve, reject) => {
      calls.push({
        start,
        count,
        resolve: () => resolve({ rows: Array.from({ length: Math.min(count, total - start) }, (_, i) => row(start + i)), total, matched: total }),
        reject,
      });
    });
  return { calls, fetch };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RowPageCache', () => {
  it('fetches the visible page first, then its neighbours, at most two at a time', async () => {
    const { calls, fetch } = controlledFetch(10_000);
    let loaded = 0;
    const cache = new RowPageCache({ fetch, pageSize: 100, onLoaded: () => loaded++ });
    cache.invalidate(10_000);
    cache.want(5_020, 5_040);
    expect(calls.map((c) => c.start)).toEqual([5_000, 5_100]);
    expect(cache.get(5_020)).toBeUndefined();
    calls[0].resolve();
    await settle();
    expect(loaded).toBe(1);
    expect(cache.get(5_020)?.info).toBe('row 5020');
    // The freed slot goes to the page above; nothing beyond one page of prefetch is asked for.
    expect(calls.map((c) => c.start)).toEqual([5_000, 5_100, 4_900]);
    calls[1].resolve();
    calls[2].resolve();
    await settle();
    expect(calls).toHaveLength(3);
    expect(cache.cachedPages).toBe(3);
  });

  it('skips pages the viewport has left: a fast scroll asks only for where it stops', async () => {
    const { calls, fetch } = controlledFetch(1_000_000);
    const cache = new RowPageCache({ fetch, pageSize: 200, onLoaded: () => undefined });
    cache.invalidate(1_000_000);
    for (let first = 0; first < 1_000_000; first += 25_000) cache.want(first, first + 20);
    // Two requests went out at the start; the rest waited and were never asked for.
    expect(calls).toHaveLength(2);
    cache.want(999_980, 1_000_000);
    calls[0].resolve();
    await settle();
    expect(calls[2].start).toBe(999_800);
    expect(calls[2].count).toBe(200);
  });

  it('drops answers made for an older filter', async () => {
    const { calls, fetch } = controlledFetch(1000);
    const cache = new RowPageCache({ fetch, pageSize: 100, onLoaded: () => undefined });
    cache.invalidate(1000);
    cache.want(0, 20);
    cache.invalidate(500);
    calls[0].resolve();
    await settle();
    expect(cache.get(0)).toBeUndefined();
    cache.want(0, 20);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls[2].start).toBe(0);
  });

  it('evicts the least recently used pages beyond its limit', async () => {
    const { calls, fetch } = controlledFetch(100_000);
    const cache = new RowPageCache({ fetch, pageSize: 100, maxPages: 3, prefetchPages: 0, maxInFlight: 1, onLoaded: () => undefined });
    cache.invalidate(100_000);
    for (const first of [0, 1000, 2000, 3000]) {
      cache.want(first, first + 10);
      calls[calls.length - 1].resolve();
      await settle();
    }
    expect(cache.cachedPages).toBe(3);
    expect(cache.get(0)).toBeUndefined();
    expect(cache.get(3000)?.number).toBe(3001);
  });

  it('appends live rows to the last page and refetches a page they cannot extend', async () => {
    const { calls, fetch } = controlledFetch(150);
    const cache = new RowPageCache({ fetch, pageSize: 100, onLoaded: () => undefined });
    cache.invalidate(150);
    cache.want(120, 150);
    calls[0].resolve();
    calls[1].resolve();
    await settle();
    expect(cache.get(149)?.number).toBe(150);
    cache.appendLive([row(150), row(151)], 150, 152);
    expect(cache.get(151)?.number).toBe(152);
    // A burst with a gap (an event carries at most a few hundred rows; the rest are asked for): a page that cannot be
    // extended contiguously is dropped.
    cache.appendLive([row(198), row(199), row(200)], 198, 201);
    expect(cache.get(151)).toBeUndefined();
    expect(cache.get(200)?.number).toBe(201);
    cache.want(180, 201);
    expect(calls.map((c) => [c.start, c.count])).toContainEqual([100, 100]);
  });

  it('does not ask again for a failed page until a second has passed', async () => {
    let now = 0;
    const { calls, fetch } = controlledFetch(1000);
    const errors: string[] = [];
    const cache = new RowPageCache({ fetch, pageSize: 100, prefetchPages: 0, onLoaded: () => cache.want(0, 10), onError: (e) => errors.push(e.message), now: () => now });
    cache.invalidate(1000);
    cache.want(0, 10);
    calls[0].reject(new Error('adapter busy'));
    await settle();
    expect(errors).toEqual(['adapter busy']);
    expect(calls).toHaveLength(1);
    now = 1500;
    cache.want(0, 10);
    expect(calls).toHaveLength(2);
  });
});
