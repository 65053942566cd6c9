// Notebook magics against the C example for real: %%file writes, %build runs make, %run boots QEMU (TCG) through the adapter.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellResult, JupyterOutput } from '../../../main/api';
import { MagicCellExecutor } from '../../../main/notebook/magic-cell-executor';
import { OcamlKernel } from '../../../main/services/kernel/ocaml-kernel';
import { APP_ROOT } from '../cli/app-build';
import { ensureFreshAppBuild } from '../debug/support/fresh-app-build';

const built = await ensureFreshAppBuild();
const hasOcaml = spawnSync('ocaml', ['-version']).status === 0;
const hasQemu = spawnSync('qemu-system-x86_64', ['--version']).status === 0;
const hasMake = spawnSync('make', ['--version']).status === 0 && spawnSync('gcc', ['--version']).status === 0;
const skip = !built.ok || !hasOcaml || !hasQemu || !hasMake;
if (skip) console.warn(`SKIPPED test/main/notebook/magics: ${!built.ok ? built.reason : !hasOcaml ? 'no ocaml' : !hasQemu ? 'no qemu-system-x86_64' : 'no make/gcc'}`);

const TCG = 'Run c-hello (QEMU, TCG)';

function texts(result: CellResult): string[] {
  return result.outputs.map((output: JupyterOutput) =>
    output.output_type === 'stream' ? `${output.name}: ${output.text as string}` : output.output_type === 'error' ? `error ${output.ename}: ${output.evalue}` : `display: ${String(Object.values(output.data)[0])}`,
  );
}

describe.skipIf(skip)('notebook magics on the C example', () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'mirador-magics-'));
  let executor: MagicCellExecutor;
  beforeAll(() => {
    cpSync(path.join(APP_ROOT, 'resources/examples/c-hello'), workspace, { recursive: true });
    executor = new MagicCellExecutor(new OcamlKernel({ cwd: workspace }), { workspace, appRoot: APP_ROOT });
  });
  afterAll(async () => {
    await executor.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('%%file writes the cell body into the project, creating folders, and says so', async () => {
    const result = await executor.execute('%%file notes/hello.txt\nfirst line\nsecond line');
    expect(result).toMatchObject({ status: 'ok', executionCount: 1 });
    expect(readFileSync(path.join(workspace, 'notes/hello.txt'), 'utf8')).toBe('first line\nsecond line\n');
    expect(texts(result)).toEqual(['stdout: Wrote notes/hello.txt (23 bytes)\n']);
    expect(texts(await executor.execute('%%file notes/hello.txt\nagain'))).toEqual(['stdout: Overwrote notes/hello.txt (6 bytes)\n']);
  });

  it('%%file refuses paths outside the project', async () => {
    const outside = path.join(path.dirname(workspace), 'escaped.txt');
    const result = await executor.execute(`%%file ../escaped.txt\nnope`);
    expect(result).toMatchObject({ status: 'error', error: { ename: 'FileError', position: { line: 1 } } });
    expect(result.error!.evalue).toMatch(/leads outside the workspace folder/);
    expect((await executor.execute(`%%file ${outside}\nnope`)).status).toBe('error');
    expect(existsSync(outside)).toBe(false);
  });

  it('%build streams make and reports the image', async () => {
    const streamed: JupyterOutput[] = [];
    const result = await executor.execute('%build', (output) => streamed.push(output));
    expect(result.status, texts(result).join('\n')).toBe('ok');
    expect(texts(result)[0]).toMatch(/^stdout: Building with Make\n\[1\/1\] make\n/);
    expect(texts(result).join('')).toMatch(/gcc .*kernel\.c/);
    expect(texts(result).at(-1)).toMatch(/^display: ✓ .*: _build\/hello\.elf$/);
    expect(streamed.length).toBeGreaterThan(2);
  });

  it('%run boots the configuration through the debug adapter, console inline with its colours, and sums up', async () => {
    const result = await executor.execute(`%run "${TCG}" --until "done, exiting" --timeout 60`);
    expect(result.status, texts(result).join('\n')).toBe('ok');
    const console = result.outputs.filter((output) => output.output_type === 'stream' && output.name === 'stdout').map((output) => output.text as string).join('');
    expect(console).toContain('[INFO] [application] hello from a C unikernel\n');
    expect(console).toContain('fibonacci(20) = 6765 \x1b[32mok\x1b[0m');
    expect(console).not.toContain('\r');
    expect(texts(result).at(-1)).toMatch(/^display: ✓ Run c-hello \(QEMU, TCG\): matched \/done, exiting\/ after [\d.]+ s: “.*\[INFO\] \[application\] done, exiting with 0”; the guest was stopped$/);
  });

  it('%run sums up the packets of a configuration that captures, and reports a timeout as an error', async () => {
    const captured = await executor.execute('%run "Run c-hello with network" --timeout 60');
    expect(captured.status, texts(captured).join('\n')).toBe('ok');
    expect(texts(captured)).toContain('display: No packets captured: the guest sent nothing on its network.');
    const result = await executor.execute(`%run "${TCG}" --until "never printed" --timeout 60`);
    expect(result).toMatchObject({ status: 'error', error: { ename: 'RunFailed' } });
    expect(result.error!.evalue).toMatch(/before a console line matched \/never printed\//);
  });

  it('%run says which configurations exist when the name is wrong', async () => {
    const result = await executor.execute('%run "No such run"');
    expect(result).toMatchObject({ status: 'error', error: { ename: 'RunError' } });
    expect(result.error!.evalue).toContain('"Run c-hello (QEMU, TCG)"');
  });

  it('a broken %%file makes %build fail with the compiler’s problem, and %run too (its preLaunchTask builds): nothing boots', async () => {
    const kernel = readFileSync(path.join(workspace, 'kernel.c'), 'utf8');
    try {
      await executor.execute(`%%file kernel.c\n${kernel}\nint broken(void) { return undefined_name; }`);
      const result = await executor.execute('%build');
      expect(result).toMatchObject({ status: 'error', error: { ename: 'BuildFailed' } });
      expect(result.error!.traceback.join('\n')).toMatch(/kernel\.c:\d+:\d+: error: .*undefined_name/);
      const run = await executor.execute(`%run "${TCG}" --timeout 60`);
      expect(run).toMatchObject({ status: 'error', error: { ename: 'BuildFailed' } });
      expect(texts(run).join('')).toMatch(/^stdout: Building with Make for target qemu\n/);
      expect(texts(run).join('')).not.toContain('[boot]');
    } finally {
      writeFileSync(path.join(workspace, 'kernel.c'), kernel);
    }
  });

  it('interrupts a running %run of a guest that never ends: the guest is stopped and the kernel goes on', async () => {
    const kernel = readFileSync(path.join(workspace, 'kernel.c'), 'utf8');
    const spinning = kernel.replace(/(\n\s*log_msg\(LOG_INFO, "application", "done, exiting)/, '\n    for (;;) { __asm__ volatile("pause"); }$1');
    expect(spinning).not.toBe(kernel);
    try {
      expect((await executor.execute(`%%file kernel.c\n${spinning}`)).status).toBe('ok');
      expect((await executor.execute('%build')).status).toBe('ok');
      let sawHello: () => void;
      const hello = new Promise<void>((resolve) => (sawHello = resolve));
      // The console arrives in chunks that may split the line: look at everything streamed so far.
      let streamed = '';
      const running = executor.execute(`%run "${TCG}" --timeout 600`, (output) => {
        if (output.output_type === 'stream') streamed += String(output.text);
        if (streamed.includes('hello from a C unikernel')) sawHello();
      });
      await hello;
      executor.interrupt();
      const result = await running;
      expect(result).toMatchObject({ status: 'interrupted', error: { ename: 'Interrupted' } });
      expect(texts(result).join('')).toContain('hello from a C unikernel');
      expect((await executor.execute('1 + 1')).outputs).toMatchObject([{ data: { 'text/plain': '- : int = 2' } }]);
    } finally {
      writeFileSync(path.join(workspace, 'kernel.c'), kernel);
      await executor.execute('%build');
    }
  });

  it('%targets and %doctor print what the CLI prints', async () => {
    const targets = texts(await executor.execute('%targets')).join('');
    expect(targets).toMatch(/✓ qemu\s+QEMU.*available/);
    const doctor = texts(await executor.execute('%doctor')).join('');
    expect(doctor).toMatch(/✓ qemu-system-x86_64/);
    expect(doctor).toMatch(/✗ mirage/);
  });

  it('names the magics it knows, and keeps one execution count with OCaml cells', async () => {
    const unknown = await executor.execute('%nope');
    expect(unknown.error).toMatchObject({ ename: 'UnknownMagic', evalue: expect.stringContaining('%%file PATH, %build [TARGET], %run') });
    const mixed = await executor.execute('%build\nlet x = 1');
    expect(mixed.error).toMatchObject({ ename: 'UsageError', position: { line: 2 } });
    const ocaml = await executor.execute('42');
    expect(ocaml.executionCount).toBe(mixed.executionCount + 1);
  });
});

describe.skipIf(skip)('mirador notebook run with magics', () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'mirador-magics-cli-'));
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('writes, builds and boots the C example from a notebook, recording every output', () => {
    cpSync(path.join(APP_ROOT, 'resources/examples/c-hello'), workspace, { recursive: true });
    const cells = [
      '%%file message.txt\nfrom the notebook',
      '%build',
      `%run "${TCG}" --until "hello from a C unikernel" --timeout 60`,
      'let line = input_line (open_in "message.txt")',
    ];
    const notebook = { cells: cells.map((source, index) => ({ cell_type: 'code', execution_count: null, id: `c${index}`, metadata: {}, outputs: [], source })), metadata: {}, nbformat: 4, nbformat_minor: 5 };
    const file = path.join(workspace, 'flow.ipynb');
    writeFileSync(file, JSON.stringify(notebook));
    const run = spawnSync(process.execPath, [path.join(APP_ROOT, 'out/main/cli.js'), 'notebook', 'run', 'flow.ipynb'], { cwd: workspace, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { cells: Array<{ execution_count: number; outputs: Array<Record<string, unknown>> }> };
    expect(saved.cells.map((cell) => cell.execution_count)).toEqual([1, 2, 3, 4]);
    expect(JSON.stringify(saved.cells[2]!.outputs)).toContain('hello from a C unikernel');
    expect(saved.cells[3]!.outputs).toMatchObject([{ data: { 'text/plain': ['val line : string = "from the notebook"'] } }]);
  });
});
