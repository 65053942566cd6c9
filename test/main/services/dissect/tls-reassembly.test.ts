// TLS records over several TCP segments: which records end in which segment, per direction, as tshark reports them.
import { describe, expect, it } from 'vitest';
import { TlsRecordTable } from '../../../../main/services/dissect/tls-reassembly';

/** A record of `type` with a body of `length` bytes (a handshake body starts with its message type, 1: ClientHello). */
function record(type: number, length: number): Buffer {
  const bytes = Buffer.alloc(5 + length, 0x61);
  bytes[0] = type;
  bytes.writeUInt16BE(0x0303, 1);
  bytes.writeUInt16BE(length, 3);
  if (type === 22) bytes[5] = 1;
  return bytes;
}

describe('TlsRecordTable', () => {
  it('names the records that end in each segment, and says when a segment is inside one', () => {
    const table = new TlsRecordTable();
    const stream = Buffer.concat([record(22, 300), record(20, 1), record(23, 1000), record(23, 50)]);
    const cut = [0, 200, 330, 700, 1100, stream.length];
    const outcomes = cut.slice(1).map((end, index) => table.segment(0, 1000 + cut[index]!, stream, cut[index]!, end, index + 1));
    expect(outcomes[0]).toEqual({ kind: 'records', records: [] });
    // The handshake ends at 305 (its body whole, put together), the CCS at 311; the application data goes on.
    expect(outcomes[1]).toMatchObject({ kind: 'records', records: [{ type: 22, length: 300, at: -1, segments: [{ frame: 1, length: 200 }, { frame: 2, length: 105 }] }, { type: 20, length: 1, at: 105 }] });
    expect((outcomes[1] as { records: { body: Buffer }[] }).records[0]!.body).toEqual(stream.subarray(5, 305));
    // The application data (311–1316) is still open after two more segments, then ends with the last record whole.
    expect(outcomes[2]).toEqual({ kind: 'inside' });
    expect(outcomes[3]).toEqual({ kind: 'inside' });
    expect(outcomes[4]).toMatchObject({ kind: 'records', records: [{ type: 23, length: 1000, at: -1, segments: [{ frame: 2, length: 19 }, { frame: 3, length: 370 }, { frame: 4, length: 400 }, { frame: 5, length: 216 }] }, { type: 23, length: 50, at: 216 }] });
  });

  it('reads alone a segment of whole records, one sent again, and one after a gap', () => {
    const table = new TlsRecordTable();
    const whole = Buffer.concat([record(23, 10), record(23, 20)]);
    expect(table.segment(0, 1, whole, 0, whole.length, 1)).toBeUndefined();
    const big = record(23, 500);
    expect(table.segment(0, 100, big, 0, 100, 1)).toEqual({ kind: 'records', records: [] });
    expect(table.segment(0, 100, big, 0, 100, 1)).toEqual({ kind: 'resent' });
    expect(table.segment(0, 300, big, 200, 300, 1)).toBeUndefined();
    expect(table.segment(0, 200, big, 100, 505, 1)).toMatchObject({ kind: 'records', records: [{ type: 23, length: 500 }] });
  });

  it('puts a header cut into pieces back together, and drops bytes that are not TLS', () => {
    const table = new TlsRecordTable();
    const data = record(23, 20);
    expect(table.segment(1, 0, data, 0, 1, 1)).toEqual({ kind: 'records', records: [] });
    expect(table.segment(1, 1, data, 1, 3, 1)).toEqual({ kind: 'records', records: [] });
    expect(table.segment(1, 3, data, 3, 25, 1)).toMatchObject({ kind: 'records', records: [{ type: 23, length: 20, at: -1 }] });
    // A "header" claiming more than TLS allows is not one: the direction is free again.
    const bogus = Buffer.from([23, 3, 3, 0xff, 0xff]);
    expect(table.segment(2, 0, bogus, 0, 2, 1)).toEqual({ kind: 'records', records: [] });
    expect(table.segment(2, 2, bogus, 2, 5, 1)).toEqual({ kind: 'records', records: [] });
    expect(table.segment(2, 5, data, 0, data.length, 1)).toBeUndefined();
  });
});
