// HTTP messages over several TCP segments: how long a message is, and how the reassembly table follows each direction.
import { describe, expect, it } from 'vitest';
import { readHttpMessageHead } from '../../../../main/services/dissect/http-message-head';
import { HttpMessageTable } from '../../../../main/services/dissect/http-reassembly';

const head = (text: string) => readHttpMessageHead(Buffer.from(text, 'latin1'), 0, Buffer.byteLength(text, 'latin1'));

describe('readHttpMessageHead', () => {
  it('measures a message by Content-Length, or by its headers when it has none', () => {
    expect(head('HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 5\r\n\r\nhe')).toEqual({
      startLine: 'HTTP/1.1 200 OK',
      contentType: 'text/html; charset=utf-8',
      mediaType: 'text/html',
      headLength: 78,
      totalLength: 83,
      chunked: false,
      hasBody: true,
    });
    expect(head('GET / HTTP/1.1\r\nHost: a\r\n\r\n')).toMatchObject({ startLine: 'GET / HTTP/1.1', headLength: 27, totalLength: 27, hasBody: false });
    // Header names in any case; a look-alike name is not the header.
    expect(head('HTTP/1.1 200 OK\r\nCONTENT-length: 3\r\nX-Content-Length: 99\r\n\r\nabc')).toMatchObject({ headLength: 60, totalLength: 63 });
    // Bare LF line ends, as some servers send.
    expect(head('HTTP/1.0 200 OK\nContent-Length: 2\n\nok')).toMatchObject({ headLength: 35, totalLength: 37, hasBody: true });
  });

  it('says what is missing: the first line, the headers, the last chunk', () => {
    expect(head('GET /index.ht')).toEqual({ headLength: 0, totalLength: -1, chunked: false, hasBody: false });
    expect(head('GET / HTTP/1.1\r\nHost: a\r\n')).toMatchObject({ startLine: 'GET / HTTP/1.1', headLength: 0, totalLength: -1 });
    const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Trailer: yes\r\n\r\n';
    expect(head(chunked)).toMatchObject({ chunked: true, hasBody: true, totalLength: chunked.length });
    for (let cut = 46; cut < chunked.length; cut++) expect(head(chunked.slice(0, cut)).totalLength).toBe(-1);
    // A chunk size that is not hexadecimal ends the body there instead of waiting for ever.
    expect(head('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nmore').totalLength).toBe(51);
  });
});

describe('HttpMessageTable', () => {
  const response = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\n0123456789abcdefghij';
  const feed = (table: HttpMessageTable, direction: number, seq: number, text: string, frame: number) => table.segment(direction, seq, Buffer.from(text), 0, text.length, frame, false);

  it('completes a message in the segment that brings its last byte, and lists every segment', () => {
    const table = new HttpMessageTable();
    expect(feed(table, 0, 100, response.slice(0, 70), 1)).toEqual({ kind: 'part', info: 'HTTP/1.1 200 OK ' });
    expect(feed(table, 0, 170, response.slice(70, 75), 2)).toEqual({ kind: 'part' });
    expect(feed(table, 0, 175, response.slice(75), 3)).toEqual({ kind: 'whole', startLine: 'HTTP/1.1 200 OK', contentType: 'text/plain', mediaType: 'text/plain', hasBody: true, segments: [{ frame: 1, length: 70 }, { frame: 2, length: 5 }, { frame: 3, length: 10 }] });
    // The direction is free again: a whole message in one segment is not reassembly's business.
    expect(feed(table, 0, 185, response, 4)).toBeUndefined();
  });

  it('keeps directions apart, leaves a segment sent again alone, and counts one past a gap as part of the message', () => {
    const table = new HttpMessageTable();
    expect(feed(table, 0, 100, response.slice(0, 70), 1)?.kind).toBe('part');
    expect(feed(table, 1, 900, 'GET / HTTP/1.1\r\n', 2)).toEqual({ kind: 'part', info: 'GET / HTTP/1.1 ' });
    // Sent again (seq before the next one): shown on its own. Ahead of a gap but inside the message (as tshark's
    // multi-segment PDU covers it): part of it. Either way the message still waits for the next segment in line.
    expect(feed(table, 0, 100, response.slice(0, 70), 3)).toBeUndefined();
    expect(feed(table, 0, 180, response.slice(80), 4)).toEqual({ kind: 'part' });
    expect(feed(table, 0, 170, response.slice(70), 5)?.kind).toBe('whole');
    expect(feed(table, 1, 916, '\r\n', 6)).toMatchObject({ kind: 'whole', startLine: 'GET / HTTP/1.1', hasBody: false });
  });

  it('after a gap, counts segments as part of the message up to its end, then reads the next message afresh', () => {
    const table = new HttpMessageTable();
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 300\r\n\r\n';
    expect(feed(table, 0, 0, head, 1)?.kind).toBe('part');
    // Bytes [head, head+100) were never captured: the rest still belongs to the message, which cannot complete.
    expect(feed(table, 0, head.length + 100, 'x'.repeat(100), 2)).toEqual({ kind: 'part' });
    expect(feed(table, 0, head.length + 200, 'x'.repeat(100), 3)).toEqual({ kind: 'part' });
    // At the message's end the next one starts: whole in one segment, so no reassembly.
    expect(feed(table, 0, head.length + 300, 'HTTP/1.1 204 No Content\r\n\r\n', 4)).toBeUndefined();
    expect(feed(table, 0, head.length + 326, 'HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n', 5)?.kind).toBe('part');
  });

  it('knows a response to HEAD, a 1xx, 204 or 304 has no body, and waits for the close when a response has no length', () => {
    const table = new HttpMessageTable();
    // Direction 0 asks, direction 1 answers. HEAD's answer declares 100 bytes it will not send: whole with its headers.
    expect(feed(table, 0, 1, 'HEAD / HTTP/1.1\r\n\r\n', 1)).toBeUndefined();
    expect(feed(table, 1, 1, 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n', 2)).toBeUndefined();
    // A 100 Continue is not the answer: the 200 after it is, and it has a body of its length.
    expect(feed(table, 0, 20, 'GET / HTTP/1.1\r\n\r\n', 3)).toBeUndefined();
    expect(feed(table, 1, 44, 'HTTP/1.1 100 Continue\r\n\r\n', 4)).toBeUndefined();
    expect(feed(table, 1, 69, 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n', 5)).toEqual({ kind: 'part', info: 'HTTP/1.1 200 OK ' });
    expect(feed(table, 1, 107, 'abc', 6)?.kind).toBe('whole');
    expect(feed(table, 1, 110, 'HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n', 7)).toBeUndefined();
    // No length, not chunked: the body runs until the server's FIN, which completes the message (even without data).
    expect(feed(table, 1, 160, 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nsome', 8)).toEqual({ kind: 'part', info: 'HTTP/1.0 200 OK ' });
    expect(feed(table, 1, 209, ' more', 9)).toEqual({ kind: 'part' });
    expect(table.segment(1, 214, Buffer.alloc(0), 0, 0, 10, false, true)).toMatchObject({ kind: 'whole', startLine: 'HTTP/1.0 200 OK', hasBody: true, mediaType: 'text/plain', segments: [{ frame: 8, length: 49 }, { frame: 9, length: 5 }] });
    // A FIN on a message of known length changes nothing.
    expect(feed(table, 0, 39, 'POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\n', 11)?.kind).toBe('part');
    expect(table.segment(0, 79, Buffer.alloc(0), 0, 0, 12, false, true)).toBeUndefined();
  });

  it('needs the whole first line off the HTTP ports, but not on them', () => {
    const table = new HttpMessageTable();
    expect(feed(table, 0, 1, 'GET /index.ht', 1)).toBeUndefined();
    expect(table.segment(2, 1, Buffer.from('GET /index.ht'), 0, 13, 2, true)).toEqual({ kind: 'part' });
    expect(table.segment(2, 14, Buffer.from('ml HTTP/1.1\r\n\r\n'), 0, 15, 3, true)).toMatchObject({ kind: 'whole', startLine: 'GET /index.html HTTP/1.1' });
  });

  it('counts a long body down without keeping it, and gives up on a message of unknown length past 256 KiB', () => {
    const table = new HttpMessageTable();
    const big = 'HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n';
    expect(feed(table, 0, 0, big, 1)?.kind).toBe('part');
    const block = Buffer.alloc(1_000_000);
    let seq = big.length;
    for (let frame = 2; frame <= 100; frame++, seq += block.length) expect(table.segment(0, seq, block, 0, block.length, frame, false)).toEqual({ kind: 'part' });
    expect(table.segment(0, seq, block, 0, block.length - 1, 101, false)).toEqual({ kind: 'part' });
    expect(table.segment(0, seq + block.length - 1, block, 0, 1, 102, false)?.kind).toBe('whole');

    const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n';
    expect(feed(table, 2, 0, chunked, 1)?.kind).toBe('part');
    const kib = Buffer.alloc(1024, 0x61);
    let outcome;
    seq = chunked.length;
    for (let frame = 2; frame < 400 && outcome !== undefined || frame === 2; frame++, seq += 1024) outcome = table.segment(2, seq, kib, 0, 1024, frame, false);
    expect(outcome).toBeUndefined();
  });
});
