// The unconsumed bytes of a stream being decoded: appends chunks, copying only the small unread tail, never the whole file.

export class ByteQueue {
  private buffer: Buffer = Buffer.alloc(0);
  private start = 0;
  /** Bytes consumed before `buffer[start]`, for error offsets. */
  private consumedBefore = 0;

  push(chunk: Buffer): void {
    if (this.start >= this.buffer.length) {
      this.consumedBefore += this.buffer.length;
      this.buffer = chunk;
    } else {
      const tail = this.buffer.subarray(this.start);
      this.consumedBefore += this.start;
      this.buffer = Buffer.concat([tail, chunk]);
    }
    this.start = 0;
  }

  get available(): number {
    return this.buffer.length - this.start;
  }

  /** Absolute offset in the stream of the next unread byte. */
  get position(): number {
    return this.consumedBefore + this.start;
  }

  /** The underlying buffer and where the unread bytes start in it, for reading fields in place. */
  view(): { bytes: Buffer; at: number } {
    return { bytes: this.buffer, at: this.start };
  }

  /** Consumes `length` bytes without making a view of them (headers already read in place). */
  skip(length: number): void {
    this.start += length;
  }

  /** Consumes `length` bytes and returns them without copying (they stay valid: chunks are never reused). */
  take(length: number): Buffer {
    const taken = this.buffer.subarray(this.start, this.start + length);
    this.start += length;
    return taken;
  }
}
