// Unit tests of the record builder: line splitting across chunks, \r\n endings, styled messages of parsed log lines.
import { describe, expect, it } from 'vitest';
import { AnsiSgrParser } from '../../../renderer/src/log/ansi-sgr-parser';
import { LogRecordBuilder } from '../../../renderer/src/log/log-record-builder';

const bytes = (text: string) => new TextEncoder().encode(text);

function records(...chunks: (string | Uint8Array)[]) {
  const parser = new AnsiSgrParser();
  const builder = new LogRecordBuilder();
  const out = chunks.flatMap((chunk) => builder.push(parser.push(typeof chunk === 'string' ? bytes(chunk) : chunk)));
  return { out: [...out, ...builder.push(parser.flush()), ...builder.flush()], builder };
}

describe('LogRecordBuilder', () => {
  it('parses the C example output (\\r\\n endings, a coloured word, a warning) into records', () => {
    const { out } = records(
      '2026-11-21T05:01:59+00:00: [INFO] [application] self-test: fibonacci(20) = 6765 \x1b[32mok\x1b[0m\r',
      '\n2026-11-21T05:01:59+00:00: [WARNING] [application] no network\r\nplain line',
    );
    expect(out.map(({ seq, level, source, time, text }) => ({ seq, level, source, time, text }))).toEqual([
      { seq: 1, level: 'info', source: 'application', time: '2026-11-21T05:01:59+00:00', text: '2026-11-21T05:01:59+00:00: [INFO] [application] self-test: fibonacci(20) = 6765 ok' },
      { seq: 2, level: 'warning', source: 'application', time: '2026-11-21T05:01:59+00:00', text: '2026-11-21T05:01:59+00:00: [WARNING] [application] no network' },
      { seq: 3, level: null, source: null, time: null, text: 'plain line' },
    ]);
    expect(out[0]!.message.map((run) => [run.text, run.style.fg])).toEqual([
      ['self-test: fibonacci(20) = 6765 ', null],
      ['ok', 2],
    ]);
  });

  it('joins a styled word that arrived in two chunks into one run, through runs and through column batches', () => {
    const line = ['2026-11-21T05:01:59+00:00: [INFO] [application] = 6765 \x1b[32mo', 'k\x1b[0m\r\n'];
    expect(records(...line).out[0]!.message.map((run) => [run.text, run.style.fg])).toEqual([
      ['= 6765 ', null],
      ['ok', 2],
    ]);
    const parser = new AnsiSgrParser();
    const builder = new LogRecordBuilder();
    const batched = line.flatMap((chunk) => builder.pushBatch(parser.pushBatch(bytes(chunk))));
    expect(batched[0]!.message.map((run) => [run.text, run.style.fg])).toEqual([
      ['= 6765 ', null],
      ['ok', 2],
    ]);
  });

  it('parses a log line whose header is split by colour codes', () => {
    const { out } = records('2018-06-21 12:24:46 -00:00: \x1b[33mWRN\x1b[0m [netif] slow\n');
    expect(out[0]).toMatchObject({ level: 'warning', source: 'netif', message: [{ text: 'slow' }] });
  });

  it('feeds Solo5 banner lines to the memory map reader', () => {
    const { out, builder } = records('Solo5: Memory map: 32 MB addressable:\nSolo5:       text @ (0x100000 - 0x1fffff)\n');
    expect(out.map((record) => record.solo5)).toEqual([true, true]);
    expect(builder.solo5.banner.regions).toEqual([{ name: 'text', start: 0x100000, end: 0x200000 }]);
  });

  it('makes the same records from the parser\'s columns as from its runs, however the stream is chunked', () => {
    const stream = bytes(
      '2026-11-21T05:01:59+00:00: [INFO] [application] \x1b[32mok\x1b[m \x1b[0mplain\x1b[0m\r\n' +
        'a\x1b[1mb\x1b[1mc\nd\x1b]0;title\nstill title\x07e\x1b[31m\n\x1b[31mred\r\n\x1b[12\nbroken\x1b[38;2;1;2;3mrgb é€😀\n' +
        '2018-06-21 12:24:46 -00:00: \x1b[33mWRN\x1b[0m [netif] \x1b[2mslow\x1b[22m\n\ntail without newline',
    );
    // mulberry32, so every run of the test tries the same cuts.
    let seed = 7;
    const random = (n: number) => {
      let t = (seed = (seed + 0x6d2b79f5) | 0);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    for (let trial = 0; trial < 200; trial++) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < stream.length; ) {
        const size = trial === 0 ? stream.length : 1 + random(trial < 100 ? 8 : 40);
        chunks.push(stream.slice(at, at + size));
        at += size;
      }
      const fromRuns = records(...chunks).out;
      const parser = new AnsiSgrParser();
      const builder = new LogRecordBuilder();
      const fromBatches = chunks.flatMap((chunk) => builder.pushBatch(parser.pushBatch(chunk)));
      fromBatches.push(...builder.pushBatch(parser.flushBatch()), ...builder.flush());
      expect(fromBatches, `trial ${trial}`).toEqual(fromRuns);
    }
    expect(records(stream).out.map((record) => record.text)).toContain('de');
  });
});

