// Backpressure between a pty and the renderer: pause the pty while too much output is unacknowledged.
import { TERMINAL_HIGH_WATERMARK, TERMINAL_LOW_WATERMARK } from '../../api/terminal-protocol';

/** What flow control switches: in production the pty's read side. */
export interface OutputValve {
  pause(): void;
  resume(): void;
}

export interface Watermarks {
  high: number;
  low: number;
}

export class FlowControl {
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly valve: OutputValve,
    private readonly watermarks: Watermarks = { high: TERMINAL_HIGH_WATERMARK, low: TERMINAL_LOW_WATERMARK },
  ) {}

  /** Characters sent towards the renderer and not yet acknowledged by it. */
  get unacknowledged(): number {
    return this.unacked;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  produced(chars: number): void {
    this.unacked += chars;
    if (!this.paused && this.unacked > this.watermarks.high) {
      this.paused = true;
      this.valve.pause();
    }
  }

  acknowledged(chars: number): void {
    // A renderer that acknowledges more than it got (e.g. after a reconnect) must not push the count negative,
    // or a later flood would run unchecked until it paid the debt back.
    this.unacked = Math.max(0, this.unacked - chars);
    if (this.paused && this.unacked < this.watermarks.low) {
      this.paused = false;
      this.valve.resume();
    }
  }
}
