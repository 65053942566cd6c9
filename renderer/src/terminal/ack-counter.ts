// Counts characters xterm has drawn and says when to acknowledge them, so the backend's flow control can release the pty.
import { TERMINAL_ACK_BATCH } from '../../../main/api/terminal-protocol';

export const ACK_BATCH = TERMINAL_ACK_BATCH;

export class AckCounter {
  private unacknowledged = 0;

  constructor(private readonly batch: number = ACK_BATCH) {}

  /** Records `chars` as written; returns how many to acknowledge now, or 0 to keep collecting. */
  written(chars: number): number {
    this.unacknowledged += chars;
    if (this.unacknowledged < this.batch) return 0;
    const due = this.unacknowledged;
    this.unacknowledged = 0;
    return due;
  }
}
