// `mirador new` through the built CLI: listing, creating every template, a c-hello project that builds and boots, refusals.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY } from './app-build';
import { isolatedEnv } from './cli-process';
import { ensureFreshAppBuild } from '../debug/support/fresh-app-build';
import { killLeftoverQemu } from '../debug/support/qemu-processes';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let scratch: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const build = await ensureFreshAppBuild();
  if (!build.ok) throw new Error(build.reason);
  scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mirador-new-test-')));
  env = isolatedEnv(path.join(scratch, 'home'));
}, 180_000);

afterAll(() => {
  killLeftoverQemu(path.join(scratch, 'hello', '_build', 'hello.elf'));
  rmSync(scratch, { recursive: true, force: true });
});

function mirador(args: string[], cwd = scratch): Promise<Run> {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('mirador new', () => {
  it('--list prints one line per template: name and description', async () => {
    const run = await mirador(['new', '--list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(['c-hello', 'mirage-hello', 'mirage-network', 'mirage-website']);
    for (const line of lines) expect(line).toMatch(/^[\w-]+\s{2,}\S.{20,}$/);
  });

  it.each(['mirage-hello', 'mirage-network', 'mirage-website'])('creates %s and prints the next steps', async (template) => {
    const run = await mirador(['new', template, template]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${path.join(scratch, template)}\n`);
    expect(run.stderr).toContain(`from the ${template} template`);
    expect(run.stderr).toContain(`  cd ${template}\n  mirador build\n  mirador run\n`);
    for (const file of ['README.md', 'config.ml', 'unikernel.ml', '.mirador/launch.json']) expect(existsSync(path.join(scratch, template, file))).toBe(true);
  });

  it('creates c-hello, which builds with make and boots under QEMU with mirador run', async () => {
    const created = await mirador(['new', 'c-hello', 'hello']);
    expect(created.code).toBe(0);
    const project = path.join(scratch, 'hello');
    execFileSync('make', ['-s'], { cwd: project, stdio: 'pipe' });
    expect(existsSync(path.join(project, '_build', 'hello.elf'))).toBe(true);

    const run = await mirador(['run', '--target', 'qemu', '--kernel', '_build/hello.elf', '--accel', 'tcg', '--until', 'done, exiting with 0', '--timeout', '30'], project);
    expect(run.stdout).toContain('[INFO] [application] hello from a C unikernel');
    expect(run.stdout).toMatch(/done, exiting with 0\r?\n$/);
    expect(run.code).toBe(0);

    // The project's own TCG run configuration boots the same image.
    const configured = await mirador(['run', '--config', 'Run c-hello (QEMU, TCG)', '--timeout', '30'], project);
    expect(configured.stdout).toContain('done, exiting with 0');
    expect(configured.code).toBe(0);
  }, 90_000);

  it('refuses an existing folder that is not empty, with exit status 1, touching nothing', async () => {
    const taken = path.join(scratch, 'taken');
    mkdirSync(taken);
    writeFileSync(path.join(taken, 'mine.txt'), 'keep me');
    const run = await mirador(['new', 'c-hello', 'taken']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `mirador new: ${taken} is not empty (mine.txt); choose a new or empty folder so nothing there is overwritten\n` });
    expect(readdirSync(taken)).toEqual(['mine.txt']);
  });

  it('refuses an unknown template with exit status 1, naming the known ones', async () => {
    const run = await mirador(['new', 'mirage-hallo', 'fresh']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'mirador new: unknown template "mirage-hallo"; the templates are: c-hello, mirage-hello, mirage-network, mirage-website\n' });
    expect(existsSync(path.join(scratch, 'fresh'))).toBe(false);
  });

  it('reports a missing DIR or a wrong option as a usage error (exit status 2)', async () => {
    const missing = await mirador(['new', 'c-hello']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^mirador new: missing DIR \(mirador new --list shows the templates\)\nUsage: mirador new --list/);
    const wrong = await mirador(['new', '--lst']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^mirador new: unknown option --lst\n/);
  });
});
