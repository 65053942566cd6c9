// BuildRun with real make: steps in order, output and progress as they come, the first failure stops, cancel kills the group.
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuildPlan, BuildProblem } from '../../../../main/api/build-protocol';
import { startBuild, type BuildOutput, type BuildProgress } from '../../../../main/services/build/build-runner';
import { mirageBuildSystem } from '../../../../extensions/mirage/mirage-build-system';

let folder: string;
beforeEach(() => {
  folder = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mirador-build-runner-')));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Make recipes need tabs; `lines` are joined with newlines and each recipe line starts with `>` for readability. */
function writeMakefile(...lines: string[]): void {
  writeFileSync(path.join(folder, 'Makefile'), `${lines.map((line) => line.replace(/^>/, '\t')).join('\n')}\n`);
}

function makePlan(...goals: string[]): BuildPlan {
  return { buildSystem: 'make', steps: goals.map((goal) => ({ label: `make ${goal}`, command: 'make', args: ['--no-print-directory', goal], cwd: folder })), problemMatchers: ['gcc', 'ocaml'] };
}

function record(plan: BuildPlan) {
  const output: BuildOutput[] = [];
  const progress: BuildProgress[] = [];
  const problems: BuildProblem[] = [];
  const run = startBuild(plan, { output: (chunk) => output.push(chunk), progress: (item) => progress.push(item), problem: (problem) => problems.push(problem) });
  const text = (stream: BuildOutput['stream']) => output.filter((chunk) => chunk.stream === stream).map((chunk) => chunk.text).join('');
  return { run, output, progress, problems, text };
}

/** Pids of live processes whose argv is exactly `argv` (from /proc). */
function processesRunning(argv: string[]): number[] {
  const wanted = `${argv.join('\0')}\0`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8') === wanted) pids.push(Number(entry));
    } catch {
      // it ended while we looked
    }
  }
  return pids;
}

describe('BuildRun', () => {
  it('runs the steps in order, streaming both output streams and reporting progress', async () => {
    writeMakefile('one:', '>@echo one-out', '>@echo one-err >&2', 'two:', '>@echo two-out');
    const { run, progress, text } = record(makePlan('one', 'two'));
    const result = await run.result;
    expect(result).toEqual({ outcome: 'succeeded', message: 'make build succeeded (2 steps)', problems: [] });
    expect(progress.map((item) => item.message)).toEqual(['step 1 of 2: make one', 'step 2 of 2: make two']);
    expect(progress[1]).toEqual({ step: 2, total: 2, label: 'make two', message: 'step 2 of 2: make two' });
    expect(text('stdout')).toBe('one-out\ntwo-out\n');
    expect(text('stderr')).toBe('one-err\n');
  });

  it('stops at the first failing step, naming it and its exit code', async () => {
    writeMakefile('fail:', '>@echo about to fail', '>@exit 3', 'never:', '>touch never-ran');
    const { run, progress } = record(makePlan('fail', 'never'));
    const result = await run.result;
    expect(result.outcome).toBe('failed');
    expect(result.message).toBe('step 1 of 2 (make fail) failed with exit code 2: see the build output above for the reason');
    expect(result.failedStep).toEqual({ step: 1, label: 'make fail', exitCode: 2, signal: null });
    expect(progress.map((item) => item.step)).toEqual([1]);
    expect(existsSync(path.join(folder, 'never-ran'))).toBe(false);
  });

  it('reports compiler problems as they arrive and asks to fix them', async () => {
    writeFileSync(path.join(folder, 'broken.c'), 'int main(void) {\n  return nope;\n}\n');
    writeMakefile('broken.o: broken.c', '>gcc -c broken.c');
    const { run, problems } = record(makePlan('broken.o'));
    const result = await run.result;
    const expected: BuildProblem = { file: path.join(folder, 'broken.c'), line: 2, column: 10, severity: 'error', message: '‘nope’ undeclared (first use in this function)', source: 'gcc' };
    expect(problems[0]).toEqual(expected);
    expect(result.problems).toEqual(problems);
    expect(result.message).toBe('step 1 of 1 (make broken.o) failed with exit code 2: fix the error the compiler reported and build again');
  });

  it('says how to install a tool the Makefile could not find', async () => {
    writeMakefile('all:', '>mirage configure -t hvt');
    const { run } = record({ ...makePlan('all'), steps: [{ ...makePlan('all').steps[0]!, env: { PATH: `${folder}:/usr/bin:/bin` } }] });
    expect((await run.result).message).toBe('step 1 of 1 (make all) failed with exit code 2: mirage is not installed (or not on PATH); install it: opam install mirage');
  });

  it('says how to install mirage when the MirageOS plan cannot start its first step', async () => {
    writeFileSync(path.join(folder, 'config.ml'), 'open Mirage\nlet () = register "hello" [ main ]\n');
    const plan = await mirageBuildSystem.plan(folder, { target: 'hvt' });
    const empty = path.join(folder, 'empty-bin');
    const result = await startBuild({ ...plan, steps: plan.steps.map((step) => ({ ...step, env: { PATH: empty } })) }).result;
    expect(result).toMatchObject({
      outcome: 'failed',
      message: 'step 1 of 3 (mirage configure -t hvt) could not start: mirage is not installed (or not on PATH); install it: opam install mirage',
      failedStep: { step: 1, label: 'mirage configure -t hvt', exitCode: null, signal: null },
    });
  });

  it('cancel kills the whole process group at once (make, its shell, a background sleep) and says "cancelled"', async () => {
    const sleepArgv = ['sleep', `30.${process.pid}`];
    // The background sleep outlives make and its shell unless the whole group is signalled.
    writeMakefile('slow:', `>${sleepArgv.join(' ')} & wait`, 'after:', '>touch after-ran');
    const { run, progress } = record(makePlan('slow', 'after'));
    const deadline = Date.now() + 5000;
    while (processesRunning(sleepArgv).length === 0) {
      if (Date.now() > deadline) throw new Error('make never started sleep');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const started = Date.now();
    run.cancel();
    const result = await run.result;
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result).toEqual({ outcome: 'cancelled', message: 'cancelled', problems: [] });
    // SIGKILL is delivered, not awaited: a process may show in /proc for a moment after kill() returned.
    const gone = Date.now() + 2000;
    while (processesRunning(sleepArgv).length > 0 && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(processesRunning(sleepArgv)).toEqual([]);
    expect(progress.map((item) => item.step)).toEqual([1]);
    expect(existsSync(path.join(folder, 'after-ran'))).toBe(false);
  });
});
