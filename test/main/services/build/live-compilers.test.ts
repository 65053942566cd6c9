// The problem matchers against the installed compilers, live: make -k over the broken sources in test/fixtures/build-output.
import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildProblem } from '../../../../main/api/build-protocol';
import { startBuild } from '../../../../main/services/build/build-runner';

const SOURCES = path.resolve(import.meta.dirname, '../../../fixtures/build-output/sources');
const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mirador-live-compilers-')));
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function buildCopyOf(kind: 'ocaml' | 'c') {
  const folder = path.join(base, kind);
  cpSync(path.join(SOURCES, kind), folder, { recursive: true });
  const result = await startBuild({
    buildSystem: 'make',
    steps: [{ label: 'make -k', command: 'make', args: ['-k'], cwd: folder }],
    problemMatchers: kind === 'c' ? ['gcc'] : ['ocaml'],
  }).result;
  return { folder, result };
}

/** What a compiler upgrade keeps stable: where and how bad; message wording is checked by the recorded fixtures. */
const where = (problem: BuildProblem) => `${path.basename(problem.file)}:${problem.line}:${problem.column}-${problem.endLine ?? ''}:${problem.endColumn ?? ''} ${problem.severity}`;

describe('live compilers', () => {
  it('ocamlfind ocamlc: every diagnostic becomes a problem at the right place', async () => {
    const { folder, result } = await buildCopyOf('ocaml');
    expect(result.outcome).toBe('failed');
    expect(result.message).toBe('step 1 of 1 (make -k) failed with exit code 2: fix the 6 errors the compiler reported and build again');
    expect(result.problems.map(where)).toEqual([
      'type_error.ml:3:19-3:27 error',
      'multiline.ml:4:3-5:27 warning',
      'multiline.ml:8:3-10:6 error',
      'syntax.ml:2:1-2:4 error',
      'syntax.ml:1:9-1:10 info',
      'unbound.ml:1:10-1:22 error',
      'warnings.ml:3:26-3:42 warning',
      'warnings.ml:2:5-2:18 error',
      'warnings.ml:3:5-3:20 error',
    ]);
    expect(result.problems.every((problem) => path.dirname(problem.file) === folder)).toBe(true);
    expect(result.problems[5]!.message).toMatch(/^Unbound value print_endlin\nHint: Did you mean print_endline\?$/);
  });

  it('gcc and ld: errors, warnings, notes, fatal errors and undefined references at the right place', async () => {
    const { folder, result } = await buildCopyOf('c');
    expect(result.outcome).toBe('failed');
    expect(result.problems.map(where)).toEqual([
      'bad.h:1:41-: error',
      'bad.h:1:41-: info',
      'main.c:5:15-: error',
      'main.c:4:7-: warning',
      'main.c:9:13-: warning',
      'main.c:10:10-: warning',
      'fatal.c:1:10-: error',
      'warn.c:2:27-: warning',
      'link.c:3:1-: error',
    ]);
    expect(result.problems[0]!.file).toBe(path.join(folder, 'include', 'bad.h'));
    expect(result.problems[6]!.message).toBe('fatal error: nope.h: No such file or directory');
    expect(result.problems[8]!.message).toBe("undefined reference to `missing'");
  });
});
