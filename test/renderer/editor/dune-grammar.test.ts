// Tokenizes dune files with Monaco's real Monarch lexer and the grammar from extensions/dune.
import { describe, expect, it } from 'vitest';
import { MonarchHarness, readGrammar } from './monarch-harness';

const dune = new MonarchHarness('dune', readGrammar('dune/syntaxes/dune.monarch.json'));

describe('dune grammar', () => {
  it('marks stanza and field names at the head of a list, and atoms elsewhere', () => {
    expect(dune.line('(library (name hello) (libraries lwt.unix name))')).toEqual([
      ['(', 'delimiter.parenthesis'],
      ['library', 'keyword'],
      ['(', 'delimiter.parenthesis'],
      ['name', 'keyword'],
      ['hello', 'identifier'],
      [')', 'delimiter.parenthesis'],
      ['(', 'delimiter.parenthesis'],
      ['libraries', 'keyword'],
      ['lwt.unix', 'identifier'],
      ['name', 'identifier'],
      ['))', 'delimiter.parenthesis'],
    ]);
  });

  it('reads line comments, block comments and datum comments', () => {
    expect(dune.line('(lang dune 3.16) ; the version')).toEqual([
      ['(', 'delimiter.parenthesis'],
      ['lang', 'keyword'],
      ['dune', 'identifier'],
      ['3.16', 'number'],
      [')', 'delimiter.parenthesis'],
      ['; the version', 'comment'],
    ]);
    expect(dune.line('#| block (not code) |# (test (name t))')).toEqual([
      ['#| block (not code) |#', 'comment'],
      ['(', 'delimiter.parenthesis'],
      ['test', 'keyword'],
      ['(', 'delimiter.parenthesis'],
      ['name', 'keyword'],
      ['t', 'identifier'],
      ['))', 'delimiter.parenthesis'],
    ]);
    expect(dune.line('#;(executable (name old)) #; skipped kept')).toEqual([
      ['#;(executable (name old))', 'comment'],
      ['#;', 'comment'],
      ['skipped', 'comment'],
      ['kept', 'identifier'],
    ]);
  });

  it('reads strings with escapes and %{..} variables inside and outside them', () => {
    expect(dune.line('(action (run %{bin:gen} "x %{deps}\\n" %{targets}))')).toEqual([
      ['(', 'delimiter.parenthesis'],
      ['action', 'keyword'],
      ['(', 'delimiter.parenthesis'],
      ['run', 'keyword'],
      ['%{bin:gen}', 'variable'],
      ['"x ', 'string'],
      ['%{deps}', 'variable'],
      ['\\n', 'string.escape'],
      ['"', 'string'],
      ['%{targets}', 'variable'],
      ['))', 'delimiter.parenthesis'],
    ]);
  });

  it('marks ordered-set names and booleans', () => {
    expect(dune.line('(flags (:standard -w +a)) (optional true)')).toEqual([
      ['(', 'delimiter.parenthesis'],
      ['flags', 'keyword'],
      ['(', 'delimiter.parenthesis'],
      [':standard', 'constant'],
      ['-w', 'identifier'],
      ['+a', 'identifier'],
      ['))', 'delimiter.parenthesis'],
      ['(', 'delimiter.parenthesis'],
      ['optional', 'keyword'],
      ['true', 'constant'],
      [')', 'delimiter.parenthesis'],
    ]);
  });

  it('tokenizes a real dune file without invalid tokens', () => {
    const file = `; Build the unikernel's test runner
(executable
 (name main)
 (modules main)
 (libraries mirage-crypto-rng.unix lwt.unix cstruct)
 (preprocess (pps ppx_deriving.show ppx_let))
 (enabled_if (= %{profile} release)))

(rule
 (targets version.ml)
 (deps (:gen ../gen/gen.exe) (source_tree data))
 (action (with-stdout-to %{targets} (run %{gen} --version "%{version:mirage}"))))
#| multi
   line |#
(alias (name runtest) (deps (alias_rec default)))
`;
    expect(dune.invalid(file)).toEqual([]);
  });
});
