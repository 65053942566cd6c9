// Each tool's version is read from its recorded real output; missing, non-executable, failing and hanging tools are named with a fix.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ToolName } from '../../../../main/api/toolchain-protocol';
import { createCommandRunner } from '../../../../main/services/toolchain/command-runner';
import { TOOL_CATALOG, type ToolSpec } from '../../../../main/services/toolchain/tool-catalog';
import { probeTool } from '../../../../main/services/toolchain/tool-probe';
import { FakeToolDir } from './fake-tool-dir';
import { OLD_SOLO5_HVT, RECORDED, XL_WITHOUT_XEN } from './recorded-tool-output';

const spec = (name: ToolName): ToolSpec => TOOL_CATALOG.find((entry) => entry.name === name)!;

describe('probeTool', () => {
  let tools: FakeToolDir;
  const probe = (name: ToolName, timeoutMs = 3000) => probeTool(spec(name), { pathDirs: [tools.dir], run: createCommandRunner(process.env), timeoutMs });

  beforeEach(async () => {
    tools = await FakeToolDir.create();
  });
  afterEach(() => tools.remove());

  it.each([
    ['ocaml', '4.13.1'],
    ['opam', '2.1.2'],
    ['mirage', '4.8.1'],
    ['dune', '3.16.1'],
    ['solo5-hvt', '0.9.3'],
    ['solo5-hvt-debug', '0.9.3'],
    ['solo5-spt', '0.9.3'],
    ['solo5-elftool', '0.9.3'],
    ['qemu-system-x86_64', '7.2.22'],
    ['qemu-system-aarch64', '7.2.22'],
    ['gdb', '13.1'],
    ['gdbserver', '13.1'],
    ['xl', '4.17.3'],
    ['tcpdump', '4.99.3'],
    ['tshark', '4.0.17'],
  ] as const)('reads %s %s from its recorded output', async (name, version) => {
    const file = await tools.replay(name, RECORDED[name]!);
    expect(await probe(name)).toEqual({ name, found: true, path: file, version });
  });

  it('covers every tool of the contract, each with its own fix', () => {
    expect(TOOL_CATALOG.map((entry) => entry.name)).toEqual([
      'ocaml', 'opam', 'mirage', 'dune', 'solo5-hvt', 'solo5-hvt-debug', 'solo5-spt', 'solo5-elftool',
      'qemu-system-x86_64', 'qemu-system-aarch64', 'gdb', 'gdbserver', 'xl', 'tcpdump', 'tshark',
    ]);
    expect(Object.fromEntries(TOOL_CATALOG.map((entry) => [entry.name, entry.fix]))).toEqual({
      ocaml: 'sudo apt-get install ocaml',
      opam: 'sudo apt-get install opam && opam init',
      mirage: 'opam install mirage',
      dune: 'opam install dune',
      'solo5-hvt': 'opam install solo5',
      'solo5-hvt-debug': 'opam install solo5',
      'solo5-spt': 'opam install solo5',
      'solo5-elftool': 'opam install solo5',
      'qemu-system-x86_64': 'sudo apt-get install qemu-system-x86',
      'qemu-system-aarch64': 'sudo apt-get install qemu-system-arm',
      gdb: 'sudo apt-get install gdb',
      gdbserver: 'sudo apt-get install gdbserver',
      xl: 'sudo apt-get install xen-utils',
      tcpdump: 'sudo apt-get install tcpdump',
      tshark: 'sudo apt-get install tshark',
    });
  });

  it('reads a mirage version printed without the leading v', async () => {
    await tools.replay('mirage', { stdout: '4.9.0\n' });
    expect(await probe('mirage')).toMatchObject({ found: true, version: '4.9.0' });
  });

  it('names a missing tool and gives its install command', async () => {
    expect(await probe('mirage')).toEqual({ name: 'mirage', found: false, problem: 'no mirage on PATH', fix: 'opam install mirage' });
  });

  it('skips a non-executable file for an executable one later on PATH, and reports it when it is the only one', async () => {
    const later = await FakeToolDir.create();
    try {
      const notExecutable = await tools.script('dune', '#!/bin/sh\necho 9.9.9\n', 0o644);
      const executable = await later.replay('dune', RECORDED.dune!);
      const both = await probeTool(spec('dune'), { pathDirs: [tools.dir, later.dir], run: createCommandRunner(process.env), timeoutMs: 3000 });
      expect(both).toEqual({ name: 'dune', found: true, path: executable, version: '3.16.1' });
      expect(await probe('dune')).toEqual({ name: 'dune', found: false, problem: `${notExecutable} is on PATH but is not executable`, fix: `chmod +x ${notExecutable}` });
    } finally {
      await later.remove();
    }
  });

  it('says that xl needs a Xen host when Debian’s xl wrapper finds no hypervisor', async () => {
    const file = await tools.replay('xl', XL_WITHOUT_XEN);
    expect(await probe('xl')).toEqual({
      name: 'xl',
      found: true,
      path: file,
      problem: "xl is installed but this machine is not running Xen (ERROR:  Can't find hypervisor information in sysfs!)",
      fix: 'boot the machine into a Xen dom0; Xen targets need a Xen host',
    });
  });

  it('says a Solo5 tender that rejects --version is too old', async () => {
    await tools.replay('solo5-hvt', OLD_SOLO5_HVT);
    expect(await probe('solo5-hvt')).toMatchObject({
      found: true,
      problem: 'solo5-hvt does not understand --version: this Solo5 is too old for MirageOS 4; update it',
      fix: 'opam install solo5',
    });
  });

  it('reports an unrecognised failure with the command, its status and its first line', async () => {
    // A failure this doctor has no explanation for (opam's wording, from a command other than --version).
    await tools.replay('opam', { code: 50, stderr: '\n[ERROR] Opam has not been initialised, please run `opam init\'\n' });
    expect(await probe('opam')).toMatchObject({ found: true, problem: "`opam --version` exited with status 50: [ERROR] Opam has not been initialised, please run `opam init'" });
    expect((await probe('opam')).version).toBeUndefined();
  });

  it('says a tool that cannot be started could not be run', async () => {
    const file = await tools.script('tcpdump', '#!/nonexistent/interpreter\n');
    expect(await probe('tcpdump')).toEqual({ name: 'tcpdump', found: true, path: file, problem: `${file} could not be run: spawn ${file} ENOENT` });
  });

  it('accepts a tool that answers 0 without a version it can read', async () => {
    const file = await tools.replay('gdb', { stdout: 'some gdb fork\n' });
    expect(await probe('gdb')).toEqual({ name: 'gdb', found: true, path: file });
  });

  it('gives up on a hanging tool after the timeout and kills what it started', async () => {
    const pidFile = path.join(tools.dir, 'sleep.pid');
    await tools.script('tshark', `#!/bin/sh\nsleep 30 &\necho $! > '${pidFile}'\nwait\n`);
    const started = Date.now();
    const status = await probe('tshark', 400);
    const elapsed = Date.now() - started;
    expect(status).toMatchObject({ name: 'tshark', found: true, problem: '`tshark --version` did not answer within 400 ms; run it in a terminal to see why it hangs' });
    expect(elapsed).toBeGreaterThanOrEqual(400);
    expect(elapsed).toBeLessThan(2000);
    const sleepPid = Number(await readFile(pidFile, 'utf8'));
    await expect.poll(() => isGone(sleepPid), { timeout: 2000 }).toBe(true);
  });
});

/** Gone, or a zombie waiting for init to reap it. */
function isGone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return true;
  }
}
