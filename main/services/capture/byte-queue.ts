// The unconsumed bytes of a stream being decoded: appends chunks, copying only the small unread tail, never the whole file.

export class ByteQueue {
  private buffer: Buffer = Buffer.alloc(0);
  private start = 0;
  /** End of the unread bytes in `buffer` (a reused window is larger than what it holds). */
  private end = 0;
  /** Bytes consumed before `buffer[start]`, for error offsets. */
  private consumedBefore = 0;

  /**
   * `reuse`: keep one window and copy each chunk into it, so no buffer is allocated per chunk; the views `take` hands
   * out are then valid only until the next `push` (a reader that finishes with each frame before reading on wants this:
   * allocated chunks outlive it in the garbage collector's old space and swell the process).
   */
  constructor(private readonly reuse = false) {}

  push(chunk: Buffer): void {
    const tail = this.end - this.start;
    this.consumedBefore += this.start;
    if (this.reuse) this.pushIntoWindow(chunk, tail);
    else if (tail === 0) this.buffer = chunk;
    else this.buffer = Buffer.concat([this.buffer.subarray(this.start, this.end), chunk]);
    this.start = 0;
    this.end = tail + chunk.length;
  }

  private pushIntoWindow(chunk: Buffer, tail: number): void {
    if (tail + chunk.length > this.buffer.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(2 * this.buffer.length, tail + chunk.length));
      this.buffer.copy(bigger, 0, this.start, this.end);
      this.buffer = bigger;
    } else if (tail > 0 && this.start > 0) {
      this.buffer.copyWithin(0, this.start, this.end);
    }
    chunk.copy(this.buffer, tail);
  }

  get available(): number {
    return this.end - this.start;
  }

  /** Absolute offset in the stream of the next unread byte. */
  get position(): number {
    return this.consumedBefore + this.start;
  }

  /** The underlying buffer and where the unread bytes start in it (`available` of them), for reading fields in place. */
  view(): { bytes: Buffer; at: number } {
    return { bytes: this.buffer, at: this.start };
  }

  /** Consumes `length` bytes without making a view of them (headers already read in place). */
  skip(length: number): void {
    this.start += length;
  }

  /** Consumes `length` bytes and returns them without copying (valid for good unless the queue reuses its window). */
  take(length: number): Buffer {
    const taken = this.buffer.subarray(this.start, this.start + length);
    this.start += length;
    return taken;
  }
}
