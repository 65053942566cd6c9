// What the engine sends gdb for a Solo5 hvt launch (solo5-hvt-debug cannot run here): a logging stand-in gdb answers.
import { copyFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchPlan } from '../../../../main/api/launch-protocol';
import { GuestDebugger, type GuestDebuggerObserver } from '../../../../main/debug/gdb/guest-debugger';

let dir: string;
let fakeGdb: string;
let log: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-hvt-test-'));
  fakeGdb = path.join(dir, 'gdb');
  copyFileSync(path.join(import.meta.dirname, '..', 'support', 'fake-gdb.mjs'), fakeGdb);
  chmodSync(fakeGdb, 0o755);
  log = path.join(dir, 'commands.log');
  process.env.FAKE_GDB_LOG = log;
});

afterAll(() => {
  delete process.env.FAKE_GDB_LOG;
  rmSync(dir, { recursive: true, force: true });
});

const HVT_PLAN: LaunchPlan = {
  target: 'hvt',
  command: '/usr/local/bin/solo5-hvt-debug',
  args: ['--gdb', '--gdb-port=41234', '--', '/work/dist/hello.hvt'],
  cwd: '/work',
  console: { kind: 'stdio' },
  gdb: { host: '127.0.0.1', port: 41234, architecture: 'i386:x86-64' },
  capture: { kind: 'none' },
  stop: { kind: 'signal', signal: 'SIGTERM' },
  exitStatus: 'process',
  accelerator: { kind: 'kvm', reason: 'KVM: solo5-hvt always runs on KVM' },
  notes: [],
};

describe('a Solo5 hvt debug session', () => {
  it('sets the x86-64 architecture before connecting, places at most 4 hardware breakpoints and says why', async () => {
    const output: string[] = [];
    const observer: GuestDebuggerObserver = {
      onStopped: () => undefined,
      onContinued: () => undefined,
      onBootPhase: () => undefined,
      onOutput: (text) => output.push(text),
      onGdbExited: (description) => output.push(description),
    };
    const engine = await GuestDebugger.connect({
      gdbPath: fakeGdb,
      plan: { ...HVT_PLAN, cwd: dir },
      image: { path: '/work/dist/hello.hvt', elfClass: 64, entry: 0x100000n },
      runDir: dir,
      entryStop: { kind: 'none' },
      observer,
      vmmGone: new Promise(() => undefined),
    });
    await engine.prepareLandmarks();
    const outcomes = await engine.setBreakpoints('function', ['start', 'solo5_app_main', 'caml_main', 'caml_program', 'one_too_many'].map((location) => ({ kind: 'function' as const, location })));
    await engine.start();
    await engine.close();

    expect(outcomes.slice(0, 4).map((outcome) => outcome.verified)).toEqual([true, true, true, true]);
    expect(outcomes[4]).toEqual({ verified: false, message: 'Not set: solo5-hvt-debug offers 4 hardware breakpoints (and no threads); remove one to place this one.' });
    expect(output.join('')).toContain('Mirador: Solo5 hvt: solo5-hvt-debug offers 4 hardware breakpoints (and no threads); pause stops the whole unikernel.');
    expect(engine.threadList()).toEqual([{ id: 1, name: 'CPU 1' }]);

    const sent = readFileSync(log, 'utf8').trim().split('\n').map((line) => line.replace(/^\d+/, ''));
    expect(sent).toEqual([
      '-gdb-set mi-async on',
      '-gdb-set pagination off',
      '-gdb-set confirm off',
      '-gdb-set width 0',
      '-gdb-set height 0',
      '-gdb-set tcp connect-timeout 10',
      '-gdb-set breakpoint always-inserted on',
      '-file-exec-and-symbols /work/dist/hello.hvt',
      // A 64-bit image: no i386 view, just the architecture, before `target remote` (FACTS.md).
      '-gdb-set architecture i386:x86-64',
      '-file-list-exec-source-files',
      '-target-select remote 127.0.0.1:41234',
      // No boot-phase breakpoints: the 4 slots are the user's.
      '-break-insert -h start',
      '-break-insert -h solo5_app_main',
      '-break-insert -h caml_main',
      '-break-insert -h caml_program',
      '-exec-continue',
      '-gdb-exit',
    ]);
  });

  it('counts the stopOnEntry breakpoint against the 4 slots', async () => {
    writeFileSync(log, '');
    const engine = await GuestDebugger.connect({
      gdbPath: fakeGdb,
      plan: { ...HVT_PLAN, cwd: dir },
      image: { path: '/work/dist/hello.hvt', elfClass: 64, entry: 0x100000n },
      runDir: dir,
      entryStop: { kind: 'entry' },
      observer: { onStopped: () => undefined, onContinued: () => undefined, onBootPhase: () => undefined, onOutput: () => undefined, onGdbExited: () => undefined },
      vmmGone: new Promise(() => undefined),
    });
    await engine.prepareLandmarks();
    const outcomes = await engine.setBreakpoints('function', ['a', 'b', 'c', 'd'].map((location) => ({ kind: 'function' as const, location })));
    await engine.close();
    expect(outcomes.map((outcome) => outcome.verified)).toEqual([true, true, true, false]);
    const inserts = readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('-break-insert')).map((line) => line.replace(/^\d+/, ''));
    expect(inserts).toEqual(['-break-insert -t -h *0x100000', '-break-insert -h a', '-break-insert -h b', '-break-insert -h c']);
  });
});
