// DNS messages over TCP spanning segments (RFC 1035 4.2.2: each behind a two-byte length), followed per stream direction
// as tshark does in one pass: which messages end in which segment.

/** A message that ends in the segment: in place (`at`, from the payload's start, at its length), or put together. */
export type DnsTcpMessage =
  | { at: number; length: number }
  /** Begun in earlier segments: the whole message (without its length), and each segment's frame and share of bytes. */
  | { body: Buffer; segments: { frame: number; length: number }[] };

/**
 * A segment inside a message (TCP's row with the note), bytes sent again while a message is open (TCP's row: DNS
 * does not see them), or the messages that end in the segment.
 */
export type DnsTcpSegmentOutcome = { kind: 'inside' } | { kind: 'resent' } | { kind: 'messages'; messages: DnsTcpMessage[] };

/** Where the TCP dissector learns which DNS messages end in a segment (live, or recorded when dissected again). */
export interface DnsTcpReassemblyLookup {
  /**
   * One TCP payload of a DNS stream direction (see HttpReassemblyLookup for `direction`). Undefined: the segment holds
   * whole messages only and leaves none open, or it is out of line; its messages are then read in place.
   */
  segment(direction: number, seq: number, bytes: Buffer, offset: number, end: number, frameNumber: number): DnsTcpSegmentOutcome | undefined;
}

const LENGTH = 2;
/** A DNS header is 12 bytes: a shorter "message" means the bytes are not DNS. */
export const DNS_HEADER = 12;

interface OpenMessage {
  nextSeq: number;
  /** Length bytes so far (one while the length itself is cut). */
  header: Buffer;
  /** Message bytes still to come, once the length is whole. */
  remaining: number;
  body: Buffer[];
  segments: { frame: number; length: number }[];
}

export class DnsTcpMessageTable implements DnsTcpReassemblyLookup {
  private readonly open = new Map<number, OpenMessage>();

  segment(direction: number, seq: number, bytes: Buffer, offset: number, end: number, frameNumber: number): DnsTcpSegmentOutcome | undefined {
    const open = this.open.get(direction);
    if (open && seq !== open.nextSeq) return ((seq - open.nextSeq) | 0) < 0 ? RESENT : undefined;
    // Most segments hold whole messages and nothing is open: found by their lengths alone, nothing is made for them.
    if (!open && !endsInsideMessage(bytes, offset, end)) return undefined;
    const messages: DnsTcpMessage[] = [];
    let at = offset;
    if (open) {
      open.nextSeq = (open.nextSeq + end - offset) >>> 0;
      if (open.header.length < LENGTH) {
        // Copied: the frame's bytes may be a reader's buffer that is filled again, and a recorder keeps the outcome.
        open.header = Buffer.concat([open.header, bytes.subarray(at, at + 1)]);
        open.segments.push({ frame: frameNumber, length: 1 });
        at++;
        open.remaining = open.header.readUInt16BE(0);
        if (open.remaining < DNS_HEADER) {
          this.open.delete(direction);
          return INSIDE;
        }
      }
      const take = Math.min(open.remaining, end - at);
      if (take > 0) {
        open.body.push(Buffer.from(bytes.subarray(at, at + take)));
        const last = open.segments.at(-1);
        if (last?.frame === frameNumber) last.length += take;
        else open.segments.push({ frame: frameNumber, length: take });
      }
      open.remaining -= take;
      at += take;
      if (open.remaining > 0) return INSIDE;
      messages.push({ body: Buffer.concat(open.body), segments: open.segments });
      this.open.delete(direction);
    }
    // Whole messages, then perhaps one left open for the next segment.
    while (at < end) {
      if (end - at < LENGTH) {
        this.open.set(direction, { nextSeq: (seq + end - offset) >>> 0, header: Buffer.from(bytes.subarray(at, end)), remaining: 0, body: [], segments: [{ frame: frameNumber, length: end - at }] });
        break;
      }
      const length = bytes.readUInt16BE(at);
      if (length < DNS_HEADER) break;
      if (at + LENGTH + length > end) {
        this.open.set(direction, {
          nextSeq: (seq + end - offset) >>> 0,
          header: Buffer.from(bytes.subarray(at, at + LENGTH)),
          remaining: at + LENGTH + length - end,
          body: [Buffer.from(bytes.subarray(at + LENGTH, end))],
          segments: [{ frame: frameNumber, length: end - at }],
        });
        break;
      }
      messages.push({ at: at - offset, length });
      at += LENGTH + length;
    }
    return messages.length > 0 ? { kind: 'messages', messages } : INSIDE;
  }
}

/** The segment's last message is cut (its length or its body goes on in the next segment). */
function endsInsideMessage(bytes: Buffer, offset: number, end: number): boolean {
  let at = offset;
  while (at < end) {
    if (end - at < LENGTH) return true;
    const length = bytes.readUInt16BE(at);
    if (length < DNS_HEADER) return false;
    at += LENGTH + length;
  }
  return at > end;
}

const INSIDE: DnsTcpSegmentOutcome = { kind: 'inside' };
const RESENT: DnsTcpSegmentOutcome = { kind: 'resent' };
