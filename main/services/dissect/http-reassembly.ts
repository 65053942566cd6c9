// HTTP messages spanning TCP segments, put together per stream direction as tshark does in its one pass over a capture.
import type { ImageSignature } from './http-body-media';
import { readHttpMessageHead, responseStatus, type HttpMessageHead } from './http-message-head';
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
   * is not part of a message spanning segments (a whole message, or no HTTP at all). `fin`: the segment closes its
   * direction (it may carry no payload), which completes a response whose body runs until the close.
   */
  segment(direction: number, seq: number, bytes: Buffer, offset: number, end: number, frameNumber: number, httpPort: boolean, fin?: boolean): HttpSegmentOutcome | undefined;
}

/**
 * A message whose length is not known yet (headers still coming, or chunks) is read again as each segment arrives;
 * past this many bytes its segments are shown one by one instead.
 */
const MAX_UNMEASURED_MESSAGE = 256 * 1024;
/** `remaining` of a response whose body ends when the server closes the connection (its FIN completes it). */
const UNTIL_CLOSE = -2;

interface OpenMessage {
  nextSeq: number;
  /** Sequence number just past the message once its length is known (-1 before): its whole range, gaps included. */
  endSeq: number;
  chunks: Buffer[];
  length: number;
  /** Bytes still to come once the length is known; -1 while HTTP must look again at each new segment; UNTIL_CLOSE. */
  remaining: number;
  head: HttpMessageHead;
  segments: { frame: number; length: number }[];
}

export class HttpMessageTable implements HttpReassemblyLookup {
  private readonly open = new Map<number, OpenMessage>();
  /** Per direction, the methods of the requests its responses answer, oldest first (a HEAD's response has no body). */
  private readonly awaitedMethods = new Map<number, string[]>();

  segment(direction: number, seq: number, bytes: Buffer, offset: number, end: number, frameNumber: number, httpPort: boolean, fin = false): HttpSegmentOutcome | undefined {
    const length = end - offset;
    const message = this.open.get(direction);
    // A FIN without data matters only to a body that runs until the close.
    if (length === 0 && message?.remaining !== UNTIL_CLOSE) return undefined;
    if (message) {
      if (seq === message.nextSeq) return this.continueMessage(direction, message, bytes.subarray(offset, end), frameNumber, fin);
      // Past a gap (a segment the capture missed) but inside the message's range, a segment is still part of it, as in
      // tshark's multi-segment PDUs; the message can no longer complete, so each says so up to its end.
      if (message.endSeq >= 0 && seqBefore(message.nextSeq, seq) && seqBefore(seq, message.endSeq)) return { kind: 'part' };
      // Beyond its end a new message may start; anything else (sent again, out of order) is shown on its own.
      if (message.endSeq < 0 || seqBefore(seq, message.endSeq)) return undefined;
      this.open.delete(direction);
    }
    if (length === 0 || !looksLikeHttp(bytes, offset, end)) return undefined;
    const head = this.readHead(direction, bytes, offset, end);
    // Off the HTTP ports tshark's heuristic needs the whole first line to take the bytes for HTTP.
    if (head.startLine === undefined && !httpPort) return undefined;
    if (head.totalLength >= 0 && head.totalLength <= length) {
      this.noteFollowingMessages(direction, bytes, offset + head.totalLength, end);
      return undefined;
    }
    const remaining = head.untilClose ? UNTIL_CLOSE : knownRemaining(head, length);
    const opened: OpenMessage = {
      nextSeq: (seq + length) >>> 0,
      endSeq: remaining >= 0 ? (seq + length + remaining) >>> 0 : -1,
      // Only a message read again keeps its bytes.
      chunks: remaining === -1 ? [Buffer.from(bytes.subarray(offset, end))] : [],
      length,
      remaining,
      head,
      segments: [{ frame: frameNumber, length }],
    };
    if (remaining === UNTIL_CLOSE && fin) return this.complete(direction, opened);
    this.open.set(direction, opened);
    return { kind: 'part', ...(head.startLine !== undefined ? { info: `${head.startLine} ` } : {}) };
  }

  /**
   * Reads a message's head, noting a request's method for the response that will answer it (the other direction of
   * the stream) and telling a response to HEAD that it has no body. An informational (1xx) response is not the answer.
   */
  private readHead(direction: number, bytes: Buffer, offset: number, end: number): HttpMessageHead {
    const firstLine = readHttpMessageHead(bytes, offset, end);
    if (firstLine.startLine === undefined) return firstLine;
    const status = responseStatus(firstLine.startLine);
    if (status < 0) {
      const answering = direction ^ 1;
      const methods = this.awaitedMethods.get(answering) ?? [];
      // Bounded: requests a capture never shows answered must not pile up.
      if (methods.length < 64) methods.push(firstLine.startLine.slice(0, firstLine.startLine.indexOf(' ')));
      this.awaitedMethods.set(answering, methods);
      return firstLine;
    }
    if (status < 200) return firstLine;
    const methods = this.awaitedMethods.get(direction);
    const method = methods?.shift();
    // Answered: an empty queue goes, so a capture of many connections keeps nothing per finished exchange.
    if (methods?.length === 0) this.awaitedMethods.delete(direction);
    return method === 'HEAD' ? readHttpMessageHead(bytes, offset, end, true) : firstLine;
  }

  /** Requests (or responses) pipelined behind a whole message in the same segment: each whole one is noted in turn. */
  private noteFollowingMessages(direction: number, bytes: Buffer, offset: number, end: number): void {
    for (let at = offset; at < end && looksLikeHttp(bytes, at, end); ) {
      const head = this.readHead(direction, bytes, at, end);
      if (head.totalLength < 0 || at + head.totalLength > end) return;
      at += head.totalLength;
    }
  }

  private continueMessage(direction: number, message: OpenMessage, payload: Buffer, frameNumber: number, fin: boolean): HttpSegmentOutcome | undefined {
    message.nextSeq = (message.nextSeq + payload.length) >>> 0;
    message.length += payload.length;
    if (payload.length > 0) message.segments.push({ frame: frameNumber, length: payload.length });
    if (message.remaining === UNTIL_CLOSE) {
      if (payload.length > 0) message.head.hasBody = true;
      return fin ? this.complete(direction, message) : { kind: 'part' };
    }
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
