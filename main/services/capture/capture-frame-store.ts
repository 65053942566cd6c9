// A capture held in the backend in compact form: frame bytes packed into large slabs plus a typed-array index, no per-frame objects.
import type { CaptureFrame } from './capture-frame';

const SLAB_SIZE = 4 * 1024 * 1024;
/** Index words per frame: slab, offset, captured length, original length, seconds, nanoseconds, interface, link type. */
const WORDS = 8;

export class CaptureFrameStore {
  private slabs: Buffer[] = [];
  private slabUsed = SLAB_SIZE;
  private index = new Float64Array(1024 * WORDS);
  private readonly comments = new Map<number, string>();
  count = 0;

  /** Copies the frame in (readers hand out views into chunks that must not stay alive) and returns its 0-based index. */
  append(frame: CaptureFrame): number {
    const length = frame.data.length;
    if (this.slabUsed + length > (this.slabs.at(-1)?.length ?? 0)) {
      this.slabs.push(Buffer.allocUnsafe(Math.max(SLAB_SIZE, length)));
      this.slabUsed = 0;
    }
    frame.data.copy(this.slabs.at(-1)!, this.slabUsed);
    if ((this.count + 1) * WORDS > this.index.length) {
      const grown = new Float64Array(this.index.length * 2);
      grown.set(this.index);
      this.index = grown;
    }
    const at = this.count * WORDS;
    this.index[at] = this.slabs.length - 1;
    this.index[at + 1] = this.slabUsed;
    this.index[at + 2] = length;
    this.index[at + 3] = frame.originalLength;
    this.index[at + 4] = frame.seconds;
    this.index[at + 5] = frame.nanoseconds;
    this.index[at + 6] = frame.interfaceId;
    this.index[at + 7] = frame.linkType;
    if (frame.comment !== undefined) this.comments.set(this.count, frame.comment);
    this.slabUsed += length;
    return this.count++;
  }

  /** The frame at a 0-based index; its data is a view into the store (valid as long as the store). */
  frame(number: number): CaptureFrame | undefined {
    if (!Number.isInteger(number) || number < 0 || number >= this.count) return undefined;
    const at = number * WORDS;
    const slab = this.slabs[this.index[at]!]!;
    const offset = this.index[at + 1]!;
    const frame: CaptureFrame = {
      data: slab.subarray(offset, offset + this.index[at + 2]!),
      originalLength: this.index[at + 3]!,
      seconds: this.index[at + 4]!,
      nanoseconds: this.index[at + 5]!,
      interfaceId: this.index[at + 6]!,
      linkType: this.index[at + 7]!,
    };
    const comment = this.comments.get(number);
    if (comment !== undefined) frame.comment = comment;
    return frame;
  }

  /** Bytes held: slabs plus index, so callers can show what a capture costs. */
  get byteSize(): number {
    return this.slabs.reduce((total, slab) => total + slab.length, 0) + this.index.byteLength;
  }
}
