// Tests TextSearch: literal, regex, case and whole-word matching, columns, previews, limits and skipped files.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TextSearch } from '../../../../main/services/workspace/text-search';
import { WorkspaceRoot } from '../../../../main/services/workspace/workspace-root';
import { makeTempWorkspace, type TempWorkspace } from './temp-workspace';

let ws: TempWorkspace;
let search: TextSearch;

beforeEach(async () => {
  ws = makeTempWorkspace();
  search = new TextSearch(await WorkspaceRoot.open(ws.dir));
});
afterEach(() => ws.cleanup());

describe('TextSearch', () => {
  it('finds literal text case-insensitively by default, several matches per line, 1-based', async () => {
    ws.write({ 'src/a.ml': 'let foo = 1\nFoo.bar foo\n', 'b.txt': 'nothing here' });
    expect(await search.search({ pattern: 'foo' })).toEqual({
      matches: [
        { path: 'src/a.ml', line: 1, column: 5, length: 3, preview: 'let foo = 1', previewColumn: 4 },
        { path: 'src/a.ml', line: 2, column: 1, length: 3, preview: 'Foo.bar foo', previewColumn: 0 },
        { path: 'src/a.ml', line: 2, column: 9, length: 3, preview: 'Foo.bar foo', previewColumn: 8 },
      ],
      filesSearched: 2,
      truncated: false,
    });
  });

  it('treats regex characters literally unless asked', async () => {
    ws.write({ 'a.txt': 'a.c abc a+c\n' });
    expect((await search.search({ pattern: 'a.c' })).matches.map((m) => m.column)).toEqual([1]);
    expect((await search.search({ pattern: 'a+c' })).matches.map((m) => m.column)).toEqual([9]);
    expect((await search.search({ pattern: 'a.c', isRegex: true })).matches.map((m) => m.column)).toEqual([1, 5, 9]);
  });

  it('honours case sensitivity', async () => {
    ws.write({ 'a.txt': 'Foo foo FOO\n' });
    expect((await search.search({ pattern: 'foo', caseSensitive: true })).matches.map((m) => m.column)).toEqual([5]);
    expect((await search.search({ pattern: 'foo', caseSensitive: false })).matches.map((m) => m.column)).toEqual([1, 5, 9]);
  });

  it('matches whole words only when asked', async () => {
    ws.write({ 'a.ml': 'net network net_if (net)\n' });
    expect((await search.search({ pattern: 'net', wholeWord: true })).matches.map((m) => m.column)).toEqual([1, 21]);
    expect((await search.search({ pattern: 'net|network', isRegex: true, wholeWord: true })).matches.map((m) => [m.column, m.length])).toEqual([
      [1, 3],
      [5, 7],
      [21, 3],
    ]);
  });

  it('counts columns in UTF-16 units and handles CRLF and CR line ends', async () => {
    ws.write({ 'a.txt': 'é😀x\r\nold\rx\n' });
    expect((await search.search({ pattern: 'x' })).matches.map((m) => [m.line, m.column])).toEqual([
      [1, 4],
      [3, 1],
    ]);
  });

  it('rejects an invalid regex with the engine message', async () => {
    ws.write({ 'a.txt': 'x' });
    const attempt = search.search({ pattern: 'a(b', isRegex: true });
    await expect(attempt).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(attempt).rejects.toThrow('Invalid regular expression: /a(b/gi: Unterminated group');
  });

  it('ignores empty matches and an empty pattern', async () => {
    ws.write({ 'a.txt': 'bab\n' });
    expect((await search.search({ pattern: 'a*', isRegex: true })).matches.map((m) => m.column)).toEqual([2]);
    expect(await search.search({ pattern: '' })).toEqual({ matches: [], filesSearched: 0, truncated: false });
  });

  it('stops at maxResults and reports truncation', async () => {
    ws.write({ 'a.txt': 'x x x\nx x\n', 'b.txt': 'x\n' });
    const result = await search.search({ pattern: 'x', maxResults: 4 });
    expect(result.truncated).toBe(true);
    expect(result.matches.map((m) => [m.path, m.line, m.column])).toEqual([
      ['a.txt', 1, 1],
      ['a.txt', 1, 3],
      ['a.txt', 1, 5],
      ['a.txt', 2, 1],
    ]);
    const exact = await search.search({ pattern: 'x', maxResults: 6 });
    expect(exact.truncated).toBe(false);
    expect(exact.matches).toHaveLength(6);
  });

  it('skips binary files, files over 2 MiB and dependency folders', async () => {
    ws.write({
      'bin.o': Buffer.from('needle\0needle'),
      'big.log': `needle${'a'.repeat(2 * 1024 * 1024)}`,
      'node_modules/dep.js': 'needle',
      '.git/config': 'needle',
      '_build/x.ml': 'needle',
      'ok.ml': 'needle',
    });
    expect(await search.search({ pattern: 'needle' })).toEqual({
      matches: [{ path: 'ok.ml', line: 1, column: 1, length: 6, preview: 'needle', previewColumn: 0 }],
      filesSearched: 1,
      truncated: false,
    });
  });

  it('trims long lines to a window around the match', async () => {
    const line = `${'a'.repeat(500)}needle${'b'.repeat(500)}`;
    ws.write({ 'long.txt': line });
    const [match] = (await search.search({ pattern: 'needle' })).matches;
    expect(match.column).toBe(501);
    expect(match.preview).toBe(`…${'a'.repeat(40)}needle${'b'.repeat(154)}…`);
    expect(match.preview.slice(match.previewColumn, match.previewColumn + 6)).toBe('needle');
    writeFileSync(ws.abs('long.txt'), `needle${'b'.repeat(500)}`);
    expect((await search.search({ pattern: 'needle' })).matches[0].preview).toBe(`needle${'b'.repeat(194)}…`);
  });

  it('stops when aborted', async () => {
    ws.write({ 'a.txt': 'x' });
    const controller = new AbortController();
    controller.abort();
    await expect(search.search({ pattern: 'x' }, controller.signal)).rejects.toThrow();
  });
});
