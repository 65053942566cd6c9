// The OCaml and gcc problem matchers on output recorded from the real compilers (test/fixtures/build-output/).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildProblem, ProblemMatcherName } from '../../../../main/api/build-protocol';
import { ProblemScanner } from '../../../../main/services/build/problem-scanner';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/build-output');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

function scan(text: string, matchers: ProblemMatcherName[] = ['ocaml', 'gcc'], cwd = '/w'): BuildProblem[] {
  const scanner = new ProblemScanner(matchers, cwd);
  return [...scanner.write('stderr', text), ...scanner.end()];
}

const ocaml = (fields: Omit<BuildProblem, 'source'>): BuildProblem => ({ ...fields, source: 'ocaml' });
const gcc = (fields: Omit<BuildProblem, 'source'>): BuildProblem => ({ ...fields, source: 'gcc' });

const OCAML_PROBLEMS: BuildProblem[] = [
  ocaml({ file: '/w/type_error.ml', line: 3, column: 19, endLine: 3, endColumn: 27, severity: 'error', message: 'This expression has type string but an expression was expected of type int' }),
  ocaml({
    file: '/w/multiline.ml', line: 4, column: 3, endLine: 5, endColumn: 27, severity: 'warning',
    message: 'this pattern-matching is not exhaustive. (warning 8 [partial-match])\nHere is an example of a case that is not matched:\n{a=1; _ }',
  }),
  ocaml({ file: '/w/multiline.ml', line: 8, column: 3, endLine: 10, endColumn: 6, severity: 'error', message: "This expression has type 'a * 'b * 'c but an expression was expected of type int" }),
  ocaml({ file: '/w/syntax.ml', line: 2, column: 1, endLine: 2, endColumn: 4, severity: 'error', message: "Syntax error: ')' expected" }),
  ocaml({ file: '/w/syntax.ml', line: 1, column: 9, endLine: 1, endColumn: 10, severity: 'info', message: "This '(' might be unmatched" }),
  ocaml({ file: '/w/unbound.ml', line: 1, column: 10, endLine: 1, endColumn: 22, severity: 'error', message: 'Unbound value print_endlin\nHint: Did you mean print_endline?' }),
  ocaml({
    file: '/w/warnings.ml', line: 3, column: 26, endLine: 3, endColumn: 42, severity: 'warning',
    message: 'Stdlib.String.lowercase (alert deprecated)\nUse String.lowercase_ascii/StringLabels.lowercase_ascii instead.',
  }),
  ocaml({ file: '/w/warnings.ml', line: 2, column: 5, endLine: 2, endColumn: 18, severity: 'error', message: 'unused value unused_helper. (warning 32 [unused-value-declaration])' }),
  ocaml({ file: '/w/warnings.ml', line: 3, column: 5, endLine: 3, endColumn: 20, severity: 'error', message: 'unused value deprecated_call. (warning 32 [unused-value-declaration])' }),
];

const GCC_PROBLEMS: BuildProblem[] = [
  gcc({ file: '/w/include/bad.h', line: 1, column: 41, severity: 'error', message: '‘undefined_symbol’ undeclared (first use in this function) (included from main.c:1)' }),
  gcc({ file: '/w/include/bad.h', line: 1, column: 41, severity: 'info', message: 'each undeclared identifier is reported only once for each function it appears in (included from main.c:1)' }),
  gcc({ file: '/w/main.c', line: 5, column: 15, severity: 'error', message: 'expected ‘;’ before ‘}’ token' }),
  gcc({ file: '/w/main.c', line: 4, column: 7, severity: 'warning', message: 'unused variable ‘unused’ [-Wunused-variable]' }),
  gcc({ file: '/w/main.c', line: 9, column: 13, severity: 'warning', message: 'initialization of ‘char *’ from ‘int’ makes pointer from integer without a cast [-Wint-conversion]' }),
  gcc({ file: '/w/main.c', line: 10, column: 10, severity: 'warning', message: 'implicit declaration of function ‘missing’ [-Wimplicit-function-declaration]' }),
  gcc({ file: '/w/fatal.c', line: 1, column: 10, severity: 'error', message: 'fatal error: nope.h: No such file or directory' }),
  gcc({ file: '/w/warn.c', line: 2, column: 27, severity: 'warning', message: 'format ‘%d’ expects argument of type ‘int’, but argument 2 has type ‘char *’ [-Wformat=]' }),
  gcc({ file: '/tmp/rec/c/link.c', line: 3, column: 1, severity: 'error', message: "undefined reference to `missing'" }),
];

describe('ocaml problem matcher', () => {
  it('reads every diagnostic of a recorded OCaml 4.13 build, with excerpts, multi-line messages and ranges', () => {
    expect(scan(fixture('ocaml-4.13.1-make-k.txt'), ['ocaml'])).toEqual(OCAML_PROBLEMS);
  });

  it('gives the same problems however the output is cut into chunks, and with CRLF line ends', () => {
    const text = fixture('ocaml-4.13.1-make-k.txt');
    for (const size of [1, 7, 64]) {
      const scanner = new ProblemScanner(['ocaml'], '/w');
      const found: BuildProblem[] = [];
      for (let at = 0; at < text.length; at += size) found.push(...scanner.write('stderr', text.slice(at, at + size)));
      found.push(...scanner.end());
      expect(found, `chunks of ${size}`).toEqual(OCAML_PROBLEMS);
    }
    expect(scan(text.replace(/\n/g, '\r\n'), ['ocaml'])).toEqual(OCAML_PROBLEMS);
  });

  it('reads the excerpt-less format of OCaml < 4.08, a location without characters, and keeps indented File lines in the message', () => {
    const older = [
      'File "src/x.ml", line 4, characters 6-7:',
      'Error: Signature mismatch:',
      '       Modules do not match: sig val x : float end is not included in X',
      '       File "src/x.ml", line 3, characters 2-13: Expected declaration',
      'File "src/x.ml", line 1:',
      'Warning 70 [missing-mli]: Cannot find interface file.',
      'File "src/y.ml", line 3, characters 6-7:',
      'Warning 26: unused variable y.',
    ].join('\n');
    expect(scan(older, ['ocaml'])).toEqual([
      ocaml({
        file: '/w/src/x.ml', line: 4, column: 7, endLine: 4, endColumn: 8, severity: 'error',
        message: 'Signature mismatch: Modules do not match: sig val x : float end is not included in X File "src/x.ml", line 3, characters 2-13: Expected declaration',
      }),
      ocaml({ file: '/w/src/x.ml', line: 1, column: 1, severity: 'warning', message: 'Cannot find interface file. (warning 70 [missing-mli])' }),
      ocaml({ file: '/w/src/y.ml', line: 3, column: 7, endLine: 3, endColumn: 8, severity: 'warning', message: 'unused variable y. (warning 26)' }),
    ]);
  });

  it('ends a message at make noise and at a blank line, and ignores a location with no message', () => {
    const text = [
      'File "a.ml", line 1, characters 0-1:',
      'Error: first',
      'make: *** [Makefile:5: a.cmo] Error 2',
      'not part of anything',
      'File "b.ml", line 2, characters 0-1:',
      'Error: second',
      '',
      'trailing text',
      'File "c.ml", line 3, characters 0-1:',
      'something that is not a diagnostic',
    ].join('\n');
    expect(scan(text, ['ocaml']).map((problem) => [problem.file, problem.message])).toEqual([
      ['/w/a.ml', 'first'],
      ['/w/b.ml', 'second'],
    ]);
  });
});

describe('gcc problem matcher', () => {
  it('reads errors, warnings, notes, fatal errors, include context and ld references from a recorded gcc 12 build', () => {
    expect(scan(fixture('gcc-12.2.0-make-k.txt'), ['gcc'])).toEqual(GCC_PROBLEMS);
  });

  it('reads coloured output (-fdiagnostics-color=always)', () => {
    expect(scan(fixture('gcc-12.2.0-color.txt'), ['gcc'])).toEqual([GCC_PROBLEMS[7]]);
  });

  it('drops the include context once diagnostics move to another file, and keeps a multi-level chain', () => {
    const text = [
      'In file included from a.h:2,',
      '                 from main.c:1:',
      'b.h:3:5: error: boom',
      'b.h:4:1: warning: again',
      'main.c:9:2: error: own',
      '<command-line>:0:0: warning: not a file',
    ].join('\n');
    expect(scan(text, ['gcc']).map((problem) => problem.message)).toEqual(['boom (included from a.h:2, main.c:1)', 'again (included from a.h:2, main.c:1)', 'own']);
  });

  it('and the ocaml matcher do not claim each other’s lines', () => {
    expect(scan(fixture('gcc-12.2.0-make-k.txt'), ['ocaml'])).toEqual([]);
    expect(scan(fixture('ocaml-4.13.1-make-k.txt'), ['gcc'])).toEqual([]);
    expect(scan(fixture('ocaml-4.13.1-make-k.txt') + fixture('gcc-12.2.0-make-k.txt'))).toEqual([...OCAML_PROBLEMS, ...GCC_PROBLEMS]);
  });
});

describe('problem scanner', () => {
  it('resolves paths against the folder recursive make says it entered, and back', () => {
    const text = [
      "make[1]: Entering directory '/proj/sub'",
      'x.c:1:2: error: in sub',
      'File "y.ml", line 1, characters 0-1:',
      'Error: also in sub',
      "make[1]: Leaving directory '/proj/sub'",
      'z.c:3:4: error: at top',
    ].join('\n');
    expect(scan(text, ['ocaml', 'gcc'], '/proj').map((problem) => problem.file)).toEqual(['/proj/sub/x.c', '/proj/sub/y.ml', '/proj/z.c']);
  });

  it('splits stdout and stderr into lines separately, so interleaved chunks do not merge lines', () => {
    const scanner = new ProblemScanner(['gcc'], '/w');
    const found = [
      ...scanner.write('stderr', 'main.c:5:15: err'),
      ...scanner.write('stdout', 'gcc -c other.c\n'),
      ...scanner.write('stderr', 'or: expected ‘;’\n'),
      ...scanner.end(),
    ];
    expect(found).toEqual([gcc({ file: '/w/main.c', line: 5, column: 15, severity: 'error', message: 'expected ‘;’' })]);
  });
});
