// languageForPath against the real extensions' contributions, so the manifests and the mapping are tested together.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LanguageContribution } from '../../../main/api';
import { ExtensionRegistry } from '../../../main/services/extensions/extension-registry';
import { languageForPath } from '../../../renderer/src/editor/language-for-path';

let languages: LanguageContribution[];

beforeAll(async () => {
  const registry = await ExtensionRegistry.load(path.resolve(import.meta.dirname, '../../../extensions'));
  languages = registry.contributions().languages;
});

describe('languageForPath with the built-in extensions', () => {
  it.each([
    ['unikernel.ml', 'ocaml'],
    ['unikernel.mli', 'ocaml'],
    ['config.ml', 'ocaml'],
    ['dune', 'dune'],
    ['dune-project', 'dune'],
    ['dune-workspace', 'dune'],
    ['hello.opam', 'opam'],
    ['opam', 'opam'],
    ['hello.opam.template', 'opam'],
    ['main.c', 'c'],
    ['solo5.h', 'c'],
    ['boot.S', 'asm'],
    ['boot.s', 'asm'],
    ['boot.asm', 'asm'],
    ['Makefile', 'makefile'],
    ['makefile', 'makefile'],
    ['GNUmakefile', 'makefile'],
    ['rules.mk', 'makefile'],
    ['package.json', 'json'],
    ['settings.jsonc', 'json'],
    ['README.md', 'markdown'],
    ['notes.markdown', 'markdown'],
    ['LICENSE', 'plaintext'],
    ['photo.png', 'plaintext'],
    ['unikernel.mll', 'plaintext'],
  ])('%s → %s', (file, language) => {
    expect(languageForPath(file, languages)).toBe(language);
  });

  it('looks only at the last segment of a path with folders, / or \\', () => {
    expect(languageForPath('src/unikernel/dune', languages)).toBe('dune');
    expect(languageForPath('/home/me/hello/config.ml', languages)).toBe('ocaml');
    expect(languageForPath('C:\\work\\hello\\Makefile', languages)).toBe('makefile');
    expect(languageForPath('dune/README', languages)).toBe('plaintext');
    expect(languageForPath('Makefile.d/notes', languages)).toBe('plaintext');
  });

  it('compares file extensions case-insensitively but file names exactly', () => {
    expect(languageForPath('MAIN.ML', languages)).toBe('ocaml');
    expect(languageForPath('Readme.MD', languages)).toBe('markdown');
    expect(languageForPath('DUNE', languages)).toBe('plaintext');
    expect(languageForPath('MAKEFILE', languages)).toBe('plaintext');
  });
});

describe('languageForPath rules', () => {
  const language = (id: string, extensions: string[], filenames: string[] = []): LanguageContribution => ({
    id,
    aliases: [id],
    extensions,
    filenames,
    extension: 'test',
  });

  it('prefers an exact file name over any extension, and the longest extension over shorter ones', () => {
    const set = [language('short', ['.ml', '.template']), language('long', ['.opam.template']), language('named', [], ['x.ml'])];
    expect(languageForPath('x.ml', set)).toBe('named');
    expect(languageForPath('y.ml', set)).toBe('short');
    expect(languageForPath('a.opam.template', set)).toBe('long');
    expect(languageForPath('a.template', set)).toBe('short');
  });

  it('keeps the first language when two claim an extension of the same length', () => {
    expect(languageForPath('a.x', [language('first', ['.x']), language('second', ['.X'])])).toBe('first');
  });

  it('answers plaintext when nothing is contributed', () => {
    expect(languageForPath('a.ml', [])).toBe('plaintext');
  });
});
