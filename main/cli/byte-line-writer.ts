// Gathers output lines as UTF-8 in a byte buffer and hands each full buffer on: no array of strings kept alive per batch.
import { decimalDigits, digitsInto, spacesInto, utf8Into } from './utf8-into';

/** 256 KiB: a few dozen syscalls for a big capture's lines, little memory. */
export const BUFFER_SIZE = 256 * 1024;
/** Up to this many UTF-16 units, text is encoded in JavaScript; longer text costs one native call, worth it by then. */
const SHORT_TEXT = 24;

export class ByteLineWriter {
  private buffer = Buffer.allocUnsafeSlow(BUFFER_SIZE);
  private used = 0;
  /** Where the line being built started: a full buffer is handed on up to there, so no line is torn between two. */
  private lineStart = 0;

  /**
   * `write` receives each filled buffer and says whether it is done with it: true, the buffer is filled again; false (a
   * pipe's queued write keeps it), a fresh one replaces it. Reusing matters: buffers that live through a few collections
   * end in the old space, where each stays until a full collection.
   */
  constructor(private readonly write: (bytes: Buffer) => boolean) {}

  /** A whole line at once (any length). */
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
    this.lineStart = this.used;
  }

  // A line can also be built piece by piece, with no string made for it; pieces must be short (< 8 KiB).

  /**
   * Appends text as UTF-8. Short pieces (addresses, numbers' neighbours) are encoded here, quicker than a native call
   * each; longer ones (Info, often a two-byte string built by concatenation) go through Buffer's writer, which flattens
   * and encodes them faster than a loop here can. Lone surrogates become U+FFFD either way, as Buffer writes them.
   */
  text(text: string): void {
    const length = text.length;
    this.reserve(length * 3);
    if (length > SHORT_TEXT) this.used += this.buffer.write(text, this.used, 'utf8');
    else this.used = utf8Into(this.buffer, this.used, text);
  }

  /** Text right-aligned in `width` characters (as String.padStart). */
  textPadStart(text: string, width: number): void {
    this.spaces(width - text.length);
    this.text(text);
  }

  /** Text left-aligned in `width` characters (as String.padEnd). */
  textPadEnd(text: string, width: number): void {
    this.text(text);
    this.spaces(width - text.length);
  }

  spaces(count: number): void {
    if (count <= 0) return;
    this.reserve(count);
    this.used = spacesInto(this.buffer, this.used, count);
  }

  /** A non-negative integer in decimal, right-aligned in `width` characters. */
  integer(value: number, width = 0): void {
    const digits = decimalDigits(value);
    this.spaces(width - digits);
    this.digits(value, digits);
  }

  /** The low `count` decimal digits of a non-negative integer, with leading zeros. */
  digits(value: number, count: number): void {
    this.reserve(count);
    this.used = digitsInto(this.buffer, this.used, value, count);
  }

  /**
   * For a line written straight into the buffer: makes room for `count` bytes (at most BUFFER_SIZE) and returns the
   * buffer, to be written from `bufferedLength` on, then ended with commitLine().
   */
  claim(count: number): Buffer {
    this.reserve(count);
    return this.buffer;
  }

  /** Bytes written and not yet handed on (where a claimed line starts). */
  get bufferedLength(): number {
    return this.used;
  }

  /** Ends a claimed line: the bytes written go up to `end` (its newline included). */
  commitLine(end: number): void {
    this.used = end;
    this.lineStart = end;
  }

  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Whole lines copied from `source[start, end)`; any length (a long run may be handed on in two parts, split anywhere). */
  lines(source: Uint8Array, start: number, end: number): void {
    let from = start;
    while (from < end) {
      if (this.used === BUFFER_SIZE) this.handOn(this.used);
      const count = Math.min(end - from, BUFFER_SIZE - this.used);
      if (count < 64) {
        const buffer = this.buffer;
        let used = this.used;
        for (let index = from; index < from + count; index++) buffer[used++] = source[index]!;
      } else this.buffer.set(source.subarray(from, from + count), this.used);
      this.used += count;
      from += count;
    }
    this.lineStart = this.used;
  }

  endLine(): void {
    this.reserve(1);
    this.buffer[this.used++] = 10;
    this.lineStart = this.used;
  }

  flush(): void {
    this.handOn(this.used);
  }

  /** Hands on the whole lines and carries the line being built over to the start of the next buffer. */
  private reserve(count: number): void {
    if (this.used + count <= BUFFER_SIZE) return;
    // A line piece that cannot fit even in an empty buffer: hand on what there is (only a line over 256 KiB tears).
    if (this.lineStart === 0) return this.handOn(this.used);
    this.handOn(this.lineStart);
  }

  private handOn(end: number): void {
    if (end === 0) return;
    const old = this.buffer;
    if (!this.write(old.subarray(0, end))) this.buffer = Buffer.allocUnsafeSlow(BUFFER_SIZE);
    const partial = this.used - end;
    if (partial > 0) {
      if (this.buffer === old) old.copyWithin(0, end, this.used);
      else old.copy(this.buffer, 0, end, this.used);
    }
    this.used = partial;
    this.lineStart = 0;
  }
}
