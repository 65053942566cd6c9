// How a VMM's exit is read: QEMU's isa-debug-exit convention, QEMU's own start-up failures, stops, and plain processes.
import { describe, expect, it } from 'vitest';
import { classifyVmmExit, shellStatus } from '../../../../main/debug/launch/vmm-exit';

const qemu = { exitStatus: 'isa-debug-exit' } as const;
const facts = { command: '/usr/bin/qemu-system-x86_64', signal: null, stopRequested: false, stderrLines: [] as string[] };

describe('classifyVmmExit', () => {
  it('reads the status of the program gdbserver ran from its last words (gdbserver itself exits 0)', () => {
    const gdbserver = { exitStatus: 'gdbserver' } as const;
    const said = (...lines: string[]) => ({ ...facts, command: '/usr/bin/gdbserver', code: 0, stderrLines: ['Process /opt/bin/solo5-spt created; pid = 42', 'Listening on port 4000', ...lines] });
    expect(classifyVmmExit(gdbserver, said('Child exited with status 3'))).toMatchObject({ code: 0, guestStatus: 3, outcome: 'guest-exited', description: 'the guest exited with status 3' });
    expect(classifyVmmExit(gdbserver, said('Child terminated with signal = 0xb (SIGSEGV)'))).toMatchObject({ guestStatus: null, outcome: 'failed', description: 'the guest was killed by SIGSEGV' });
    expect(classifyVmmExit(gdbserver, { ...said('Child exited with status 0'), stopRequested: true })).toMatchObject({ outcome: 'stopped' });
  });

  it('maps an odd QEMU status back to the guest status: 1 → 0, 7 → 3', () => {
    expect(classifyVmmExit(qemu, { ...facts, code: 1 })).toEqual({ code: 1, signal: null, guestStatus: 0, outcome: 'guest-exited', description: 'the guest exited with status 0' });
    expect(classifyVmmExit(qemu, { ...facts, code: 7 })).toMatchObject({ guestStatus: 3, outcome: 'guest-exited' });
  });

  it('reads Solo5 on virtio, which writes 41 for every exit, as a clean exit without a status of its own', () => {
    const virtio = { exitStatus: 'solo5-virtio' } as const;
    expect(classifyVmmExit(virtio, { ...facts, code: 83 })).toEqual({
      code: 83,
      signal: null,
      guestStatus: 0,
      outcome: 'guest-exited',
      description: 'the unikernel exited (Solo5 on virtio does not pass its own exit code through)',
    });
    expect(classifyVmmExit(virtio, { ...facts, code: 0, stopRequested: true }).outcome).toBe('stopped');
    expect(classifyVmmExit(virtio, { ...facts, code: 1, stderrLines: ['qemu: could not load kernel'] }).outcome).toBe('failed');
  });

  it('tells QEMU failing to start (status 1 with an error) from a guest exiting 0', () => {
    const exit = classifyVmmExit(qemu, { ...facts, code: 1, stderrLines: ['qemu: invalid kernel header'] });
    expect(exit).toEqual({ code: 1, signal: null, guestStatus: null, outcome: 'failed', description: 'qemu-system-x86_64 exited with status 1' });
  });

  it('does not take QEMU warnings for a failure', () => {
    const exit = classifyVmmExit(qemu, { ...facts, code: 1, stderrLines: ['qemu-system-x86_64: warning: host doesn\'t support requested feature'] });
    expect(exit.outcome).toBe('guest-exited');
  });

  it('reads status 0 as stopped: by us, or from outside', () => {
    expect(classifyVmmExit(qemu, { ...facts, code: 0, stopRequested: true })).toMatchObject({ outcome: 'stopped', guestStatus: null, description: 'the guest was stopped' });
    expect(classifyVmmExit(qemu, { ...facts, code: 0 }).description).toBe('qemu-system-x86_64 was stopped from outside (it exited with status 0 before the guest ended the run)');
  });

  it('reads a kill as stopped when we asked, as a failure otherwise', () => {
    expect(classifyVmmExit(qemu, { ...facts, code: null, signal: 'SIGKILL', stopRequested: true }).outcome).toBe('stopped');
    expect(classifyVmmExit(qemu, { ...facts, code: null, signal: 'SIGSEGV' })).toMatchObject({ outcome: 'failed', description: 'qemu-system-x86_64 was killed by SIGSEGV' });
  });

  it('reads an even status other than 0 as a QEMU failure', () => {
    expect(classifyVmmExit(qemu, { ...facts, code: 2 })).toMatchObject({ outcome: 'failed', guestStatus: null });
  });

  it('takes a plain process status as the guest status', () => {
    expect(classifyVmmExit({ exitStatus: 'process' }, { ...facts, command: 'dist/hello', code: 4 })).toMatchObject({ outcome: 'guest-exited', guestStatus: 4 });
  });

  it('reports a VMM that could not start', () => {
    expect(classifyVmmExit(qemu, { ...facts, code: null, spawnError: 'qemu-system-x86_64 was not found; install it or fix PATH' })).toMatchObject({ outcome: 'failed', description: 'qemu-system-x86_64 was not found; install it or fix PATH' });
  });
});

describe('shellStatus', () => {
  it('is the code, or 128 + the signal number', () => {
    expect(shellStatus({ code: 3, signal: null })).toBe(3);
    expect(shellStatus({ code: null, signal: 'SIGTERM' })).toBe(143);
    expect(shellStatus({ code: null, signal: 'SIGKILL' })).toBe(137);
  });
});
