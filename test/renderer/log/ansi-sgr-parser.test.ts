// Unit tests of the ANSI SGR parser: styles, stripped sequences, sequences and UTF-8 split across chunks, hostile text.
import { describe, expect, it } from 'vitest';
import { AnsiSgrParser, DEFAULT_STYLE, type StyledRun } from '../../../renderer/src/log/ansi-sgr-parser';

const bytes = (text: string) => new TextEncoder().encode(text);
const parseAll = (...chunks: (string | Uint8Array)[]) => {
  const parser = new AnsiSgrParser();
  const runs = chunks.flatMap((chunk) => parser.push(chunk));
  return [...runs, ...parser.flush()];
};
/** Chunks end runs; joining same-style neighbours shows what a reader sees. */
const merged = (runs: StyledRun[]) =>
  runs.reduce<StyledRun[]>((out, run) => {
    const last = out[out.length - 1];
    if (last?.style === run.style) last.text += run.text;
    else out.push({ ...run });
    return out;
  }, []);
const simple = (runs: StyledRun[]) => runs.map(({ text, style }) => [text, Object.fromEntries(Object.entries(style).filter(([, v]) => v !== null && v !== false))]);

describe('AnsiSgrParser', () => {
  it('passes plain text through with the default style', () => {
    expect(parseAll('hello\r\nworld\n')).toEqual([{ text: 'hello\r\nworld\n', style: DEFAULT_STYLE }]);
  });

  it('applies colours, attributes and reset', () => {
    expect(simple(parseAll('a\x1b[1;31mb\x1b[2;3;4;7mc\x1b[22;23;24;27md\x1b[0me\x1b[92;104mf\x1b[39;49mg'))).toEqual([
      ['a', {}],
      ['b', { fg: 1, bold: true }],
      ['c', { fg: 1, bold: true, dim: true, italic: true, underline: true, inverse: true }],
      ['d', { fg: 1 }],
      ['e', {}],
      ['f', { fg: 10, bg: 12 }],
      ['g', {}],
    ]);
  });

  it('treats an empty SGR as reset and merges text around no-op sequences', () => {
    expect(simple(parseAll('\x1b[32mok\x1b[m plain\x1b[0m more'))).toEqual([
      ['ok', { fg: 2 }],
      [' plain more', {}],
    ]);
  });

  it('reads 256-colour and truecolor, foreground and background, in ; and : forms', () => {
    expect(simple(parseAll('\x1b[38;5;208ma\x1b[48;2;1;2;255mb\x1b[38:2::16:32:48mc\x1b[38:5:17;48:2:0:0:0md'))).toEqual([
      ['a', { fg: 208 }],
      ['b', { fg: 208, bg: '#0102ff' }],
      ['c', { fg: '#102030', bg: '#0102ff' }],
      ['d', { fg: 17, bg: '#000000' }],
    ]);
  });

  it('ignores out-of-range colours and unknown SGR codes but keeps the codes that follow', () => {
    expect(simple(parseAll('\x1b[38;5;300;1ma\x1b[5;9;53;31mb'))).toEqual([
      ['a', { bold: true }],
      ['b', { bold: true, fg: 1 }],
    ]);
  });

  it('strips other CSI, OSC, DCS and two-byte escapes', () => {
    expect(parseAll('\x1b[2J\x1b[1;1Ha\x1b[?25lb\x1b]0;title\x07c\x1b]8;;http://x\x1b\\d\x1bPq#0\x1b\\e\x1b(Bf\x1bcg\x1b[>4;2mh')).toEqual([{ text: 'abcdefgh', style: DEFAULT_STYLE }]);
  });

  it('finishes an escape split between chunks, at every split point', () => {
    const input = 'x\x1b[38;2;10;20;30my\x1b]0;t\x1b\\z';
    for (let cut = 1; cut < input.length; cut++) {
      expect(simple(merged(parseAll(input.slice(0, cut), input.slice(cut)))), `cut at ${cut}`).toEqual([
        ['x', {}],
        ['yz', { fg: '#0a141e' }],
      ]);
    }
  });

  it('decodes UTF-8 split across byte chunks, and invalid bytes as U+FFFD', () => {
    const encoded = bytes('é€😀');
    for (let cut = 1; cut < encoded.length; cut++) {
      expect(parseAll(encoded.slice(0, cut), encoded.slice(cut)).map((run) => run.text).join('')).toBe('é€😀');
    }
    expect(parseAll(new Uint8Array([0x61, 0xff, 0x62, 0xc3])).map((run) => run.text).join('')).toBe('a\ufffdb\ufffd');
  });

  it('keeps markup from the guest as text', () => {
    expect(parseAll(bytes('<script>alert(1)</script>&amp;\x1b[31m<b>x</b>'))).toEqual([
      { text: '<script>alert(1)</script>&amp;', style: DEFAULT_STYLE },
      { text: '<b>x</b>', style: expect.objectContaining({ fg: 1 }) },
    ]);
  });

  it('drops an escape that never ends instead of buffering without bound', () => {
    const parser = new AnsiSgrParser();
    expect(parser.push(`a\x1b]${'x'.repeat(5000)}`)).toEqual([{ text: 'a', style: DEFAULT_STYLE }]);
    expect(parser.push('b')).toEqual([{ text: 'b', style: DEFAULT_STYLE }]);
  });

  it('drops a CSI broken by a control character and keeps the text after it', () => {
    expect(parseAll('a\x1b[12\nb')).toEqual([{ text: 'a\nb', style: DEFAULT_STYLE }]);
  });

  it('gives the same chunk as columns: offsets into the decoded text, unjoined segments, styles shared with push()', () => {
    const parser = new AnsiSgrParser();
    const batch = parser.pushBatch(bytes('\x1b[31mab\x1b[1m\x1b[22mcd\x1b]0;t\x07é\x1b[0mf\x1b[3'));
    const segments = Array.from({ length: batch.count }, (_, i) => [batch.text.slice(batch.starts[i], batch.ends[i]), batch.styles[i]]);
    const red = batch.styles[0];
    expect(segments).toEqual([['ab', red], ['cd', red], ['é', red], ['f', DEFAULT_STYLE]]);
    expect(batch.styles[1]).toBe(red);
    expect(parser.push('1mg')).toEqual([{ text: 'g', style: red }]);
    expect(parser.flushBatch().count).toBe(0);
  });
});

