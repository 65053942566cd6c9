// Coalesces many small pty reads into few terminal/data events, so a chatty program costs few messages.

export interface BatchLimits {
  /** Longest time a chunk waits before it is sent. */
  delayMs: number;
  /** Send at once when this many characters are waiting. */
  maxChars: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { delayMs: 5, maxChars: 64 * 1024 };

export class OutputBatcher {
  private chunks: string[] = [];
  private pendingChars = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly emit: (data: string) => void,
    private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS,
  ) {}

  push(data: string): void {
    if (data.length === 0) return;
    this.chunks.push(data);
    this.pendingChars += data.length;
    if (this.pendingChars >= this.limits.maxChars) {
      this.flush();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), this.limits.delayMs);
    }
  }

  flush(): void {
    this.cancelTimer();
    if (this.pendingChars === 0) return;
    const data = this.chunks.join('');
    this.chunks = [];
    this.pendingChars = 0;
    this.emit(data);
  }

  /** Drops whatever is waiting: used when the terminal is being killed and its last output no longer matters. */
  dispose(): void {
    this.cancelTimer();
    this.chunks = [];
    this.pendingChars = 0;
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
