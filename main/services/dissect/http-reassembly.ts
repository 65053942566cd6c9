// HTTP messages spanning TCP segments, put together per stream direction as tshark does in its one pass over a capture.
import type { ImageSignature } from './http-body-media';
import { readHttpMessageHead, type HttpMessageHead } from './http-message-head';
import { looksLikeHttp } from './http';

/** What a segment is to HTTP: part of a message still incomplete, or the segment that completes one. */
export type HttpSegmentOutcome =
  | {
      kind: 'part';
      /** HTTP's Info when it looked at the message again (its length was not known yet): the start line and a space. */
      info?: string;
    }
  | {
      kind: 'whole';
      startLine: string;
      contentType?: string;
      mediaType?: string;
      hasBody: boolean;
      image?: ImageSignature;
      /** Each segment's frame number and payload length, in order; this frame's is the last. */
      segments: { frame: number; length: number }[];
    };

/** Where the TCP dissector learns whether a segment belongs to an HTTP message (live, or recorded when dissected again). */
export interface HttpReassemblyLookup {
  /**
   * One TCP payload, [offset, end) of `bytes`, sent at raw sequence number `seq` in one direction of a stream
   * (`direction`: the stream index times two, plus one for the side with the higher address). Undefined: the segment
   * is not part of a message spanning segments (a whole message, or no HTTP at all).
   */
  segment(direction: number, seq: number, bytes: Buffer, offset: number, end: number, frameNumber: number, httpPort: boolean): HttpSegmentOutcome | undefined;
}

/**
 * A message whose length is not known yet (headers still coming, or chunks) is read again as each segment arrives;
 * past this many bytes its segments are shown one by one instead.
 */
const MAX_UNMEASURED_MESSAGE = 256 * 1024;

interface OpenMessage {
  nextSeq: number;
  /** Sequence number just past the message once its length is known (-1 before): its whole range, gaps included. */
  endSeq: number;
  chunks: Buffer[];
  length: number;
  /** Bytes still to come once the length is known; -1 while HTTP must look again at each new segment. */
  remaining: number;
  head: HttpMessageHead;
  segments: { frame: number; length: number }[];
}

export class HttpMessageTable implements HttpReassemblyLookup {
  private readonly open = new Map<number, OpenMessage>();

  segment(direction: number, seq: number, bytes: Buffer, offset: number, end: number, frameNumber: number, httpPort: boolean): HttpSegmentOutcome | undefined {
    const length = end - offset;
    const message = this.open.get(direction);
    if (message) {
      if (seq === message.nextSeq) return this.continueMessage(direction, message, bytes.subarray(offset, end), frameNumber);
      // Past a gap (a segment the capture missed) but inside the message's range, a segment is still part of it, as in
      // tshark's multi-segment PDUs; the message can no longer complete, so each says so up to its end.
      if (message.endSeq >= 0 && seqBefore(message.nextSeq, seq) && seqBefore(seq, message.endSeq)) return { kind: 'part' };
      // Beyond its end a new message may start; anything else (sent again, out of order) is shown on its own.
      if (message.endSeq < 0 || seqBefore(seq, message.endSeq)) return undefined;
      this.open.delete(direction);
    }
    if (!looksLikeHttp(bytes, offset, end)) return undefined;
    const head = readHttpMessageHead(bytes, offset, end);
    // Off the HTTP ports tshark's heuristic needs the whole first line to take the bytes for HTTP.
    if (head.startLine === undefined && !httpPort) return undefined;
    if (head.totalLength >= 0 && head.totalLength <= length) return undefined;
    const remaining = knownRemaining(head, length);
    this.open.set(direction, {
      nextSeq: (seq + length) >>> 0,
      endSeq: remaining >= 0 ? (seq + length + remaining) >>> 0 : -1,
      // Only a message read again keeps its bytes.
      chunks: remaining < 0 ? [Buffer.from(bytes.subarray(offset, end))] : [],
      length,
      remaining,
      head,
      segments: [{ frame: frameNumber, length }],
    });
    return { kind: 'part', ...(head.startLine !== undefined ? { info: `${head.startLine} ` } : {}) };
  }

  private continueMessage(direction: number, message: OpenMessage, payload: Buffer, frameNumber: number): HttpSegmentOutcome | undefined {
    message.nextSeq = (message.nextSeq + payload.length) >>> 0;
    message.length += payload.length;
    message.segments.push({ frame: frameNumber, length: payload.length });
    if (message.remaining >= 0) {
      // The length was known: TCP gathers the bytes without asking HTTP again until the message is whole.
      message.remaining -= payload.length;
      if (message.remaining > 0) return { kind: 'part' };
      return this.complete(direction, message);
    }
    message.chunks.push(Buffer.from(payload));
    if (message.length > MAX_UNMEASURED_MESSAGE) {
      this.open.delete(direction);
      return undefined;
    }
    const whole = Buffer.concat(message.chunks);
    message.chunks = [whole];
    message.head = readHttpMessageHead(whole, 0, whole.length);
    if (message.head.totalLength >= 0 && message.head.totalLength <= whole.length) return this.complete(direction, message);
    message.remaining = knownRemaining(message.head, whole.length);
    if (message.remaining >= 0) {
      message.chunks = [];
      message.endSeq = (message.nextSeq + message.remaining) >>> 0;
    }
    return { kind: 'part', ...(message.head.startLine !== undefined ? { info: `${message.head.startLine} ` } : {}) };
  }

  private complete(direction: number, message: OpenMessage): HttpSegmentOutcome {
    this.open.delete(direction);
    const { head } = message;
    return {
      kind: 'whole',
      startLine: head.startLine ?? '',
      ...(head.contentType !== undefined ? { contentType: head.contentType, mediaType: head.mediaType! } : {}),
      hasBody: head.hasBody,
      ...(head.image !== undefined ? { image: head.image } : {}),
      segments: message.segments,
    };
  }
}

/** Whether sequence number `a` comes before `b` (modulo 2^32, as TCP compares them). */
function seqBefore(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

/** Bytes still to come when the head says how long the message is (not for chunks, which end when they end). */
function knownRemaining(head: HttpMessageHead, have: number): number {
  if (head.chunked || head.totalLength < 0) return -1;
  return head.totalLength - have;
}
