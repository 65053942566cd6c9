// The summary lines of one batch of frames as UTF-8 bytes plus where each line ends: what a dissecting thread hands over.
import { ByteLineWriter } from './byte-line-writer';
import { writeSummaryLine } from './dissect-summary-line';

/** Enough for a batch of ordinary lines; a batch of long ones makes the buffer grow. */
const INITIAL_BYTES = 1024 * 1024;

/** Where line `index` of a batch starts in its bytes (each line starts where the one before ends). */
export function lineStartOf(lineEnds: Int32Array, index: number): number {
  return index === 0 ? 0 : lineEnds[index - 1]!;
}

export interface SummaryLineBuffers {
  bytes: Uint8Array;
  lineEnds: Int32Array;
}

const EMPTY_BYTES = new Uint8Array(0);
const EMPTY_ENDS = new Int32Array(0);

export class SummaryLineBatch {
  /** Own (never pooled) ArrayBuffers, so they can be transferred to another thread. */
  bytes: Uint8Array;
  lineEnds: Int32Array;
  count = 0;
  private stored = 0;
  private readonly writer = new ByteLineWriter((chunk) => {
    this.store(chunk);
    return true;
  });

  constructor() {
    this.bytes = new Uint8Array(new ArrayBuffer(INITIAL_BYTES));
    this.lineEnds = new Int32Array(new ArrayBuffer(4 * 4096));
  }

  /** Empties the batch for the next frames, in the given buffers when they came back from the thread they were sent to. */
  reset(recycled?: SummaryLineBuffers): void {
    if (recycled) {
      this.bytes = recycled.bytes;
      this.lineEnds = recycled.lineEnds;
    }
    this.count = 0;
    this.stored = 0;
  }

  /** The finished batch's buffers, given away (to transfer): the batch needs reset() before the next line. */
  take(): SummaryLineBuffers & { count: number } {
    const taken = { bytes: this.bytes, lineEnds: this.lineEnds, count: this.count };
    this.bytes = EMPTY_BYTES;
    this.lineEnds = EMPTY_ENDS;
    return taken;
  }

  add(number: number, micros: number, source: string, destination: string, protocol: string, length: number, info: string): void {
    writeSummaryLine(this.writer, number, micros, source, destination, protocol, length, info);
    if (this.count === this.lineEnds.length) {
      const grown = new Int32Array(new ArrayBuffer(Math.max(4 * 4096, this.lineEnds.byteLength * 2)));
      grown.set(this.lineEnds);
      this.lineEnds = grown;
    }
    this.lineEnds[this.count++] = this.stored + this.writer.bufferedLength;
  }

  /** Puts the last lines in `bytes`; call once the batch is complete. */
  finish(): void {
    this.writer.flush();
  }


  private store(chunk: Uint8Array): void {
    if (this.stored + chunk.length > this.bytes.length) {
      const grown = new Uint8Array(new ArrayBuffer(Math.max(INITIAL_BYTES, this.bytes.length * 2, this.stored + chunk.length)));
      grown.set(this.bytes.subarray(0, this.stored));
      this.bytes = grown;
    }
    this.bytes.set(chunk, this.stored);
    this.stored += chunk.length;
  }
}
