// The doctor on this machine (real QEMU, gdb, /dev/kvm; no Solo5, mirage, opam or Xen) and on a fake PATH, all tools in parallel.
import { openSync, closeSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CapabilityStatus, DoctorReport, ToolStatus } from '../../../../main/api/toolchain-protocol';
import { ToolchainDoctor } from '../../../../main/services/toolchain/toolchain-doctor';
import { FakeToolDir } from './fake-tool-dir';
import { RECORDED } from './recorded-tool-output';

const tool = (report: DoctorReport, name: string): ToolStatus => report.tools.find((entry) => entry.name === name)!;
const capability = (report: DoctorReport, name: string): CapabilityStatus => report.capabilities.find((entry) => entry.name === name)!;

describe('ToolchainDoctor on this machine', () => {
  let report: DoctorReport;
  beforeEach(async () => {
    report ??= await new ToolchainDoctor().report();
  });

  it('finds QEMU and gdb with their versions', () => {
    expect(tool(report, 'qemu-system-x86_64')).toMatchObject({ found: true, path: expect.stringMatching(/\/qemu-system-x86_64$/), version: expect.stringMatching(/^\d+\.\d+/) });
    expect(tool(report, 'qemu-system-x86_64').problem).toBeUndefined();
    expect(tool(report, 'gdb')).toMatchObject({ found: true, version: expect.stringMatching(/^\d+\.\d+/) });
  });

  it('names mirage, opam and the Solo5 tools as missing, with the commands that install them', () => {
    expect(tool(report, 'mirage')).toEqual({ name: 'mirage', found: false, problem: 'no mirage on PATH', fix: 'opam install mirage' });
    expect(tool(report, 'opam')).toEqual({ name: 'opam', found: false, problem: 'no opam on PATH', fix: 'sudo apt-get install opam && opam init' });
    for (const name of ['solo5-hvt', 'solo5-hvt-debug', 'solo5-spt', 'solo5-elftool']) {
      expect(tool(report, name)).toEqual({ name, found: false, problem: `no ${name} on PATH`, fix: 'opam install solo5' });
    }
  });

  it('reports what opening /dev/kvm read-write does here', () => {
    let opens: boolean;
    try {
      closeSync(openSync('/dev/kvm', 'r+'));
      opens = true;
    } catch {
      opens = false;
    }
    expect(capability(report, 'kvm').available).toBe(opens);
    if (opens) expect(capability(report, 'kvm').detail).toBe('/dev/kvm opens read-write');
  });

  it('knows this machine is no Xen dom0', () => {
    expect(capability(report, 'xen-dom0')).toMatchObject({ available: false, detail: '/proc/xen does not exist: this machine is not running under Xen' });
  });

  it('lists every tool and capability once, in the contract’s order', () => {
    expect(report.tools.map((entry) => entry.name)).toHaveLength(15);
    expect(report.capabilities.map((entry) => entry.name)).toEqual(['kvm', 'tap', 'xen-dom0']);
  });
});

describe('ToolchainDoctor on a fake PATH', () => {
  let tools: FakeToolDir;
  beforeEach(async () => {
    tools = await FakeToolDir.create();
  });
  afterEach(() => tools.remove());

  it('probes all tools in parallel, so hanging ones cost one timeout in total', async () => {
    for (const name of ['ocaml', 'gdb', 'tshark']) await tools.script(name, '#!/bin/sh\nexec sleep 30\n');
    await tools.replay('qemu-system-x86_64', RECORDED['qemu-system-x86_64']!);
    const started = Date.now();
    const report = await new ToolchainDoctor({ pathDirs: [tools.dir], timeoutMs: 500, devKvm: '/nonexistent/kvm', procXen: '/nonexistent/xen' }).report();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(report.tools.filter((entry) => entry.problem?.includes('did not answer within 500 ms')).map((entry) => entry.name)).toEqual(['ocaml', 'gdb', 'tshark']);
    expect(tool(report, 'qemu-system-x86_64')).toMatchObject({ found: true, version: '7.2.22' });
    expect(capability(report, 'kvm')).toMatchObject({ available: false, detail: expect.stringMatching(/^\/nonexistent\/kvm does not exist/) });
  });

  it('uses the injected runner with the found path and the version arguments', async () => {
    const file = await tools.script('dune', '#!/bin/sh\nexit 3\n');
    const calls: string[][] = [];
    const report = await new ToolchainDoctor({
      pathDirs: [tools.dir],
      run: async (command, args) => (calls.push([command, ...args]), { stdout: '3.17.0\n', stderr: '', code: 0 }),
    }).report();
    expect(calls).toEqual([[file, '--version']]);
    expect(tool(report, 'dune')).toEqual({ name: 'dune', found: true, path: file, version: '3.17.0' });
  });

  it('looks on the PATH of the environment it is given', async () => {
    const file = await tools.replay('ocaml', RECORDED.ocaml!);
    const report = await new ToolchainDoctor({ env: { PATH: `relative/bin:${tools.dir}` } }).report();
    expect(tool(report, 'ocaml')).toEqual({ name: 'ocaml', found: true, path: file, version: '4.13.1' });
    expect(tool(report, 'gdb')).toMatchObject({ found: false });
  });
});
