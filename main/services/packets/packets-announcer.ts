// Tells a client about new frames in batches: at most one event per interval (20 a second), the first one without delay.
import type { PacketsEventBody } from '../../api/packets-protocol';
import type { PacketTable } from './packet-table';

/** 50 ms: 20 events a second at most, and a frame waits at most that long before it is announced. */
export const ANNOUNCE_INTERVAL_MS = 50;
/** Rows carried by one event; past that the client asks for the rows it shows. */
export const ANNOUNCE_MAX_ROWS = 500;

export class PacketsAnnouncer {
  private timer: NodeJS.Timeout | undefined;
  private lastSent = -Infinity;
  private ended = false;

  constructor(
    private readonly table: PacketTable,
    private readonly send: (body: PacketsEventBody) => void,
    private readonly intervalMs = ANNOUNCE_INTERVAL_MS,
  ) {}

  /** Frames were appended: announce them now, or when the interval since the last event has passed. */
  framesArrived(): void {
    if (this.ended || this.timer) return;
    const wait = this.lastSent + this.intervalMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** The capture is over: one last event with what is left and why it ended; nothing after it. */
  end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.send({ ...this.batch(), ended: reason });
  }

  dispose(): void {
    this.ended = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    if (this.ended) return;
    this.lastSent = performance.now();
    this.send(this.batch());
  }

  private batch(): PacketsEventBody {
    const rows = this.table.takeNewRows(ANNOUNCE_MAX_ROWS);
    return { total: this.table.total, matched: this.table.matched, rows };
  }
}
