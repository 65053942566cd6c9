// The unix target: spawn dist/<name> with the unikernel's arguments; image checks on real files.
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unixTarget } from '../../../extensions/unix/unix-target';
import { testHost } from '../target-test-host';

describe('unix target', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mirador-unix-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('spawns the binary with the unikernel arguments, stops it with SIGTERM, reads its exit status', async () => {
    const plan = await unixTarget.plan({ target: 'unix', kernel: 'dist/hello', args: ['--hello=world', '-l', '*:debug'], noDebug: true }, testHost());
    expect(plan).toEqual({
      target: 'unix',
      command: '/work/app/dist/hello',
      args: ['--hello=world', '-l', '*:debug'],
      cwd: '/work/app',
      console: { kind: 'stdio' },
      capture: { kind: 'none' },
      stop: { kind: 'signal', signal: 'SIGTERM' },
      exitStatus: 'process',
      accelerator: { kind: 'none', reason: 'unix: a native process on this machine' },
      notes: [],
    });
  });

  it('explains tap networking and what does not apply', async () => {
    const plan = await unixTarget.plan({ target: 'unix', kernel: 'dist/hello', network: { mode: 'tap', tap: 'tap0' }, memory: 64 }, testHost());
    expect(plan.notes).toEqual([
      'A unix unikernel built with the direct network stack (mirage configure -t unix --net=direct) opens tap0 itself: create it first and make it yours (sudo ip tuntap add tap0 mode tap user $USER), since this process lacks CAP_NET_ADMIN.',
      '"memory" does not apply to the unix target: the process takes what it needs.',
      'Running without a debugger: the unix target exposes no gdb stub (run `gdb --args` on the binary to debug it natively).',
    ]);
  });

  it('captures the tap device of a direct-stack unikernel with tcpdump, and says why there is nothing to capture otherwise', async () => {
    const tapped = await unixTarget.plan({ target: 'unix', kernel: 'dist/hello', network: { mode: 'tap', tap: 'tap7' }, capture: true, noDebug: true }, testHost());
    expect(tapped.capture).toEqual({ kind: 'tcpdump', interface: 'tap7' });
    const socketStack = await unixTarget.plan({ target: 'unix', kernel: 'dist/hello', capture: true, noDebug: true }, testHost());
    expect(socketStack.capture).toEqual({ kind: 'none' });
    expect(socketStack.notes).toEqual([expect.stringMatching(/^"capture" records the tap device of a unix unikernel built with the direct stack/)]);
  });

  it('accepts an executable for this machine and says what is wrong with other files', async () => {
    const binary = path.join(dir, 'hello');
    await copyFile('/bin/true', binary);
    expect(await unixTarget.validateImage(binary, testHost())).toBeNull();
    await chmod(binary, 0o644);
    // root may execute anything with an x bit somewhere; without any x bit access(X_OK) fails even for root.
    expect(await unixTarget.validateImage(binary, testHost())).toBe(`${binary} is not executable: run \`chmod +x ${binary}\`, or build it again with \`mirage build\`.`);
    const source = path.join(dir, 'object.s');
    await writeFile(source, '.text\nnop\n');
    const object = path.join(dir, 'object.o');
    execFileSync('as', ['-o', object, source]);
    expect(await unixTarget.validateImage(object, testHost())).toBe(`${object} is an ELF object file, not a program: point "kernel" at the linked unikernel in dist/.`);
    if (process.arch !== 'x64') return;
    const foreign = path.join(dir, 'foreign');
    execFileSync('as', ['--32', '-o', path.join(dir, 'foreign.o'), source]);
    execFileSync('ld', ['-m', 'elf_i386', '-e', '0', '-o', foreign, path.join(dir, 'foreign.o')]);
    expect(await unixTarget.validateImage(foreign, testHost())).toBe(`${foreign} is built for i386, but this machine is x86-64: build it here with \`mirage configure -t unix\`.`);
  });

  it('is available on Linux', () => {
    expect(unixTarget.availability(testHost())).toEqual({ available: true });
  });
});
