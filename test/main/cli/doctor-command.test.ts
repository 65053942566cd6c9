// `mirador doctor`: the table and --json report on this machine, exit 0 with tools missing, exit 2 on a bad flag; in-process and built.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../../main/api/toolchain-protocol';
import type { CliContext } from '../../../main/cli/cli-command';
import { runCommandLine } from '../../../main/cli/command-dispatcher';
import { doctorReportTable } from '../../../main/cli/doctor-report-table';
import { CLI_ENTRY, ensureAppBuilt } from './app-build';
import { isolatedEnv, runCli } from './cli-process';

async function runInProcess(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const context: CliContext = { appRoot: '/nonexistent', version: '0.0.0', env: process.env, stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line) };
  const code = await runCommandLine(args, context);
  return { code, stdout, stderr };
}

describe('mirador doctor (in process)', () => {
  it('prints the report as JSON on stdout and exits 0 although mirage and Solo5 are missing', async () => {
    const run = await runInProcess(['doctor', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual([]);
    const report = JSON.parse(run.stdout.join('\n')) as DoctorReport;
    expect(report.tools.find((tool) => tool.name === 'mirage')).toEqual({ name: 'mirage', found: false, problem: 'no mirage on PATH', fix: 'opam install mirage' });
    expect(report.tools.find((tool) => tool.name === 'qemu-system-x86_64')).toMatchObject({ found: true, version: expect.stringMatching(/^\d+\.\d+/) });
    expect(report.capabilities.map((capability) => capability.name)).toEqual(['kvm', 'tap', 'xen-dom0']);
  });

  it('prints a table with a mark, the version or the problem, and the fix', async () => {
    const run = await runInProcess(['doctor']);
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toBe('Tools');
    expect(run.stdout).toContainEqual(expect.stringMatching(/^✓ qemu-system-x86_64 {3}\d+\.\d+\.\d+$/));
    expect(run.stdout).toContainEqual(expect.stringMatching(/^✗ mirage {15}no mirage on PATH {25}fix: opam install mirage$/));
    expect(run.stdout).toContainEqual(expect.stringMatching(/^✗ xen-dom0 {13}\/proc\/xen does not exist: this machine is not running under Xen {2}fix: boot the machine into a Xen dom0; Xen targets need a Xen host$/));
    expect(run.stdout.at(-1)).toMatch(/^\d+ of 15 tools ready, \d of 3 capabilities available\.$/);
  });

  it('exits 2 with the usage on a flag it does not know', async () => {
    const run = await runInProcess(['doctor', '--jsno']);
    expect(run.code).toBe(2);
    expect(run.stdout).toEqual([]);
    expect(run.stderr[0]).toBe('mirador doctor: unknown option --jsno');
    expect(run.stderr[1]).toMatch(/^Usage: mirador doctor \[--json\]/);
  });
});

describe('doctorReportTable', () => {
  it('aligns the columns and marks found-with-a-problem tools with !', () => {
    const report: DoctorReport = {
      tools: [
        { name: 'ocaml', found: true, path: '/usr/bin/ocaml', version: '4.13.1' },
        { name: 'xl', found: true, path: '/usr/sbin/xl', problem: 'xl is installed but this machine is not running Xen', fix: 'boot Xen' },
        { name: 'dune', found: false, problem: 'no dune on PATH', fix: 'opam install dune' },
        { name: 'gdb', found: true, path: '/usr/bin/gdb' },
      ],
      capabilities: [
        { name: 'kvm', available: true, detail: '/dev/kvm opens read-write' },
        { name: 'tap', available: false, detail: 'no tun', fix: 'sudo modprobe tun' },
      ],
    };
    expect(doctorReportTable(report)).toEqual([
      'Tools',
      '✓ ocaml  4.13.1',
      '! xl     xl is installed but this machine is not running Xen  fix: boot Xen',
      `✗ dune   ${'no dune on PATH'.padEnd(40)}  fix: opam install dune`,
      '✓ gdb    found (version unknown)',
      '',
      'Host capabilities',
      '✓ kvm    /dev/kvm opens read-write',
      `✗ tap    ${'no tun'.padEnd(40)}  fix: sudo modprobe tun`,
      '',
      '2 of 4 tools ready, 1 of 2 capabilities available.',
    ]);
  });
});

const built = ensureAppBuilt();
/** out/ may predate this command when vitest runs alone (npm test builds first); `doctor --help` exits 2 there. */
const ready = built.ok && spawnSync(process.execPath, [CLI_ENTRY, 'doctor', '--help']).status === 0;
if (!ready) console.warn(`SKIPPED built \`mirador doctor\`: ${built.ok ? 'out/ predates the doctor command; run `npx electron-vite build`' : built.reason}`);

describe.skipIf(!ready)('mirador doctor (built CLI)', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'mirador-doctor-home-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('doctor --json through the bin launcher prints a DoctorReport naming Solo5 as missing, exit 0', async () => {
    const run = await runCli(['doctor', '--json'], isolatedEnv(home, { MIRADOR_SKIP_BUILD_CHECK: '1' }), { viaLauncher: true });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.tools.find((tool) => tool.name === 'solo5-hvt')).toEqual({ name: 'solo5-hvt', found: false, problem: 'no solo5-hvt on PATH', fix: 'opam install solo5' });
    expect(report.tools.find((tool) => tool.name === 'gdb')).toMatchObject({ found: true, version: expect.stringMatching(/^\d+\.\d+/) });
  });

  it('doctor --bogus exits 2', async () => {
    const run = await runCli(['doctor', '--bogus'], isolatedEnv(home));
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('mirador doctor: unknown option --bogus');
  });
});
