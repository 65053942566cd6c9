// `mirador targets [--json]` from the built CLI, on this machine: QEMU usable, Solo5 and Xen missing with their fixes.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetInfo } from '../../../main/api/launch-protocol';
import { ensureAppBuilt } from './app-build';
import { isolatedEnv, runCli } from './cli-process';

const built = ensureAppBuilt();
if (!built.ok) console.warn(`SKIPPED test/main/cli/targets-command: ${built.reason}`);
const hasQemu = existsSync('/usr/bin/qemu-system-x86_64');

describe.skipIf(!built.ok)('mirador targets', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'mirador-targets-home-'));
    // Solo5 and xl are not to be had here; pin PATH so a stray install elsewhere cannot change the answer.
    env = isolatedEnv(home, { PATH: '/usr/local/bin:/usr/bin:/bin' });
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it.skipIf(!hasQemu)('--json lists every target with availability, reason, fix and extension', async () => {
    const run = await runCli(['targets', '--json'], env);
    expect(run.code).toBe(0);
    const targets = JSON.parse(run.stdout) as TargetInfo[];
    expect(targets.map((target) => [target.id, target.extension, target.available])).toEqual([
      ['qemu', 'qemu', true],
      ['virtio', 'qemu', true],
      ['hvt', 'solo5', false],
      ['spt', 'solo5', false],
      ['xen', 'xen', false],
      ['unix', 'unix', true],
    ]);
    expect(targets.find((target) => target.id === 'hvt')).toMatchObject({ reason: 'no solo5-hvt on PATH', fix: 'opam install solo5' });
    expect(targets.find((target) => target.id === 'spt')).toMatchObject({ reason: 'no solo5-spt on PATH', fix: 'opam install solo5' });
    expect(targets.find((target) => target.id === 'xen')?.fix).toBeTruthy();
  });

  it.skipIf(!hasQemu)('prints a table with a mark per target and the fix under each unavailable one', async () => {
    const run = await runCli(['targets'], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('✓ qemu    QEMU                 available');
    expect(lines[2]).toBe('✗ hvt     Solo5 hvt (KVM)      not available: no solo5-hvt on PATH');
    expect(lines[3]).toBe('                               fix: opam install solo5');
    expect(lines.at(-1)).toBe('3 of 6 targets available here.');
  });

  it('refuses unknown options and is listed in --help', async () => {
    const run = await runCli(['targets', '--bogus'], env);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('mirador targets: unknown option --bogus');
    expect((await runCli(['--help'], env)).stdout).toContain('targets [--json]');
  });
});
