// `mirador run` end to end: real QEMU (TCG) guests through the real adapter; until, timeout, statuses, pcap, signals, bad input.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY } from './app-build';
import { buildCHello, C_HELLO_DIR } from '../debug/support/c-hello-image';
import { ensureFreshAppBuild } from '../debug/support/fresh-app-build';
import { killLeftoverQemu, noQemuWithin, qemuProcessesWith } from '../debug/support/qemu-processes';
import { buildTinyGuest } from '../debug/support/tiny-guest';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let dir: string;
let hello: string;
let idle: string;

beforeAll(async () => {
  const build = await ensureFreshAppBuild();
  if (!build.ok) throw new Error(build.reason);
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-run-test-'));
  hello = buildCHello(path.join(dir, 'c-hello'));
  idle = buildTinyGuest(dir, 'idle', { lines: ['booting', 'ready for work'], exit: 'idle' });
}, 120_000);

afterAll(() => {
  for (const image of [hello, idle]) killLeftoverQemu(image);
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `mirador run ARGS` in `cwd`; `whenStdout` lets a test act (send a signal) once some output appeared. */
function mirador(args: string[], options: { cwd?: string; whenStdout?: { text: string; act: (pid: number) => void } } = {}): Promise<Run> {
  const child = spawn(process.execPath, [CLI_ENTRY, 'run', ...args], { cwd: options.cwd ?? dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let acted = false;
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    if (options.whenStdout && !acted && stdout.includes(options.whenStdout.text)) {
      acted = true;
      options.whenStdout.act(child.pid!);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('mirador run', () => {
  it('streams the console and exits with the guest status 0', async () => {
    const run = await mirador(['--target', 'qemu', '--kernel', hello, '--accel', 'tcg']);
    expect(run.stdout).toContain('[INFO] [application] hello from a C unikernel\r\n');
    expect(run.stdout).toMatch(/done, exiting with 0\r\n$/);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('exits with a non-zero guest status', async () => {
    const run = await mirador(['--target', 'qemu', '--kernel', hello, '--accel', 'tcg', '--append', 'exit=3']);
    expect(run.stdout).toContain('done, exiting with 3\r\n');
    expect(run.code).toBe(3);
  });

  it('--until exits 0 at the first matching line and stops the guest', async () => {
    const run = await mirador(['--target', 'qemu', '--kernel', idle, '--accel', 'tcg', '--until', '^ready', '--timeout', '20']);
    expect(run).toMatchObject({ code: 0, stdout: 'booting\nready for work\n', stderr: '' });
    expect(qemuProcessesWith(idle)).toEqual([]);
  });

  it('--until prints nothing after the matching line', async () => {
    const run = await mirador(['--target', 'qemu', '--kernel', hello, '--accel', 'tcg', '--until', 'self-test: .* = 6765 ok$']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/self-test: fibonacci\(20\) = 6765 \x1b\[32mok\x1b\[0m\r\n$/);
  });

  it('--until that never matches fails once the guest exits', async () => {
    const run = await mirador(['--target', 'qemu', '--kernel', hello, '--accel', 'tcg', '--until', 'never printed']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('mirador run: the guest exited with status 0 before a console line matched /never printed/\n');
  });

  it('--timeout stops the guest and exits 124 with a one-line reason', async () => {
    const started = Date.now();
    const run = await mirador(['--target', 'qemu', '--kernel', idle, '--accel', 'tcg', '--until', 'never', '--timeout', '1']);
    expect(run.code).toBe(124);
    expect(run.stderr).toBe('mirador run: timed out after 1 s waiting for /never/; the guest was stopped\n');
    expect(run.stdout).toBe('booting\nready for work\n');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(qemuProcessesWith(idle)).toEqual([]);
  });

  it('--pcap with --net user writes a classic pcap file', async () => {
    const pcap = path.join(dir, 'traffic.pcap');
    const run = await mirador(['--target', 'qemu', '--kernel', hello, '--accel', 'tcg', '--net', 'user', '--pcap', pcap]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(readFileSync(pcap).subarray(0, 4).toString('hex')).toBe('d4c3b2a1');
  });

  it('--pcap NAME.pcapng writes pcapng (the adapter exports what it recorded live)', async () => {
    const pcapng = path.join(dir, 'traffic.pcapng');
    const run = await mirador(['--target', 'qemu', '--kernel', hello, '--accel', 'tcg', '--net', 'user', '--pcap', pcapng]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(readFileSync(pcapng).readUInt32LE(0)).toBe(0x0a0d0d0a);
    expect(spawnSync('capinfos', ['-M', '-c', pcapng], { encoding: 'utf8' }).stdout).toMatch(/Number of packets:\s+0/);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s mid-run stops the guest, leaves no QEMU, and exits %i', async (signal, status) => {
    const run = await mirador(['--target', 'qemu', '--kernel', idle, '--accel', 'tcg'], {
      whenStdout: {
        text: 'ready for work\n',
        act: (pid) => {
          expect(qemuProcessesWith(idle)).toHaveLength(1);
          process.kill(pid, signal);
        },
      },
    });
    expect(run.code).toBe(status);
    expect(run.stderr).toBe(`mirador run: interrupted by ${signal}; the guest was stopped\n`);
    expect(qemuProcessesWith(idle)).toEqual([]);
  });

  it('SIGKILL mid-run still leaves no QEMU: the adapter sees its stdin close', async () => {
    await mirador(['--target', 'qemu', '--kernel', idle, '--accel', 'tcg'], {
      whenStdout: { text: 'ready for work\n', act: (pid) => process.kill(pid, 'SIGKILL') },
    });
    expect(await noQemuWithin(idle, 5000)).toBe(true);
  });

  it('reports a VMM that fails with its error, exit 1', async () => {
    const run = await mirador(['--target', 'qemu', '--kernel', hello, '--accel', 'tcg', '--mem', '1000000']);
    expect(run.code).toBe(1);
    expect(lastLine(run.stderr)).toMatch(/^mirador run: qemu-system-x86_64 exited with status 1: .*cannot set up guest memory 'pc\.ram'/);
  });

  describe('bad input: one line on stderr, exit 2, no stack trace', () => {
    it.each([
      [['--target', 'qemu', '--kernel', 'missing.elf'], /^mirador run: --kernel missing\.elf: no such file \(looked at .*missing\.elf\)$/],
      [['--target', 'qemu', '--kernel', 'idle.elf', '--until', '(unclosed'], /^mirador run: --until \(unclosed: not a valid regular expression \(.*\)$/],
      [['--target', 'qemu', '--kernel', 'idle.elf', '--mem', 'lots'], /^mirador run: --mem takes the guest's memory in MiB, a whole number from 1 to 1048576, not lots$/],
      [['--target', 'qemu', '--kernel', 'idle.elf', '--timeout', '0'], /^mirador run: --timeout takes seconds, a number above 0 \(e\.g\. 5 or 0\.5\), not 0$/],
      [['--target', 'qemu', '--kernel', 'idle.elf', '--accel', 'fast'], /^mirador run: --accel must be auto, kvm or tcg, not fast$/],
      [['--target', 'qemu', '--kernel', 'idle.elf', '--net', 'wifi'], /^mirador run: --net must be user, none or tap:NAME .*not wifi$/],
      [['--target', 'qemu', '--kernel', 'idle.elf', '--net', 'none', '--pcap', 'x.pcap'], /^mirador run: --pcap records the guest's network: use it with --net user or --net tap:NAME/],
      [['--kernel', 'idle.elf'], /^mirador run: --kernel needs --target/],
      [['--target', 'nope', '--kernel', 'idle.elf'], /^mirador run: Unknown target "nope": set "target" to one of .*qemu/],
    ])('%j', async (args, message) => {
      const run = await mirador(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr.trimEnd()).toMatch(message);
    });
  });

  describe('in a project folder', () => {
    let project: string;

    beforeAll(() => {
      project = path.join(dir, 'project');
      mkdirSync(path.join(project, '.mirador'), { recursive: true });
      const configurations = [
        { name: 'Hello', type: 'mirador', request: 'launch', target: 'qemu', kernel: path.relative(project, hello), accel: 'tcg' },
        { name: 'Hello, exit 4', type: 'mirador', request: 'launch', target: 'qemu', kernel: hello, accel: 'tcg', append: 'exit=4' },
      ];
      writeFileSync(path.join(project, '.mirador', 'launch.json'), JSON.stringify({ version: '0.2.0', configurations }));
    });

    it('runs the first run configuration when given no options', async () => {
      const run = await mirador([], { cwd: project });
      expect(run.stdout).toContain('done, exiting with 0\r\n');
      expect(run.code).toBe(0);
    });

    it('runs the one --config names', async () => {
      const run = await mirador(['--config', 'Hello, exit 4'], { cwd: project });
      expect(run.stdout).toContain('done, exiting with 4\r\n');
      expect(run.code).toBe(4);
    });

    it('names the configurations there are when --config names none of them', async () => {
      const run = await mirador(['--config', 'Goodbye'], { cwd: project });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`mirador run: no run configuration named "Goodbye" in ${project}; there are "Hello", "Hello, exit 4"\n`);
    });

    describe('with "preLaunchTask": "mirador: build"', () => {
      let source: string;
      let kernelSource: string;

      beforeAll(() => {
        // The example as a user has it after `mirador new c-hello`: not built yet (its own _build left behind).
        source = path.join(dir, 'built-first');
        cpSync(C_HELLO_DIR, source, { recursive: true, filter: (file) => !file.includes(`${path.sep}_build`) });
        const configurations = [{ name: 'Hello', type: 'mirador', request: 'launch', preLaunchTask: 'mirador: build', target: 'qemu', kernel: '_build/hello.elf', accel: 'tcg' }];
        writeFileSync(path.join(source, '.mirador', 'launch.json'), JSON.stringify({ version: '0.2.0', configurations }));
        kernelSource = readFileSync(path.join(source, 'kernel.c'), 'utf8');
      });

      it('builds first (steps on stderr, console alone on stdout), then boots what it built', async () => {
        expect(existsSync(path.join(source, '_build/hello.elf'))).toBe(false);
        const run = await mirador([], { cwd: source });
        expect(run.stderr).toContain('Building with Make for target qemu\n[1/1] make\n');
        expect(run.stdout).toMatch(/^\S+: \[INFO\] \[boot\] multiboot entry/);
        expect(run.stdout).toContain('done, exiting with 0\r\n');
        expect(run.code).toBe(0);
        expect(existsSync(path.join(source, '_build/hello.elf'))).toBe(true);
      });

      it('starts nothing when the build fails: the compiler\'s problem, one line saying so, exit 1', async () => {
        writeFileSync(path.join(source, 'kernel.c'), kernelSource.replace('kernel_main', 'kernel_main_misspelt'));
        try {
          const run = await mirador([], { cwd: source });
          expect(run.code).toBe(1);
          expect(run.stdout).toBe('');
          expect(run.stderr).toMatch(/^kernel\.c:\d+:\d+: error: .*kernel_main/m);
          expect(lastLine(run.stderr)).toBe('mirador run: the build failed, so the first run configuration was not started (its preLaunchTask is "mirador: build"): step 1 of 1 (make) failed with exit code 2: fix the error the compiler reported and build again');
          expect(run.stderr).not.toMatch(/^mirador run: step/m);
        } finally {
          writeFileSync(path.join(source, 'kernel.c'), kernelSource);
        }
      });
    });

    it('says what to do in a folder without run configurations', async () => {
      const empty = path.join(dir, 'empty-project');
      mkdirSync(empty, { recursive: true });
      const run = await mirador([], { cwd: empty });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`mirador run: no run configuration in ${empty}/.mirador/launch.json; add one, or pass --target T --kernel FILE\n`);
    });
  });
});
