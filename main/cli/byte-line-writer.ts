// Gathers output lines as UTF-8 in a byte buffer and hands each full buffer on: no array of strings kept alive per batch.

/** 256 KiB: a few dozen syscalls for a big capture's lines, little memory. */
const BUFFER_SIZE = 256 * 1024;

export class ByteLineWriter {
  private buffer = Buffer.allocUnsafeSlow(BUFFER_SIZE);
  private used = 0;

  /** `write` receives each filled buffer; it may keep it (a pipe's queued write does): a fresh one replaces it. */
  constructor(private readonly write: (bytes: Buffer) => void) {}

  line(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit, plus the newline.
    const worst = text.length * 3 + 1;
    if (this.used + worst > BUFFER_SIZE) this.flush();
    if (worst > BUFFER_SIZE) {
      this.write(Buffer.from(`${text}\n`, 'utf8'));
      return;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
    this.buffer[this.used++] = 10;
  }

  flush(): void {
    if (this.used === 0) return;
    this.write(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafeSlow(BUFFER_SIZE);
    this.used = 0;
  }
}
