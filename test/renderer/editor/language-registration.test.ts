// registerLanguages against a recording stand-in for Monaco's `languages` namespace.
import { describe, expect, it } from 'vitest';
import type { LanguageContribution } from '../../../main/api';
import { registerLanguages, type MonacoApi } from '../../../renderer/src/editor/language-registration';

function fakeMonaco(knownIds: string[]) {
  const calls: [string, ...unknown[]][] = [];
  const languages = {
    IndentAction: { None: 0, Indent: 1, IndentOutdent: 2, Outdent: 3 },
    getLanguages: () => knownIds.map((id) => ({ id })),
    register: (language: unknown) => calls.push(['register', language]),
    setMonarchTokensProvider: (id: string, grammar: Record<string, unknown>) => {
      if (!('tokenizer' in grammar)) throw new Error('no tokenizer');
      // Like Monaco's compiler, annotate the grammar, to prove the contribution is not touched.
      grammar.languageId = id;
      calls.push(['setMonarchTokensProvider', id, grammar]);
    },
    setLanguageConfiguration: (id: string, configuration: unknown) => calls.push(['setLanguageConfiguration', id, configuration]),
  };
  return { monaco: { languages } as unknown as MonacoApi, calls };
}

const ocaml: LanguageContribution = {
  id: 'ocaml',
  aliases: ['OCaml'],
  extensions: ['.ml'],
  filenames: ['config.ml'],
  monarch: { tokenizer: { root: [] } },
  configuration: { wordPattern: '\\w+' },
  extension: 'ocaml',
};
const c: LanguageContribution = { id: 'c', aliases: ['C'], extensions: ['.c'], filenames: [], extension: 'c-unikernel' };

describe('registerLanguages', () => {
  it('registers grammars without file associations and leaves built-in languages alone', () => {
    const { monaco, calls } = fakeMonaco(['c', 'fsharp']);
    registerLanguages(monaco, [ocaml, c]);
    expect(calls).toEqual([
      ['register', { id: 'ocaml', aliases: ['OCaml'] }],
      ['setMonarchTokensProvider', 'ocaml', { tokenizer: { root: [] }, languageId: 'ocaml' }],
      ['setLanguageConfiguration', 'ocaml', { wordPattern: /\w+/ }],
    ]);
    expect(ocaml.monarch).toEqual({ tokenizer: { root: [] } });
  });

  it('registers an unknown language without a grammar so models can use its id', () => {
    const { monaco, calls } = fakeMonaco([]);
    registerLanguages(monaco, [{ ...c, id: 'nim' }]);
    expect(calls).toEqual([['register', { id: 'nim', aliases: ['C'] }]]);
  });

  it('reports a broken contribution and still registers the others', () => {
    const { monaco, calls } = fakeMonaco([]);
    const problems: string[] = [];
    const broken = { ...ocaml, id: 'broken', extension: 'third-party', monarch: { states: {} } };
    registerLanguages(monaco, [broken, ocaml], (message) => problems.push(message));
    expect(problems).toEqual(['Language "broken" from extension "third-party": no tokenizer']);
    expect(calls.filter(([name]) => name === 'setMonarchTokensProvider').map(([, id]) => id)).toEqual(['ocaml']);
  });
});
