// Frames copied for the dissecting worker thread: their bytes back to back, and per frame its number, times, lengths and
// link type. Main fills one, transfers it, and gets it back with the lines to fill again.
import type { CaptureFrame } from '../services/capture/capture-frame';

/** number, micros since the first frame, seconds, nanoseconds, original length, link type, end of its bytes. */
export const FRAME_FIELDS = 7;
/** Frames per batch at most: enough to keep the worker busy between hand-overs, little to hold. */
export const BATCH_FRAMES = 4096;
const DATA_BYTES = 1024 * 1024;

export interface WorkerFrameBuffers {
  meta: Float64Array;
  data: Uint8Array;
}

export class WorkerFrameBatch {
  meta: Float64Array;
  data: Uint8Array;
  count = 0;
  private used = 0;

  constructor(recycled?: WorkerFrameBuffers) {
    this.meta = recycled?.meta ?? new Float64Array(new ArrayBuffer(8 * FRAME_FIELDS * BATCH_FRAMES));
    this.data = recycled?.data ?? new Uint8Array(new ArrayBuffer(DATA_BYTES));
  }

  /** Whether `frame` fits; a frame bigger than a whole batch fits an empty one (the buffer grows). */
  fits(frame: CaptureFrame): boolean {
    return this.count < BATCH_FRAMES && (this.used + frame.data.length <= this.data.length || this.count === 0);
  }

  add(frame: CaptureFrame, number: number, micros: number): void {
    if (this.used + frame.data.length > this.data.length) this.data = new Uint8Array(new ArrayBuffer(this.used + frame.data.length));
    this.data.set(frame.data, this.used);
    this.used += frame.data.length;
    const at = this.count++ * FRAME_FIELDS;
    const meta = this.meta;
    meta[at] = number;
    meta[at + 1] = micros;
    meta[at + 2] = frame.seconds;
    meta[at + 3] = frame.nanoseconds;
    meta[at + 4] = frame.originalLength;
    meta[at + 5] = frame.linkType;
    meta[at + 6] = this.used;
  }
}
