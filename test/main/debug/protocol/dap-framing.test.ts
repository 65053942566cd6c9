// Tests the DAP framing: split and joined chunks, multibyte bodies, and malformed streams.
import { describe, expect, it } from 'vitest';
import { DapFrameError, DapFrameReader, encodeDapMessage } from '../../../../main/debug/protocol/dap-framing';

describe('DAP framing', () => {
  const hello = { seq: 1, type: 'event' as const, event: 'output', body: { output: 'héllo ✓\n' } };

  it('round-trips a message with multibyte text', () => {
    const reader = new DapFrameReader();
    expect(reader.push(encodeDapMessage(hello))).toEqual([hello]);
  });

  it('reassembles a message split at every byte and reads two messages from one chunk', () => {
    const reader = new DapFrameReader();
    const bytes = encodeDapMessage(hello);
    const seen = [];
    for (let i = 0; i < bytes.length; i++) seen.push(...reader.push(bytes.subarray(i, i + 1)));
    expect(seen).toEqual([hello]);
    const second = { seq: 2, type: 'response' as const, request_seq: 1, success: true, command: 'initialize' };
    expect(new DapFrameReader().push(Buffer.concat([encodeDapMessage(hello), encodeDapMessage(second)]))).toEqual([hello, second]);
  });

  it('uses the byte length, not the character length', () => {
    expect(encodeDapMessage(hello).toString('ascii')).toMatch(/^Content-Length: 74\r\n\r\n/);
  });

  it('rejects a header without Content-Length and a body that is not JSON', () => {
    expect(() => new DapFrameReader().push(Buffer.from('X-Other: 3\r\n\r\n{}'))).toThrow(DapFrameError);
    expect(() => new DapFrameReader().push(Buffer.from('Content-Length: 3\r\n\r\nabc'))).toThrow(/not JSON/);
    expect(() => new DapFrameReader().push(Buffer.alloc(9000, 65))).toThrow(/8 KiB/);
  });
});
