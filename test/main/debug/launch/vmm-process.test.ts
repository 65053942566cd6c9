// The launch engine against real QEMU (TCG): console bytes, exit statuses, each stop method, start failures, no orphans.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VmmProcess, type VmmObserver } from '../../../../main/debug/launch/vmm-process';
import { liveVmmCount } from '../../../../main/debug/launch/vmm-reaper';
import { buildTinyGuest } from '../support/tiny-guest';
import { killLeftoverQemu, qemuProcessesWith } from '../support/qemu-processes';
import { qemuTestPlan } from '../support/qemu-test-plan';

let dir: string;
let hello: string;
let failing: string;
let idle: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-vmm-test-'));
  hello = buildTinyGuest(dir, 'hello', { lines: ['first line', 'héllo ✓ last line'], exit: 0 });
  failing = buildTinyGuest(dir, 'failing', { lines: ['about to fail'], exit: 5 });
  idle = buildTinyGuest(dir, 'idle', { lines: ['idling'], exit: 'idle' });
});

afterAll(() => {
  for (const image of [hello, failing, idle]) killLeftoverQemu(image);
  rmSync(dir, { recursive: true, force: true });
});

function recorder() {
  const console: Buffer[] = [];
  const events: string[] = [];
  const observer: VmmObserver = {
    onStarted: () => events.push('started'),
    onConsole: (chunk) => console.push(chunk),
    onExited: () => events.push('exited'),
  };
  return { observer, events, text: () => Buffer.concat(console).toString('utf8') };
}

/** Resolves once the console has printed `text`. */
async function consoleShows(read: () => string, text: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!read().includes(text)) {
    if (Date.now() > deadline) throw new Error(`the console never showed ${JSON.stringify(text)}; it showed ${JSON.stringify(read())}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('VmmProcess', () => {
  it('streams the console and maps a clean guest exit (QEMU status 1) to 0', async () => {
    const seen = recorder();
    const vmm = new VmmProcess(qemuTestPlan(hello, dir), seen.observer);
    const { pid } = await vmm.start();
    expect(pid).toBeGreaterThan(0);
    const exit = await vmm.exited;
    expect(exit).toEqual({ code: 1, signal: null, guestStatus: 0, outcome: 'guest-exited', description: 'the guest exited with status 0' });
    expect(seen.text()).toBe('first line\nhéllo ✓ last line\n');
    expect(seen.events).toEqual(['started', 'exited']);
  });

  it('passes a non-zero guest status through', async () => {
    const vmm = new VmmProcess(qemuTestPlan(failing, dir));
    await vmm.start();
    expect(await vmm.exited).toMatchObject({ code: 11, guestStatus: 5, outcome: 'guest-exited' });
  });

  it('reports QEMU refusing the image as a failure, with its error kept', async () => {
    const notAKernel = path.join(dir, 'hello.S');
    const vmm = new VmmProcess(qemuTestPlan(notAKernel, dir));
    await vmm.start();
    const exit = await vmm.exited;
    expect(exit).toMatchObject({ code: 1, guestStatus: null, outcome: 'failed', description: 'qemu-system-x86_64 exited with status 1' });
    expect(vmm.stderrLines()).toEqual(['qemu: invalid kernel header']);
  });

  it('stops a running guest with QMP quit', async () => {
    const seen = recorder();
    const vmm = new VmmProcess(qemuTestPlan(idle, dir), seen.observer);
    await vmm.start();
    await consoleShows(seen.text, 'idling\n');
    const started = Date.now();
    const exit = await vmm.stop();
    expect(exit).toMatchObject({ code: 0, signal: null, outcome: 'stopped', description: 'the guest was stopped' });
    // QMP quit answers at once; falling back to signals would take the 3 s grace period.
    expect(Date.now() - started).toBeLessThan(1500);
    expect(qemuProcessesWith(idle)).toEqual([]);
    expect(liveVmmCount()).toBe(0);
  });

  it('falls back to SIGTERM when the QMP socket is not there', async () => {
    const seen = recorder();
    const plan = qemuTestPlan(idle, dir, { stop: { kind: 'qmp-quit', socket: path.join(dir, 'no-such.sock') } });
    const vmm = new VmmProcess(plan, seen.observer, { stopGraceMs: 500 });
    await vmm.start();
    await consoleShows(seen.text, 'idling\n');
    expect(await vmm.stop()).toMatchObject({ code: 0, outcome: 'stopped' });
    expect(vmm.stderrLines().at(-1)).toMatch(/terminating on signal 15/);
  });

  it('stops with the signal the plan names', async () => {
    const seen = recorder();
    const vmm = new VmmProcess(qemuTestPlan(idle, dir, { stop: { kind: 'signal', signal: 'SIGKILL' } }), seen.observer);
    await vmm.start();
    await consoleShows(seen.text, 'idling\n');
    expect(await vmm.stop()).toMatchObject({ code: null, signal: 'SIGKILL', outcome: 'stopped' });
  });

  it('runs the stop command of the plan, then signals when it did not work', async () => {
    const seen = recorder();
    const marker = path.join(dir, 'stop-command-ran');
    const plan = qemuTestPlan(idle, dir, { stop: { kind: 'command', command: 'touch', args: [marker] } });
    const vmm = new VmmProcess(plan, seen.observer, { stopGraceMs: 300 });
    await vmm.start();
    await consoleShows(seen.text, 'idling\n');
    expect(await vmm.stop()).toMatchObject({ outcome: 'stopped' });
    expect(readFileSync(marker, 'utf8')).toBe('');
  });

  it('writes the plan\'s files before the VMM starts', async () => {
    const config = path.join(dir, 'generated', 'guest.xl');
    const vmm = new VmmProcess(qemuTestPlan(hello, dir, { files: [{ path: config, content: "name = 'guest'\n" }] }));
    await vmm.start();
    expect(readFileSync(config, 'utf8')).toBe("name = 'guest'\n");
    await vmm.exited;
  });

  it('rejects a VMM that is not installed, saying so', async () => {
    const seen = recorder();
    const vmm = new VmmProcess(qemuTestPlan(hello, dir, { command: 'qemu-system-nonexistent' }), seen.observer);
    await expect(vmm.start()).rejects.toThrow('qemu-system-nonexistent was not found; install it or fix PATH');
    expect(await vmm.exited).toMatchObject({ outcome: 'failed', description: 'qemu-system-nonexistent was not found; install it or fix PATH' });
  });
});
