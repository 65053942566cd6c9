// Tokenizes opam files with Monaco's real Monarch lexer and the grammar from extensions/opam.
import { describe, expect, it } from 'vitest';
import { MonarchHarness, readGrammar } from './monarch-harness';

const opam = new MonarchHarness('opam', readGrammar('opam/syntaxes/opam.monarch.json'));

describe('opam grammar', () => {
  it('marks field names, strings and comments', () => {
    expect(opam.line('opam-version: "2.0" # the format')).toEqual([
      ['opam-version', 'key'],
      [':', 'delimiter'],
      ['"2.0"', 'string'],
      ['# the format', 'comment'],
    ]);
  });

  it('reads version filters with operators and filter variables', () => {
    expect(opam.line('  "ocaml" {>= "4.08" & < "5.4" & with-test}')).toEqual([
      ['"ocaml"', 'string'],
      ['{', 'delimiter.curly'],
      ['>=', 'operator'],
      ['"4.08"', 'string'],
      ['&', 'operator'],
      ['<', 'operator'],
      ['"5.4"', 'string'],
      ['&', 'operator'],
      ['with-test', 'variable.predefined'],
      ['}', 'delimiter.curly'],
    ]);
  });

  it('does not take a package variable in a filter for a field', () => {
    expect(opam.line('available: ocaml:version >= "4.14" & arch != "arm32"')).toEqual([
      ['available', 'key'],
      [':', 'delimiter'],
      ['ocaml:version', 'identifier'],
      ['>=', 'operator'],
      ['"4.14"', 'string'],
      ['&', 'operator'],
      ['arch', 'variable.predefined'],
      ['!=', 'operator'],
      ['"arm32"', 'string'],
    ]);
  });

  it('reads triple-quoted strings across lines, with quotes and %{var}% inside', () => {
    const lines = opam.tokenize('description: """\nSays "hi" to %{name}%\n""" flags: [ avoid-version ]');
    expect(lines.map((line) => line.filter((t) => t.type !== 'white').map((t) => [t.text, t.type]))).toEqual([
      [
        ['description', 'key'],
        [':', 'delimiter'],
        ['"""', 'string'],
      ],
      [
        ['Says "hi" to ', 'string'],
        ['%{name}%', 'variable'],
      ],
      [
        ['"""', 'string'],
        ['flags', 'key'],
        [':', 'delimiter'],
        ['[', 'delimiter.square'],
        ['avoid-version', 'identifier'],
        [']', 'delimiter.square'],
      ],
    ]);
  });

  it('reads booleans, sections and nested block comments', () => {
    expect(opam.line('url { src: "https://x/y.tbz" } (* a (* b *) *) install: false')).toEqual([
      ['url', 'keyword'],
      ['{', 'delimiter.curly'],
      ['src', 'key'],
      [':', 'delimiter'],
      ['"https://x/y.tbz"', 'string'],
      ['}', 'delimiter.curly'],
      ['(* a (* b *) *)', 'comment'],
      ['install', 'key'],
      [':', 'delimiter'],
      ['false', 'constant'],
    ]);
  });

  it('tokenizes a real opam file without invalid tokens', () => {
    const file = `opam-version: "2.0"
maintainer: "Mirador <dev@example.org>"
authors: ["A. Person"]
license: "ISC"
homepage: "https://github.com/example/hello"
bug-reports: "https://github.com/example/hello/issues"
depends: [
  "ocaml" {>= "4.08.0"}
  "dune" {>= "3.0"}
  "mirage" {>= "4.5.0" & < "4.7.0"}
  "alcotest" {with-test}
  "odoc" {with-doc}
]
build: [
  ["dune" "subst"] {dev}
  ["dune" "build" "-p" name "-j" jobs "@install" "@runtest" {with-test} "@doc" {with-doc}]
]
dev-repo: "git+https://github.com/example/hello.git"
x-maintenance-intent: ["(latest)"]
`;
    expect(opam.invalid(file)).toEqual([]);
  });
});
