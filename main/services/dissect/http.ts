// HTTP/1.x: the request or status line and headers of a message, whole in one segment or put together from several.
import { fieldFilter } from './field-filter';
import type { DetailNode, Dissection } from './dissection';
import { httpBodyColumns, type ImageSignature } from './http-body-media';
import { readHttpMessageHead } from './http-message-head';
import type { HttpSegmentOutcome } from './http-reassembly';

const METHODS = ['GET ', 'POST ', 'PUT ', 'HEAD ', 'DELETE ', 'OPTIONS ', 'PATCH ', 'CONNECT ', 'TRACE '];

/** The first letters of every method and of "HTTP/": most segments are ruled out by their first byte. */
const FIRST_BYTES = new Set([...METHODS, 'HTTP/'].map((word) => word.charCodeAt(0)));

export function looksLikeHttp(bytes: Buffer, offset: number, end: number): boolean {
  if (end - offset < 8 || !FIRST_BYTES.has(bytes[offset]!)) return false;
  const start = bytes.toString('latin1', offset, Math.min(end, offset + 8));
  return start.startsWith('HTTP/1.') || METHODS.some((method) => start.startsWith(method.slice(0, Math.min(method.length, 8))));
}

/** The first line has arrived whole: off the HTTP ports, tshark takes bytes for HTTP only then. */
export function hasFirstLine(bytes: Buffer, offset: number, end: number): boolean {
  const newline = bytes.indexOf(0x0a, offset);
  return newline >= 0 && newline < end;
}

/** What Apply as Filter on the request or status line gives: the same URI, or the same status code. */
function startLineFilter(firstLine: string): string | undefined {
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(firstLine);
  if (status) return fieldFilter('http.response.code', Number(status[1]));
  const request = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(firstLine);
  return request ? fieldFilter('http.request.uri', request[2]!, true) : undefined;
}

/** The request or status line's fields; false when it is neither (then the message is malformed). */
function startLineFields(d: Dissection, firstLine: string): boolean {
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(firstLine);
  if (status) {
    d.protocols.push('http.response');
    d.field('http.response.code', Number(status[1]));
    return true;
  }
  const request = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(firstLine);
  if (!request) return false;
  d.protocols.push('http.request');
  d.field('http.request.method', request[1]!);
  d.field('http.request.uri', request[2]!);
  return true;
}

/**
 * A segment of a message that spans segments. Until the last one, the row is TCP's with Wireshark's note (and HTTP's
 * start line when HTTP looked at the message again); the last one shows the message, as tshark does in one pass.
 */
export function dissectHttpSegment(d: Dissection, outcome: HttpSegmentOutcome, tcpTree: DetailNode[] | undefined, tcpInfo: string, offset: number, end: number): void {
  if (outcome.kind === 'part') {
    d.columns('TCP', `${outcome.info ?? tcpInfo} [TCP segment of a reassembled PDU]`);
    if (tcpTree) d.item(tcpTree, `TCP segment data (${end - offset} bytes)`, offset, end - offset);
    return;
  }
  const total = outcome.segments.reduce((sum, segment) => sum + segment.length, 0);
  if (d.tree) d.item(d.tree, `[${outcome.segments.length} Reassembled TCP Segments (${total} bytes): ${outcome.segments.map((segment) => `#${segment.frame}(${segment.length})`).join(', ')}]`, offset, end - offset);
  const tree = d.layer('http', 'Hypertext Transfer Protocol', offset, end - offset);
  if (tree) d.item(tree, `${outcome.startLine} (in the reassembled message)`, offset, 0);
  d.columns('HTTP', `${outcome.startLine} `);
  if (!startLineFields(d, outcome.startLine)) {
    d.markMalformed('HTTP', 'request line is not METHOD URI HTTP/1.x', offset);
    return;
  }
  if (outcome.contentType === undefined) return;
  d.field('http.content_type', outcome.contentType);
  if (outcome.hasBody) bodyColumns(d, outcome.mediaType!, outcome.image);
}

/** Wireshark hands the body to the dissector its media type names, which sets Protocol (HTTP/JSON...) and adds to Info. */
function bodyColumns(d: Dissection, mediaType: string, image: ImageSignature | undefined): void {
  const body = httpBodyColumns(mediaType, image);
  d.columns(body.protocol, `${d.info}${body.infoSuffix}`);
  if (body.filterName) d.protocols.push(body.filterName);
}

export function dissectHttp(d: Dissection, offset: number, end: number): void {
  const bytes = d.data;
  const lineEnd = bytes.indexOf('\r\n', offset, 'latin1');
  const firstLineEnd = lineEnd < 0 || lineEnd > end ? end : lineEnd;
  const firstLine = bytes.toString('latin1', offset, firstLineEnd);
  const headersEnd = bytes.indexOf('\r\n\r\n', offset, 'latin1');
  const messageHeadEnd = headersEnd < 0 || headersEnd + 4 > end ? end : headersEnd + 4;
  const tree = d.layer('http', 'Hypertext Transfer Protocol', offset, messageHeadEnd - offset);
  if (tree) d.item(tree, firstLine, offset, firstLineEnd - offset, false, startLineFilter(firstLine));
  // Wireshark's Info is the first line with its CRLF shown as a space.
  d.columns('HTTP', `${firstLine} `);
  if (!startLineFields(d, firstLine)) {
    d.markMalformed('HTTP', 'request line is not METHOD URI HTTP/1.x', offset);
    return;
  }
  if (tree) {
    for (let at = firstLineEnd + 2; at < messageHeadEnd - 2; ) {
      const next = bytes.indexOf('\r\n', at, 'latin1');
      if (next < 0 || next >= end || next === at) break;
      d.item(tree, bytes.toString('latin1', at, next), at, next - at);
      at = next + 2;
    }
  }
  // The headers are read as reassembly reads them (one reader for Content-Type, Content-Length and chunks).
  const head = readHttpMessageHead(bytes, offset, end);
  if (head.contentType !== undefined) {
    d.field('http.content_type', head.contentType);
    // Only once the body (here: what follows the headers) is there to hand on.
    if (head.headLength > 0 && offset + head.headLength < end) bodyColumns(d, head.mediaType!, head.image);
  }
  if (head.totalLength > 0) pipelinedMessages(d, offset + head.totalLength, end);
}

/** Whole messages sent behind the first in the same segment (pipelined requests): Info lists each start line in turn. */
function pipelinedMessages(d: Dissection, offset: number, end: number): void {
  const bytes = d.data;
  for (let at = offset; at < end && looksLikeHttp(bytes, at, end); ) {
    const head = readHttpMessageHead(bytes, at, end);
    if (head.startLine === undefined || head.totalLength <= 0 || at + head.totalLength > end) return;
    if (!startLineFields(d, head.startLine)) return;
    d.columns(d.protocol, `${d.info}${head.startLine} `);
    if (head.contentType !== undefined) d.field('http.content_type', head.contentType);
    at += head.totalLength;
  }
}
