// HTTP reassembly for a held capture: records what each segment was to HTTP, and answers the same when it is dissected again.
import { HttpMessageTable, type HttpReassemblyLookup, type HttpSegmentOutcome } from '../dissect/http-reassembly';

export class HttpMessageRecorder implements HttpReassemblyLookup {
  private readonly table = new HttpMessageTable();
  /** What the last segment was to HTTP (undefined: nothing); the caller clears it before a frame and reads it after. */
  lastOutcome: HttpSegmentOutcome | undefined;

  segment(...args: Parameters<HttpReassemblyLookup['segment']>): HttpSegmentOutcome | undefined {
    this.lastOutcome = this.table.segment(...args);
    return this.lastOutcome;
  }
}

export class HttpMessageReplay implements HttpReassemblyLookup {
  /** The outcome the frame being dissected again got the first time. */
  next: HttpSegmentOutcome | undefined;

  segment(): HttpSegmentOutcome | undefined {
    const outcome = this.next;
    this.next = undefined;
    return outcome;
  }
}
