// Gathers the guest's console text into fewer DAP output events: a serial port gives the adapter a few bytes at a time.
/** How long console text may wait for more before it is sent: well under what a reader notices. */
export const CONSOLE_BATCH_WINDOW_MS = 10;
/** Text past this length is sent at once, so a flood of output goes out in bounded events. */
export const CONSOLE_BATCH_MAX_CHARS = 64 * 1024;

export class ConsoleOutputBatch {
  private pending = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly send: (text: string) => void) {}

  add(text: string): void {
    if (text === '') return;
    this.pending += text;
    if (this.pending.length >= CONSOLE_BATCH_MAX_CHARS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), CONSOLE_BATCH_WINDOW_MS);
  }

  /** Sends what is gathered now: before any other event, so the client sees the console and the stops in order. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.send(text);
  }
}
