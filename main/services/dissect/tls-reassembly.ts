// TLS records spanning TCP segments, followed per stream direction as tshark does in one pass: which records end where.
import { isTlsRecordStart } from './tls';

/** A record that ends in the segment: its header, and its body when it is a handshake (the rest are not read). */
export interface TlsRecordSummary {
  type: number;
  version: number;
  length: number;
  /** The body of a handshake record (whole); empty for other records. */
  body: Buffer;
  /** Offset of the record's header from the segment's payload start when all of it is in the segment; -1 otherwise. */
  at: number;
  /** For a record begun in earlier segments: each segment's frame number and how many of its bytes it holds. */
  segments?: { frame: number; length: number }[];
}

/**
 * A segment inside a record (TCP's row with the note), bytes sent again while a record is open (TCP's row: TLS does
 * not see them), or the records that end in the segment (none: the note alone).
 */
export type TlsSegmentOutcome = { kind: 'inside' } | { kind: 'resent' } | { kind: 'records'; records: TlsRecordSummary[] };

/** Where the TCP dissector learns which TLS records end in a segment (live, or recorded when dissected again). */
export interface TlsReassemblyLookup {
  /**
   * One TCP payload of a TLS stream direction (see HttpReassemblyLookup for `direction`). Undefined: the segment holds
   * whole records only and leaves none open, or it is out of line; it is then read alone.
   */
  segment(direction: number, seq: number, bytes: Buffer, offset: number, end: number, frameNumber: number): TlsSegmentOutcome | undefined;
}

const HEADER = 5;
const HANDSHAKE = 22;
/** TLS allows 2^14 bytes of plaintext plus 2048 of expansion: a longer "record" means the bytes are not TLS. */
const MAX_RECORD = 16384 + 2048;

interface OpenRecord {
  nextSeq: number;
  /** Header bytes so far (fewer than 5 while the header itself is cut). */
  header: Buffer;
  /** Body bytes still to come, once the header is whole. */
  remaining: number;
  /** The body so far, kept for handshake records only. */
  body: Buffer[];
  segments: { frame: number; length: number }[];
}

export class TlsRecordTable implements TlsReassemblyLookup {
  private readonly open = new Map<number, OpenRecord>();

  segment(direction: number, seq: number, bytes: Buffer, offset: number, end: number, frameNumber: number): TlsSegmentOutcome | undefined {
    const open = this.open.get(direction);
    if (open && seq !== open.nextSeq) return ((seq - open.nextSeq) | 0) < 0 ? RESENT : undefined;
    // Most segments hold whole records and nothing is open: found by their headers alone, nothing is made for them.
    if (!open && !endsInsideRecord(bytes, offset, end)) return undefined;
    const length = end - offset;
    const records: TlsRecordSummary[] = [];
    let at = offset;
    if (open) {
      open.nextSeq = (open.nextSeq + length) >>> 0;
      if (open.header.length < HEADER) {
        const take = Math.min(HEADER - open.header.length, length);
        open.segments.push({ frame: frameNumber, length: take });
        open.header = Buffer.concat([open.header, bytes.subarray(at, at + take)]);
        at += take;
        if (open.header.length < HEADER) return { kind: 'records', records };
        if (!isTlsRecordStart(open.header, 0, HEADER) || open.header.readUInt16BE(3) > MAX_RECORD) {
          this.open.delete(direction);
          return { kind: 'records', records };
        }
        open.remaining = open.header.readUInt16BE(3);
      } else if (open.remaining > length) {
        // Inside a record whose length is known: TCP keeps the bytes without asking TLS again.
        open.remaining -= length;
        open.segments.push({ frame: frameNumber, length });
        if (open.header[0] === HANDSHAKE) open.body.push(Buffer.from(bytes.subarray(at, end)));
        return { kind: 'inside' };
      }
      const take = Math.min(open.remaining, end - at);
      if (open.header[0] === HANDSHAKE) open.body.push(Buffer.from(bytes.subarray(at, at + take)));
      if (take > 0) {
        const last = open.segments.at(-1);
        if (last?.frame === frameNumber) last.length += take;
        else open.segments.push({ frame: frameNumber, length: take });
      }
      open.remaining -= take;
      at += take;
      if (open.remaining > 0) return { kind: 'records', records };
      records.push({ type: open.header[0]!, version: open.header.readUInt16BE(1), length: open.header.readUInt16BE(3), body: Buffer.concat(open.body), at: -1, segments: open.segments });
      this.open.delete(direction);
    }
    // Whole records, then perhaps one left open for the next segment.
    while (at < end) {
      if (end - at < HEADER) {
        if (!isTlsRecordStart(bytes, at, end)) break;
        this.open.set(direction, { nextSeq: (seq + length) >>> 0, header: Buffer.from(bytes.subarray(at, end)), remaining: 0, body: [], segments: [{ frame: frameNumber, length: end - at }] });
        break;
      }
      const recordLength = bytes.readUInt16BE(at + 3);
      if (!isTlsRecordStart(bytes, at, end) || recordLength > MAX_RECORD) break;
      const type = bytes[at]!;
      const bodyEnd = at + HEADER + recordLength;
      if (bodyEnd > end) {
        this.open.set(direction, {
          nextSeq: (seq + length) >>> 0,
          header: Buffer.from(bytes.subarray(at, at + HEADER)),
          remaining: bodyEnd - end,
          body: type === HANDSHAKE ? [Buffer.from(bytes.subarray(at + HEADER, end))] : [],
          segments: [{ frame: frameNumber, length: end - at }],
        });
        break;
      }
      // Copied: the frame's bytes may be a reader's buffer that is filled again, and a recorder keeps the outcome.
      records.push({ type, version: bytes.readUInt16BE(at + 1), length: recordLength, body: type === HANDSHAKE ? Buffer.from(bytes.subarray(at + HEADER, bodyEnd)) : EMPTY, at: at - offset });
      at = bodyEnd;
    }
    // Nothing carried in and nothing left open: the segment reads alone, as before there was reassembly.
    if (!open && !this.open.has(direction)) return undefined;
    return { kind: 'records', records };
  }
}

/** The segment's last record is cut (its header or its body goes on in the next segment). */
function endsInsideRecord(bytes: Buffer, offset: number, end: number): boolean {
  let at = offset;
  while (at < end) {
    if (!isTlsRecordStart(bytes, at, end)) return false;
    if (end - at < HEADER) return true;
    const length = bytes.readUInt16BE(at + 3);
    if (length > MAX_RECORD) return false;
    at += HEADER + length;
  }
  return at > end;
}

const EMPTY = Buffer.alloc(0);
const RESENT: TlsSegmentOutcome = { kind: 'resent' };
