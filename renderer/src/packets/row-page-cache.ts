// Rows of the filtered view fetched in pages around what the list shows, cached (least recently used pages go first),
// fetched nearest-first with few requests in flight so a fast scroll over 1M rows never queues pages nobody looks at.
import type { PacketRow, PacketRowsResult } from '../../../main/api';

export type FetchRows = (start: number, count: number) => Promise<PacketRowsResult>;

export interface RowPageCacheOptions {
  fetch: FetchRows;
  /** Rows per request. */
  pageSize?: number;
  /** Pages kept; the least recently used go beyond this. */
  maxPages?: number;
  /** Requests in flight at once. */
  maxInFlight?: number;
  /** Pages loaded beyond each side of the wanted range, so short scrolls find their rows ready. */
  prefetchPages?: number;
  /** A page arrived (or failed): the list redraws what it shows; `result` carries the capture's counts then. */
  onLoaded(result: PacketRowsResult | undefined): void;
  onError?(error: Error): void;
  /** Milliseconds clock (tests pass their own). */
  now?(): number;
}

const RETRY_AFTER_MS = 1000;

interface Page {
  rows: PacketRow[];
  used: number;
}

export class RowPageCache {
  readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxInFlight: number;
  private readonly prefetchPages: number;
  private readonly pages = new Map<number, Page>();
  private readonly inFlight = new Set<number>();
  /** Bumped by invalidate(): answers to older requests describe another view and are dropped. */
  private generation = 0;
  private clock = 0;
  private wanted: { first: number; end: number } = { first: 0, end: 0 };
  /** Rows in the filtered view as last heard; pages past it are not asked for. */
  private rowCount = 0;
  /** Pages whose request failed, with when: asked again only after RETRY_AFTER_MS (a redraw must not loop on an error). */
  private readonly failed = new Map<number, number>();

  constructor(private readonly options: RowPageCacheOptions) {
    this.pageSize = options.pageSize ?? 200;
    this.maxPages = options.maxPages ?? 60;
    this.maxInFlight = options.maxInFlight ?? 2;
    this.prefetchPages = options.prefetchPages ?? 1;
  }

  get cachedPages(): number {
    return this.pages.size;
  }

  get pending(): number {
    return this.inFlight.size;
  }

  /** The row at an index of the filtered view, if its page is here. */
  get(index: number): PacketRow | undefined {
    const page = this.pages.get(Math.floor(index / this.pageSize));
    if (!page) return undefined;
    page.used = ++this.clock;
    return page.rows[index % this.pageSize];
  }

  setRowCount(count: number): void {
    this.rowCount = count;
  }

  /** Rows `first`..`end-1` are on screen: fetch their missing pages first, then the neighbours. */
  want(first: number, end: number): void {
    this.wanted = { first, end };
    this.pump();
  }

  /** The filter changed or the source was replaced: every page is stale. */
  invalidate(rowCount: number): void {
    this.generation++;
    this.pages.clear();
    this.inFlight.clear();
    this.failed.clear();
    this.rowCount = rowCount;
  }

  /**
   * Live rows that just arrived: rows `firstIndex`.. of a view now `matched` rows long (an event carries at most a few
   * hundred, so rows past them may still be missing). A page they extend grows in place; a page they cannot extend
   * contiguously is dropped and fetched again when shown.
   */
  appendLive(rows: readonly PacketRow[], firstIndex: number, matched: number): void {
    this.rowCount = matched;
    for (let i = 0; i < rows.length; i++) {
      const index = firstIndex + i;
      const number = Math.floor(index / this.pageSize);
      const slot = index % this.pageSize;
      const page = this.pages.get(number);
      if (page && page.rows.length === slot) page.rows.push(rows[i]);
      else if (!page && slot === 0) this.pages.set(number, { rows: [rows[i]], used: ++this.clock });
      else if (page && page.rows.length < slot) this.pages.delete(number);
    }
    this.evict();
  }

  private pageComplete(number: number): boolean {
    const page = this.pages.get(number);
    if (!page) return false;
    const expected = Math.min(this.pageSize, this.rowCount - number * this.pageSize);
    return page.rows.length >= expected;
  }

  /** Starts requests for the missing pages nearest the wanted range, up to the in-flight limit. */
  private pump(): void {
    if (this.rowCount === 0) return;
    const lastPage = Math.floor((this.rowCount - 1) / this.pageSize);
    const firstWanted = Math.floor(this.wanted.first / this.pageSize);
    const lastWanted = Math.floor(Math.max(this.wanted.first, this.wanted.end - 1) / this.pageSize);
    const from = Math.max(0, firstWanted - this.prefetchPages);
    const to = Math.min(lastPage, lastWanted + this.prefetchPages);
    const candidates: number[] = [];
    for (let page = Math.max(0, firstWanted); page <= Math.min(lastPage, lastWanted); page++) candidates.push(page);
    // Then neighbours, nearest first, the page below before the one above (scrolling down is the usual way).
    for (let distance = 1; from <= firstWanted - distance || lastWanted + distance <= to; distance++) {
      if (lastWanted + distance <= to) candidates.push(lastWanted + distance);
      if (firstWanted - distance >= from) candidates.push(firstWanted - distance);
    }
    for (const page of candidates) {
      if (this.inFlight.size >= this.maxInFlight) break;
      if (this.pageComplete(page)) {
        this.pages.get(page)!.used = ++this.clock;
        continue;
      }
      const failedAt = this.failed.get(page);
      if (failedAt !== undefined && this.now() - failedAt < RETRY_AFTER_MS) continue;
      if (!this.inFlight.has(page)) this.request(page);
    }
  }

  private request(page: number): void {
    const generation = this.generation;
    this.inFlight.add(page);
    const start = page * this.pageSize;
    this.options.fetch(start, Math.min(this.pageSize, this.rowCount - start)).then(
      (result) => {
        if (generation !== this.generation) return;
        this.inFlight.delete(page);
        this.failed.delete(page);
        this.rowCount = result.matched;
        // A live page may have grown past the answer meanwhile; keep whichever knows more rows.
        const current = this.pages.get(page);
        if (!current || current.rows.length <= result.rows.length) this.pages.set(page, { rows: result.rows, used: ++this.clock });
        this.evict();
        this.options.onLoaded(result);
        this.pump();
      },
      (error: Error) => {
        if (generation !== this.generation) return;
        this.inFlight.delete(page);
        this.failed.set(page, this.now());
        this.options.onError?.(error);
        this.options.onLoaded(undefined);
      },
    );
  }

  private now(): number {
    return this.options.now ? this.options.now() : performance.now();
  }

  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const byAge = [...this.pages.entries()].sort((a, b) => a[1].used - b[1].used);
    for (const [number] of byAge.slice(0, this.pages.size - this.maxPages)) this.pages.delete(number);
  }
}
