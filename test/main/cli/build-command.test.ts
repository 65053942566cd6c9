// `mirador build` on a temporary C project with real make and gcc: output, problems, exit statuses and the image path.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../main/cli/cli-command';
import { CliError } from '../../../main/cli/cli-error';
import { runBuildCommand } from '../../../main/cli/commands/build-command';
import { CLI_ENTRY, ensureAppBuilt } from './app-build';
import { isolatedEnv } from './cli-process';

const GOOD_C = '#include <stdio.h>\nint main(void) {\n  puts("hello");\n  return 0;\n}\n';
const BROKEN_C = 'int main(void) {\n  return nope;\n}\n';
const MAKEFILE = 'hello: hello.c\n\tgcc -g -o hello hello.c\n';

let folder: string;
beforeEach(() => {
  folder = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mirador-build-cli-')));
  writeFileSync(path.join(folder, 'Makefile'), MAKEFILE);
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function captureContext() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const context: CliContext = { appRoot: '/nowhere', version: '0.0.0', env: {}, stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line) };
  return { context, stdout, stderr };
}

describe('mirador build (in process)', () => {
  it('builds with make, streams the output to stderr and prints the image of the run configuration on stdout', async () => {
    writeFileSync(path.join(folder, 'hello.c'), GOOD_C);
    mkdirSync(path.join(folder, '.mirador'));
    writeFileSync(path.join(folder, '.mirador', 'launch.json'), '{ "configurations": [ { "name": "hello", "target": "unix", "kernel": "hello" } ] }');
    const { context, stdout, stderr } = captureContext();
    expect(await runBuildCommand([], context, folder)).toBe(0);
    expect(stderr).toEqual(['Building with Make', '[1/1] make', 'gcc -g -o hello hello.c', 'make build succeeded (1 step)']);
    expect(stdout).toEqual([path.join(folder, 'hello')]);
  });

  it('says so when nothing tells where the image is', async () => {
    writeFileSync(path.join(folder, 'hello.c'), GOOD_C);
    const { context, stdout, stderr } = captureContext();
    expect(await runBuildCommand(['--target', 'qemu'], context, folder)).toBe(0);
    expect(stderr[0]).toBe('Building with Make for target qemu');
    expect(stderr.at(-1)).toBe('make build succeeded (1 step); no image found (the build system does not say where it puts one; a run configuration\'s "kernel" would tell)');
    expect(stdout).toEqual([]);
  });

  it('fails with exit status 1, the problems as file:line:col: severity: message, and a one-line reason', async () => {
    writeFileSync(path.join(folder, 'hello.c'), BROKEN_C);
    const { context, stdout, stderr } = captureContext();
    expect(await runBuildCommand([], context, folder)).toBe(1);
    expect(stderr.slice(-3)).toEqual([
      'hello.c:2:10: error: ‘nope’ undeclared (first use in this function)',
      'hello.c:2:10: info: each undeclared identifier is reported only once for each function it appears in',
      'mirador build: step 1 of 1 (make) failed with exit code 2: fix the error the compiler reported and build again',
    ]);
    expect(stderr).toContain('make: *** [Makefile:2: hello] Error 1');
    expect(stdout).toEqual([]);
  });

  it('names what it looks for when the folder has no build system, and rejects unknown options', async () => {
    rmSync(path.join(folder, 'Makefile'));
    const { context } = captureContext();
    await expect(runBuildCommand([], context, folder)).rejects.toThrow(
      new CliError(`no build system found in ${folder}: expected config.ml (MirageOS), dune-project (dune) or a Makefile (make); run mirador build in the project's folder.`),
    );
    await expect(runBuildCommand(['--bogus'], context, folder)).rejects.toThrow('unknown option --bogus');
  });

  it('passes a plan error on as one line (a MirageOS project built for a target MirageOS lacks)', async () => {
    writeFileSync(path.join(folder, 'config.ml'), 'let () = register "hello" []\n');
    const { context, stderr } = captureContext();
    await expect(runBuildCommand(['--target', 'qemu'], context, folder)).rejects.toThrow(
      new CliError('MirageOS has no "qemu" target: build with --target virtio (QEMU boots .virtio images) or --target hvt.'),
    );
    expect(stderr).toEqual(['Building with MirageOS (preferred over Make) for target qemu']);
  });
});

const built = ensureAppBuilt();
if (!built.ok) console.warn(`SKIPPED built mirador build: ${built.reason}`);

describe.skipIf(!built.ok)('mirador build (built CLI, run in the project folder)', () => {
  const run = () => spawnSync(process.execPath, [CLI_ENTRY, 'build'], { cwd: folder, env: isolatedEnv(folder), encoding: 'utf8', timeout: 20_000 });

  it('exits 0 when the build succeeds and 1 with a one-line reason when it fails', () => {
    writeFileSync(path.join(folder, 'hello.c'), GOOD_C);
    const good = run();
    expect({ status: good.status, stdout: good.stdout }).toEqual({ status: 0, stdout: '' });
    expect(good.stderr).toContain('make build succeeded (1 step)');
    writeFileSync(path.join(folder, 'hello.c'), BROKEN_C);
    const bad = run();
    expect(bad.status).toBe(1);
    expect(bad.stderr.trimEnd().split('\n').at(-1)).toBe('mirador build: step 1 of 1 (make) failed with exit code 2: fix the error the compiler reported and build again');
  });

  it('Ctrl+C (SIGINT) cancels the build, kills its processes and exits 130', async () => {
    const sleepArgv = ['sleep', `31.${process.pid}`];
    writeFileSync(path.join(folder, 'Makefile'), `slow:\n\t${sleepArgv.join(' ')}\n`);
    const child = spawn(process.execPath, [CLI_ENTRY, 'build'], { cwd: folder, env: isolatedEnv(folder) });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const deadline = Date.now() + 10_000;
    while (processesRunning(sleepArgv).length === 0) {
      if (Date.now() > deadline) throw new Error(`the build never started sleep:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('mirador build: cancelled');
    expect(processesRunning(sleepArgv)).toEqual([]);
  });
});

/** Pids of live processes whose argv is exactly `argv` (from /proc). */
function processesRunning(argv: string[]): number[] {
  const wanted = `${argv.join('\0')}\0`;
  return readdirSync('/proc').filter((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      return readFileSync(`/proc/${entry}/cmdline`, 'utf8') === wanted;
    } catch {
      return false;
    }
  }).map(Number);
}
