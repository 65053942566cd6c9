// `mirador notebook run` from the built CLI against the real toplevel: outputs saved, first failure stops it, tutorial runs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureFreshAppBuild } from '../debug/support/fresh-app-build';
import { APP_ROOT } from './app-build';
import { isolatedEnv, runCli } from './cli-process';

const built = await ensureFreshAppBuild();
if (!built.ok) console.warn(`SKIPPED test/main/cli/notebook-command: ${built.reason}`);
const hasOcaml = spawnSync('ocaml', ['-version']).status === 0;
const hasLwt = spawnSync('ocamlfind', ['query', 'lwt.unix']).status === 0;
const TUTORIAL = path.join(APP_ROOT, 'resources/notebooks/lwt-for-unikernel-developers.ipynb');

function notebook(...sources: string[]): string {
  const cells = sources.map((source, index) => ({ cell_type: 'code', execution_count: null, id: `c${index}`, metadata: { keep: index }, outputs: [], source }));
  return `${JSON.stringify({ cells, metadata: { kernelspec: { display_name: 'OCaml', language: 'OCaml', name: 'ocaml' }, unknown: true }, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

interface Cell { execution_count: number | null; outputs: Record<string, unknown>[]; metadata: unknown }

describe.skipIf(!built.ok || !hasOcaml)('mirador notebook run', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-notebook-cli-'));
  const env = isolatedEnv(work);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('runs every code cell and writes the outputs in place', async () => {
    const file = path.join(work, 'ok.ipynb');
    writeFileSync(file, notebook('let x = 20', 'print_string "hi"; x + 1'));
    const run = await runCli(['notebook', 'run', file], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('2 code cells ran');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { cells: Cell[]; metadata: Record<string, unknown> };
    expect(saved.metadata.unknown).toBe(true);
    expect(saved.cells[1]).toMatchObject({ execution_count: 2, metadata: { keep: 1 } });
    expect(saved.cells[1]!.outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: ['hi'] },
      { output_type: 'execute_result', execution_count: 2, data: { 'text/plain': ['- : int = 21'] }, metadata: {} },
    ]);
  });

  it('stops at the first failing cell, records the error with its cell line, and exits non-zero', async () => {
    const file = path.join(work, 'bad.ipynb');
    const out = path.join(work, 'bad-out.ipynb');
    writeFileSync(file, notebook('let a = 1', 'let b = 2;;\nlet c = a + "x"', 'print_string "never"'));
    const run = await runCli(['notebook', 'run', file, '--output', out], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cell 2 failed: Error: Line 2, characters 12-15: This expression has type string/);
    const saved = JSON.parse(readFileSync(out, 'utf8')) as { cells: Cell[] };
    expect(saved.cells[1]!.outputs.at(-1)).toMatchObject({ output_type: 'error', ename: 'Error', evalue: expect.stringMatching(/^Line 2, characters 12-15/) as unknown });
    expect(saved.cells[2]).toMatchObject({ execution_count: null, outputs: [] });
    expect(readFileSync(file, 'utf8')).toBe(notebook('let a = 1', 'let b = 2;;\nlet c = a + "x"', 'print_string "never"'));
  });

  it('interrupts a cell past --timeout', async () => {
    const file = path.join(work, 'slow.ipynb');
    writeFileSync(file, notebook('while true do () done'));
    const started = Date.now();
    const run = await runCli(['notebook', 'run', file, '--timeout', '0.5'], env);
    expect(run.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.stderr).toMatch(/Interrupted: Line 1: interrupted \(timed out after 0.5 s\)/);
  });

  it('says what is wrong with the command line', async () => {
    expect((await runCli(['notebook', 'run'], env)).code).toBe(2);
    expect((await runCli(['notebook', 'run', path.join(work, 'missing.ipynb')], env)).stderr).toMatch(/cannot read .*missing.ipynb/);
  });

  it.skipIf(!hasLwt)('runs the Lwt tutorial to the end', async () => {
    const copy = path.join(work, 'tutorial.ipynb');
    copyFileSync(TUTORIAL, copy);
    const run = await runCli(['notebook', 'run', copy], env);
    expect(run.code, run.stderr).toBe(0);
    const cells = (JSON.parse(readFileSync(copy, 'utf8')) as { cells: (Cell & { cell_type: string })[] }).cells.filter((cell) => cell.cell_type === 'code');
    const shown = JSON.stringify(cells.map((cell) => cell.outputs));
    expect(shown).toContain('- : int = 21');
    expect(shown).toContain('\\"timed out\\"');
    expect(shown).toContain('[\\"echo: hello\\"; \\"echo: mirage\\"]');
    expect(shown).not.toContain('"output_type":"error"');
  });
});
