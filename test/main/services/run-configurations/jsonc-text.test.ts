// The JSONC reader: comments and trailing commas go, strings stay untouched, and errors point into the original text.
import { describe, expect, it } from 'vitest';
import { parseJsonc, stripJsonc } from '../../../../main/services/run-configurations/jsonc-text';

describe('parseJsonc', () => {
  it('reads line and block comments and trailing commas in objects and arrays', () => {
    const text = ['{', '  // a comment', '  "a": [1, 2, /* two */ ],', '  /* block', '     over lines */ "b": { "c": true, },', '}'].join('\n');
    expect(parseJsonc(text)).toEqual({ ok: true, value: { a: [1, 2], b: { c: true } } });
  });

  it('leaves comment markers and commas inside strings alone, escaped quotes included', () => {
    const text = '{ "url": "http://x//y", "glob": "a/*b*/c", "quote": "say \\"hi\\", // not a comment", "list": ",]" }';
    expect(parseJsonc(text)).toEqual({ ok: true, value: { url: 'http://x//y', glob: 'a/*b*/c', quote: 'say "hi", // not a comment', list: ',]' } });
  });

  it('keeps every character position, so errors point into the original text', () => {
    const text = '{\n  // c\n  "a": 1,\n}';
    expect(stripJsonc(text)).toHaveLength(text.length);
    expect(stripJsonc(text).split('\n')).toHaveLength(4);
    const broken = parseJsonc('{\n  // first\n  "a": 1\n  "b": 2\n}');
    expect(broken).toMatchObject({ ok: false, line: 4, column: 3 });
  });

  it('does not treat a comma before a comment-then-value as trailing, and rejects a doubled comma', () => {
    expect(parseJsonc('[1, // one\n 2]')).toEqual({ ok: true, value: [1, 2] });
    expect(parseJsonc('[1, /* c */\n]')).toEqual({ ok: true, value: [1] });
    expect(parseJsonc('{"a": 1,, }').ok).toBe(false);
  });

  it('says where the text goes wrong even when JSON.parse does not (an unexpected token)', () => {
    expect(parseJsonc('{ "configurations": [ oops ] }')).toEqual({ ok: false, line: 1, column: 23, reason: "Unexpected token 'o'" });
    expect(parseJsonc('{\n  "a": tru\n}')).toMatchObject({ ok: false, line: 2, column: 8 });
    expect(parseJsonc('{ "a": 1 } x')).toMatchObject({ ok: false, line: 1, column: 12 });
    expect(parseJsonc('{ "a": "line\nbreak" }')).toMatchObject({ ok: false, line: 1, column: 8 });
    expect(parseJsonc('{ "a": [1, 2')).toEqual({ ok: false, line: 1, column: 13, reason: 'the text ends too early' });
  });

  it('reports an unterminated block comment and empty input as errors with a position', () => {
    expect(parseJsonc('{ "a": 1 /* never closed')).toMatchObject({ ok: false, line: 1 });
    expect(parseJsonc('')).toMatchObject({ ok: false, line: 1, column: 1 });
  });

  it('accepts a byte order mark', () => {
    expect(parseJsonc('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});
