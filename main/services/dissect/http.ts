// HTTP/1.x: the request or status line and headers of a segment that starts a message (no reassembly across segments).
import type { Dissection } from './dissection';

const METHODS = ['GET ', 'POST ', 'PUT ', 'HEAD ', 'DELETE ', 'OPTIONS ', 'PATCH ', 'CONNECT ', 'TRACE '];

export function looksLikeHttp(bytes: Buffer, offset: number, end: number): boolean {
  if (end - offset < 8) return false;
  const start = bytes.toString('latin1', offset, Math.min(end, offset + 8));
  return start.startsWith('HTTP/1.') || METHODS.some((method) => start.startsWith(method.slice(0, Math.min(method.length, 8))));
}

export function dissectHttp(d: Dissection, offset: number, end: number): void {
  const bytes = d.data;
  const lineEnd = bytes.indexOf('\r\n', offset, 'latin1');
  const firstLineEnd = lineEnd < 0 || lineEnd > end ? end : lineEnd;
  const firstLine = bytes.toString('latin1', offset, firstLineEnd);
  const headersEnd = bytes.indexOf('\r\n\r\n', offset, 'latin1');
  const messageHeadEnd = headersEnd < 0 || headersEnd + 4 > end ? end : headersEnd + 4;
  const tree = d.layer('http', 'Hypertext Transfer Protocol', offset, messageHeadEnd - offset);
  d.item(tree, firstLine, offset, firstLineEnd - offset);
  // Wireshark's Info is the first line with its CRLF shown as a space.
  d.columns('HTTP', `${firstLine} `);
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(firstLine);
  if (status) {
    d.protocols.push('http.response');
    d.field('http.response.code', Number(status[1]));
  } else {
    const request = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(firstLine);
    if (!request) {
      d.markMalformed('HTTP', 'request line is not METHOD URI HTTP/1.x', offset);
      return;
    }
    d.protocols.push('http.request');
    d.field('http.request.method', request[1]!);
    d.field('http.request.uri', request[2]!);
  }
  let at = firstLineEnd + 2;
  let contentType: string | undefined;
  while (at < messageHeadEnd - 2) {
    const next = bytes.indexOf('\r\n', at, 'latin1');
    if (next < 0 || next >= end) break;
    if (next === at) break;
    if (next - at > 13 && (bytes[at] === 0x43 || bytes[at] === 0x63)) {
      const header = /^content-type:\s*([^;\s]*)/i.exec(bytes.toString('latin1', at, next));
      if (header) contentType = header[1]!.toLowerCase();
    }
    if (tree) d.item(tree, bytes.toString('latin1', at, next), at, next - at);
    at = next + 2;
  }
  if (contentType === undefined) return;
  d.field('http.content_type', contentType);
  // Wireshark names the body's media type once it hands the body (here: what follows the headers) to a media dissector.
  if (headersEnd >= 0 && headersEnd + 4 < end) d.columns('HTTP', `${d.info} (${contentType})`);
}
