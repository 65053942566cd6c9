// Reads how long an HTTP/1.x message is from its first bytes: the start line, the headers' end, Content-Length or chunks.
import { imageSignatureAt, type ImageSignature } from './http-body-media';

const CR = 0x0d;
const LF = 0x0a;
/** Servers answer on these TCP ports without a request line to recognise (tshark's default http.tcp.port range). */
export const HTTP_PORTS = new Set([80, 1900, 2710, 2869, 3128, 3132, 5985, 8080, 8088, 11371]);

export interface HttpMessageHead {
  /** The request or status line (without its CRLF), or undefined while its end has not arrived. */
  startLine?: string;
  /** The Content-Type header's value as sent (the http.content_type field). */
  contentType?: string;
  /** Its media type: without parameters, lower case (what Wireshark's Info names). */
  mediaType?: string;
  /** Bytes up to and including the empty line ending the headers; 0 while they are incomplete. */
  headLength: number;
  /** The whole message's length once known: -1 while more bytes are needed to tell. */
  totalLength: number;
  /** The body is chunked: its length is known only once the last chunk arrives. */
  chunked: boolean;
  /** True when the message has a body (some Content-Length, or chunks). */
  hasBody: boolean;
  /** An image body's format, from its first bytes (when they came with the headers): Wireshark names it in Info. */
  image?: ImageSignature;
  /** A response whose body runs until the server closes the connection (no Content-Length, not chunked). */
  untilClose?: boolean;
}

const COLON = 0x3a;
const NAMES = ['content-length', 'transfer-encoding', 'content-type'];

/** Which of the headers that give a message's length or type [start, colon) names (any case), if any. */
function headerName(bytes: Uint8Array, start: number, colon: number): string | undefined {
  let stop = colon;
  while (stop > start && (bytes[stop - 1] === 0x20 || bytes[stop - 1] === 0x09)) stop--;
  search: for (const name of NAMES) {
    if (stop - start !== name.length) continue;
    for (let index = 0; index < name.length; index++) {
      const byte = bytes[start + index]!;
      const want = name.charCodeAt(index);
      // Letters in either case; anything else ('-') exactly.
      if (byte !== want && !(want >= 0x61 && want <= 0x7a && (byte | 0x20) === want)) continue search;
    }
    return name;
  }
  return undefined;
}

/** The end of the line starting at `at` (the index of its LF), or -1 when it has not arrived. */
function lineEnd(bytes: Uint8Array, at: number, end: number): number {
  for (let index = at; index < end; index++) if (bytes[index] === LF) return index;
  return -1;
}

function lineText(bytes: Buffer, at: number, newline: number): string {
  const stop = newline > at && bytes[newline - 1] === CR ? newline - 1 : newline;
  return bytes.toString('latin1', at, stop);
}

/**
 * What the bytes [offset, end) say about the message starting at `offset` (RFC 9112 section 6.3). A request without
 * Content-Length or chunks ends with its headers; so does a response that has no body: to a HEAD request
 * (`answersHead`), informational (1xx), 204 or 304. Any other response without a length runs until the close.
 */
export function readHttpMessageHead(bytes: Buffer, offset: number, end: number, answersHead = false): HttpMessageHead {
  const head: HttpMessageHead = { headLength: 0, totalLength: -1, chunked: false, hasBody: false };
  const firstEnd = lineEnd(bytes, offset, end);
  if (firstEnd < 0) return head;
  head.startLine = lineText(bytes, offset, firstEnd);
  let contentLength = -1;
  let at = firstEnd + 1;
  for (;;) {
    const newline = lineEnd(bytes, at, end);
    if (newline < 0) return head;
    const stop = newline > at && bytes[newline - 1] === CR ? newline - 1 : newline;
    const lineStart = at;
    at = newline + 1;
    if (stop === lineStart) break;
    // Only three headers matter here: their names are compared in place, no text is made for the others.
    const colon = bytes.indexOf(COLON, lineStart);
    if (colon < 0 || colon > stop) continue;
    const name = headerName(bytes, lineStart, colon);
    if (name === undefined) continue;
    const value = bytes.toString('latin1', colon + 1, stop).trim();
    if (name === 'content-length' && /^\d+$/.test(value)) contentLength = Number(value);
    else if (name === 'transfer-encoding' && /(^|,)\s*chunked\s*$/i.test(value)) head.chunked = true;
    else if (name === 'content-type') {
      head.contentType = value;
      head.mediaType = /^[^;\s]*/.exec(value)![0].toLowerCase();
    }
  }
  head.headLength = at - offset;
  const status = responseStatus(head.startLine);
  if (status >= 0 && (answersHead || status < 200 || status === 204 || status === 304)) {
    head.totalLength = head.headLength;
    return head;
  }
  if (head.mediaType?.startsWith('image/') && at < end) {
    const image = imageSignatureAt(bytes, at, end);
    if (image) head.image = image;
  }
  if (head.chunked) {
    head.hasBody = true;
    const chunksEnd = chunkedBodyEnd(bytes, at, end);
    head.totalLength = chunksEnd < 0 ? -1 : chunksEnd - offset;
  } else if (contentLength < 0 && status >= 0) {
    head.untilClose = true;
    head.hasBody = end > at;
  } else {
    head.hasBody = contentLength > 0;
    head.totalLength = head.headLength + Math.max(0, contentLength);
  }
  return head;
}

/** Where a chunked body starting at `at` ends (after the last chunk and its trailers), or -1 when not all arrived. */
function chunkedBodyEnd(bytes: Buffer, at: number, end: number): number {
  let cursor = at;
  for (;;) {
    const sizeEnd = lineEnd(bytes, cursor, end);
    if (sizeEnd < 0) return -1;
    const size = Number.parseInt(lineText(bytes, cursor, sizeEnd).split(';')[0]!.trim(), 16);
    // Not a chunk size: the body is not what it claims; it ends here rather than waiting for ever.
    if (!Number.isFinite(size) || size < 0) return sizeEnd + 1;
    cursor = sizeEnd + 1;
    if (size === 0) {
      // Trailers, then an empty line.
      for (;;) {
        const trailerEnd = lineEnd(bytes, cursor, end);
        if (trailerEnd < 0) return -1;
        const empty = trailerEnd === cursor || (trailerEnd === cursor + 1 && bytes[cursor] === CR);
        cursor = trailerEnd + 1;
        if (empty) return cursor;
      }
    }
    // The chunk's data and its CRLF.
    cursor += size;
    if (cursor > end) return -1;
    const dataEnd = lineEnd(bytes, cursor, end);
    if (dataEnd < 0) return -1;
    cursor = dataEnd + 1;
  }
}

/** The status code of a status line ("HTTP/1.1 200 OK"), or -1 for a request line. */
export function responseStatus(startLine: string): number {
  if (!startLine.startsWith('HTTP/')) return -1;
  const code = Number.parseInt(startLine.slice(startLine.indexOf(' ') + 1, startLine.indexOf(' ') + 4), 10);
  return Number.isFinite(code) ? code : -1;
}
