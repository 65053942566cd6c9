// Unit tests of the packet-rate history (frames/s over a minute) and Follow Stream's ASCII and hex text.
import { describe, expect, it } from 'vitest';
import { PacketRateHistory } from '../../../renderer/src/packets/packet-rate-history';
import { directionTotals, streamAscii, streamHexDump } from '../../../renderer/src/packets/follow-stream-text';

describe('PacketRateHistory', () => {
  it('counts growth per second and keeps one minute', () => {
    const history = new PacketRateHistory();
    history.record(1_000, 0);
    history.record(1_500, 10);
    history.record(2_100, 25);
    history.record(2_900, 30);
    const bins = history.bins(2_999);
    expect(bins).toHaveLength(60);
    expect(bins.slice(-2)).toEqual([10, 20]);
    history.record(70_000, 31);
    const later = history.bins(70_000);
    expect(later.reduce((a, b) => a + b, 0)).toBe(1);
    expect(later[59]).toBe(1);
  });

  it('ignores a count that did not grow (a new filter, a reset)', () => {
    const history = new PacketRateHistory();
    history.record(0, 100);
    history.record(500, 50);
    expect(history.bins(500).every((bin) => bin === 0)).toBe(true);
  });
});

describe('Follow Stream text', () => {
  const bytes = new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n\u0001');
  it('keeps line breaks and dots the rest in ASCII', () => {
    expect(streamAscii(bytes)).toBe('GET / HTTP/1.1\r\nHost: x\r\n\r\n.');
  });

  it('dumps hex with per-direction offsets', () => {
    const dump = streamHexDump(bytes, 0x20).split('\n');
    expect(dump).toHaveLength(2);
    expect(dump[0]).toBe('00000020  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  GET / HTTP/1.1..');
    expect(dump[1].startsWith('00000030  48 6f 73 74 3a 20 78 0d  0a 0d 0a 01')).toBe(true);
    expect(dump[1].endsWith('Host: x.....')).toBe(true);
  });

  it('totals each direction', () => {
    expect(directionTotals([
      { fromClient: true, bytes: new Uint8Array(3) },
      { fromClient: false, bytes: new Uint8Array(10) },
      { fromClient: true, bytes: new Uint8Array(2) },
    ])).toEqual({ clientBytes: 5, serverBytes: 10, clientSegments: 2, serverSegments: 1 });
  });
});
