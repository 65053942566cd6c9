// Every grammar and configuration the built-in extensions contribute compiles with Monaco's real Monarch compiler.
import path from 'node:path';
import { compile } from 'monaco-editor/editor/standalone/common/monarch/monarchCompile';
import { describe, expect, it } from 'vitest';
import { ExtensionRegistry } from '../../../main/services/extensions/extension-registry';
import { toLanguageConfiguration } from '../../../renderer/src/editor/language-configuration';

const registry = await ExtensionRegistry.load(path.resolve(import.meta.dirname, '../../../extensions'));
const languages = registry.contributions().languages;

describe('contributed grammars', () => {
  it('are the five with a grammar of their own', () => {
    expect(languages.filter((language) => language.monarch).map((language) => language.id)).toEqual([
      'asm',
      'dune',
      'makefile',
      'ocaml',
      'opam',
    ]);
  });

  it.each(languages.filter((language) => language.monarch).map((language) => [language.id, language] as const))(
    '%s compiles and its token postfix names the language',
    (id, language) => {
      const lexer = compile(id, structuredClone(language.monarch));
      expect(lexer.tokenPostfix).toBe(`.${id}`);
    },
  );

  it.each(languages.filter((language) => language.configuration).map((language) => [language.id, language] as const))(
    '%s has a configuration whose patterns are valid regular expressions',
    (_id, language) => {
      const configuration = toLanguageConfiguration(language.configuration ?? {}, { None: 0, Indent: 1, IndentOutdent: 2, Outdent: 3 } as never);
      expect(configuration.wordPattern).toBeInstanceOf(RegExp);
    },
  );
});
