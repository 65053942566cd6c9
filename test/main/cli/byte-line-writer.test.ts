// Lines built piece by piece in the output buffer come out byte for byte as the same text formatted as strings would.
import { describe, expect, it } from 'vitest';
import { ByteLineWriter } from '../../../main/cli/byte-line-writer';
import { writeSummaryLine } from '../../../main/cli/dissect-summary-line';

function collect(reuse: boolean) {
  const chunks: Buffer[] = [];
  const handed: Buffer[] = [];
  const lastBytes: number[] = [];
  const writer = new ByteLineWriter((bytes) => {
    handed.push(bytes);
    lastBytes.push(bytes[bytes.length - 1]!);
    chunks.push(Buffer.from(bytes));
    return reuse;
  });
  return { writer, text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks), handed, lastBytes };
}

/** The summary line as tshark lays it out, formatted with strings (what the byte writer must match). */
function expected(number: number, micros: number, source: string, destination: string, protocol: string, length: number, info: string) {
  const magnitude = Math.abs(micros);
  const time = `${micros < 0 ? '-' : ''}${Math.trunc(magnitude / 1e6)}.${String(magnitude % 1e6).padStart(6, '0')}`;
  return `${String(number).padStart(5)} ${time.padStart(10)} ${source.padStart(12)} → ${destination.padEnd(12)} ${protocol} ${length} ${info}\n`;
}

describe('ByteLineWriter', () => {
  it('writes summary lines exactly as string formatting would, whatever the widths and characters', () => {
    const { writer, text } = collect(true);
    const cases: Parameters<typeof expected>[] = [
      [1, 0, '10.0.2.15', '10.0.2.2', 'DNS', 74, 'Standard query 0x1234 A example.com'],
      [123456, 12_345_678_901, 'fe80::5054:ff:fe12:3456', 'ff02::1', 'ICMPv6', 86, 'Neighbor Advertisement'],
      [42, -1_500_000, '52:54:00:12:34:56', 'Broadcast', 'ARP', 42, 'Who has 10.0.2.2? Tell 10.0.2.15'],
      [7, 999_999, '', '', 'LINKTYPE 147', 10, 'Link type not dissected'],
      [8, 5, 'hôte-é', 'ünïcode', 'HTTP', 300, 'GET /päth→x HTTP/1.1 ' + 'é'.repeat(40)],
      [9, 3_000_000_000_000, '1.2.3.4', '5.6.7.8', 'TCP', 60, '80 → 443 [SYN] Seq=0 Win=64240 Len=0'],
      [10, 1, 'a', 'b', 'UDP', 0, ''],
      // Numbers past 2^31 (digits by float arithmetic), a short non-ASCII Info, and an Info longer than a whole buffer.
      [3_000_000_000, 9_007_199_254_740_991, 'x', 'y', 'TCP', 2 ** 32, 'é→😀'],
      [11, 0, '10.0.0.1', '10.0.0.2', 'HTTP', 1500, `GET /${'ä'.repeat(100_000)} HTTP/1.1`],
    ];
    for (const args of cases) writeSummaryLine(writer, ...args);
    writer.flush();
    expect(text()).toBe(cases.map((args) => expected(...args)).join(''));
  });

  it('splits across buffers without losing or tearing a line, and reuses the buffer only when the writer is done with it', () => {
    for (const reuse of [true, false]) {
      const { writer, text, handed, lastBytes } = collect(reuse);
      let want = '';
      for (let index = 0; index < 20_000; index++) {
        const info = `frame ${index} ${'x'.repeat(index % 50)}→`;
        writeSummaryLine(writer, index, index * 100, '10.0.0.1', '10.0.0.2', 'UDP', index % 1500, info);
        want += expected(index, index * 100, '10.0.0.1', '10.0.0.2', 'UDP', index % 1500, info);
      }
      writer.line('a whole line');
      writer.flush();
      expect(text()).toBe(`${want}a whole line\n`);
      expect(handed.length).toBeGreaterThan(3);
      expect(lastBytes.every((byte) => byte === 10)).toBe(true);
      const backing = new Set(handed.map((bytes) => bytes.buffer));
      expect(backing.size).toBe(reuse ? 1 : handed.length);
    }
  });
});

describe('ByteLineWriter.text', () => {
  it('encodes UTF-8 exactly as Buffer does, surrogate pairs and lone surrogates included', () => {
    const samples = ['', 'plain', '→', 'é', '€', '😀', 'a😀b', '\ud800', '\udc00x', 'x\ud83d', '\ud83d\ud83d\ude00', '\u07ff\u0800\uffff', 'GET /päth→x'];
    // And strings of random UTF-16 units, which hit every branch.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let index = 0; index < 500; index++) samples.push(String.fromCharCode(...Array.from({ length: 1 + Math.floor(random() * 30) }, () => Math.floor(random() * 0x10000))));
    for (const sample of samples) {
      const { writer, bytes } = collect(true);
      writer.text(sample);
      writer.endLine();
      writer.flush();
      expect(bytes().equals(Buffer.from(`${sample}\n`, 'utf8'))).toBe(true);
    }
  });
});
