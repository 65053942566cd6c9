// `mirador run --syslog` on a real Linux guest whose busybox syslogd sends its log to UDP 514 (as a unikernel with
// logs-syslog does): each message printed as a line, and --until stopping the run at one of them.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLinuxGuest, linuxGuestUnavailable, type LinuxGuest } from '../../support/linux-guest/linux-guest-image.mjs';
import { CLI_ENTRY } from './app-build';
import { ensureFreshAppBuild } from '../debug/support/fresh-app-build';
import { killLeftoverQemu } from '../debug/support/qemu-processes';

const unavailable = linuxGuestUnavailable();
if (unavailable) console.warn(`SKIPPED mirador run --syslog: ${unavailable}`);

let dir: string;
let guest: LinuxGuest;

beforeAll(async () => {
  if (unavailable) return;
  const build = await ensureFreshAppBuild();
  if (!build.ok) throw new Error(build.reason);
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-run-syslog-'));
  guest = await buildLinuxGuest(dir);
}, 120_000);

afterAll(() => {
  if (guest) killLeftoverQemu(guest.initrd);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function mirador(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI_ENTRY, 'run', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe.skipIf(unavailable !== undefined)('mirador run --syslog', () => {
  it('prints the syslog messages the guest sends beside its console, and --until matches them', async () => {
    const run = await mirador(['--target', 'qemu', '--kernel', guest.kernel, '--initrd', guest.initrd, '--append', guest.append({ mode: 'loop', udpPort: 514 }), '--mem', '256', '--accel', 'tcg', '--syslog', '--until', 'mirador-tick 2', '--timeout', '90']);
    expect(run.code).toBe(0);
    // The console first (the guest's own lines), then syslog lines as the frames carried them.
    expect(run.stdout).toContain('mirador-guest: traffic done');
    const syslog = run.stdout.split('\n').filter((line) => line.startsWith('[syslog '));
    expect(syslog.at(-1)).toMatch(/^\[syslog 10\.0\.2\.15\] USER\.NOTICE: [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d 0: mirador-tick 2\\n$/);
  }, 120_000);

  it('without --syslog, the same messages stay in the capture: --until never sees them and the timeout ends the run', async () => {
    const run = await mirador(['--target', 'qemu', '--kernel', guest.kernel, '--initrd', guest.initrd, '--append', guest.append({ mode: 'loop', udpPort: 514 }), '--mem', '256', '--accel', 'tcg', '--net', 'user', '--until', 'mirador-tick 2', '--timeout', '12']);
    expect(run.code).toBe(124);
    expect(run.stdout).not.toContain('[syslog ');
  }, 60_000);
});
