// Frames per second over the last minute, from the running frame count the capture reports (for the rate sparkline).

export const RATE_WINDOW_SECONDS = 60;

export class PacketRateHistory {
  /** Frames counted in each whole second, keyed by the second (ms / 1000, floored). */
  private readonly perSecond = new Map<number, number>();
  private lastTotal: number | undefined;

  /** The capture had `total` frames at `nowMs`: the growth since the last report counts in this second. */
  record(nowMs: number, total: number): void {
    const second = Math.floor(nowMs / 1000);
    if (this.lastTotal !== undefined && total > this.lastTotal) {
      this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + (total - this.lastTotal));
    }
    this.lastTotal = total;
    for (const key of this.perSecond.keys()) if (key <= second - RATE_WINDOW_SECONDS) this.perSecond.delete(key);
  }

  reset(): void {
    this.perSecond.clear();
    this.lastTotal = undefined;
  }

  /** Frames per second for each of the last 60 seconds, oldest first; the last one is the second still running. */
  bins(nowMs: number): number[] {
    const second = Math.floor(nowMs / 1000);
    const bins: number[] = [];
    for (let s = second - RATE_WINDOW_SECONDS + 1; s <= second; s++) bins.push(this.perSecond.get(s) ?? 0);
    return bins;
  }
}
