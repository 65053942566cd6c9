// Reassembly for a held capture (HTTP messages, TLS records): records what each segment was, and answers the same when
// the frame is dissected again alone.

/** A reassembly table as the TCP dissector asks it: one segment in, what it was (or undefined: nothing to note). */
interface SegmentLookup<Args extends unknown[], Outcome> {
  segment(...args: Args): Outcome | undefined;
}

export class SegmentOutcomeRecorder<Args extends unknown[], Outcome> implements SegmentLookup<Args, Outcome> {
  /** What the last segment was (undefined: nothing); the caller clears it before a frame and reads it after. */
  lastOutcome: Outcome | undefined;

  constructor(private readonly table: SegmentLookup<Args, Outcome>) {}

  segment(...args: Args): Outcome | undefined {
    this.lastOutcome = this.table.segment(...args);
    return this.lastOutcome;
  }
}

export class SegmentOutcomeReplay<Outcome> {
  /** The outcome the frame being dissected again got the first time. */
  next: Outcome | undefined;

  segment(): Outcome | undefined {
    const outcome = this.next;
    this.next = undefined;
    return outcome;
  }
}
