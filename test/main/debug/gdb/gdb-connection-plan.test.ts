// What gdb is told before connecting, per target and image: the i386 view for 32-bit QEMU guests, hardware breakpoints.
import { describe, expect, it } from 'vitest';
import type { LaunchPlan } from '../../../../main/api/launch-protocol';
import { planGdbConnection } from '../../../../main/debug/gdb/gdb-connection-plan';
import { i386OverX8664TargetDescription } from '../../../../main/debug/gdb/i386-over-x86-64-tdesc';

function qemuPlan(accelerator: 'kvm' | 'tcg'): LaunchPlan {
  return {
    target: 'qemu',
    command: '/usr/bin/qemu-system-x86_64',
    args: [],
    cwd: '/work',
    console: { kind: 'stdio' },
    gdb: { host: '127.0.0.1', port: 40000, architecture: 'i386:x86-64' },
    capture: { kind: 'none' },
    stop: { kind: 'qmp-quit', socket: '/run/qmp.sock' },
    exitStatus: 'isa-debug-exit',
    accelerator: { kind: accelerator, reason: 'test' },
    notes: [],
  };
}

const words = (plan: ReturnType<typeof planGdbConnection>) => plan.setup.map((command) => [command.operation, ...(command.parameters ?? [])].join(' '));

describe('planGdbConnection', () => {
  it('debugs the spt tender as the program, adds the image\'s symbols, and keeps 4 hardware breakpoints', () => {
    const spt: LaunchPlan = { ...qemuPlan('tcg'), target: 'spt', command: '/usr/bin/gdbserver', gdb: { host: '127.0.0.1', port: 40001, loader: '/opt/solo5/bin/solo5-spt' }, exitStatus: 'gdbserver' };
    const plan = planGdbConnection(spt, { path: '/work/my app/dist/hello.spt', elfClass: 64, entry: 0x100000n }, '/run/mirador-run-x');
    expect(words(plan).slice(-3)).toEqual(['-gdb-set sysroot /', '-file-exec-and-symbols /opt/solo5/bin/solo5-spt', '-interpreter-exec console add-symbol-file "/work/my app/dist/hello.spt"']);
    expect(words(plan)).not.toContain('-file-exec-and-symbols /work/my app/dist/hello.spt');
    expect(plan).toMatchObject({ port: 40001, breakpoints: { hardware: true, limit: 4 }, bootPhaseBreakpoints: false, resetStopText: 'solo5-spt started (the unikernel is not loaded yet)' });
    expect(plan.notices).toEqual(['spt: solo5-spt maps the unikernel after it starts, so breakpoints in it must be hardware ones, and x86 has 4. The first stop ("reset") is solo5-spt\'s first instruction, before the unikernel is loaded.']);
  });

  it('gives a 32-bit image on qemu-system-x86_64 the i386 view, with single-register packets off', () => {
    const plan = planGdbConnection(qemuPlan('tcg'), { path: '/work/hello.elf', elfClass: 32, entry: 0x10000cn }, '/run/mirador-run-x');
    expect(plan.files).toEqual([{ path: '/run/mirador-run-x/i386-over-x86-64.xml', content: i386OverX8664TargetDescription() }]);
    expect(words(plan).slice(-4)).toEqual([
      '-file-exec-and-symbols /work/hello.elf',
      '-gdb-set tdesc filename /run/mirador-run-x/i386-over-x86-64.xml',
      '-gdb-set remote set-register-packet off',
      '-gdb-set remote fetch-register-packet off',
    ]);
    expect(words(plan)).not.toContain('-gdb-set architecture i386:x86-64');
    expect(plan).toMatchObject({ host: '127.0.0.1', port: 40000, breakpoints: { hardware: false }, bootPhaseBreakpoints: true });
    expect(plan.notices[0]).toContain('gdb sees the CPU as i386');
  });

  it('sets the plan\'s architecture for a 64-bit image, and for an image that is not ELF', () => {
    for (const elfClass of [64, null] as const) {
      const plan = planGdbConnection(qemuPlan('tcg'), { path: '/work/app.virtio', elfClass, entry: null }, '/run/x');
      expect(plan.files).toEqual([]);
      expect(words(plan).at(-1)).toBe('-gdb-set architecture i386:x86-64');
    }
  });

  it('uses at most 4 hardware breakpoints under KVM, and keeps them all for the user', () => {
    const plan = planGdbConnection(qemuPlan('kvm'), { path: '/work/hello.elf', elfClass: 32, entry: 0x10000cn }, '/run/x');
    expect(plan.breakpoints).toEqual({ hardware: true, limit: 4, limitReason: expect.stringContaining('under KVM') });
    expect(plan.bootPhaseBreakpoints).toBe(false);
  });

  it('refuses a plan without a gdb endpoint', () => {
    expect(() => planGdbConnection({ ...qemuPlan('tcg'), gdb: undefined }, { path: '/x', elfClass: 32, entry: null }, '/run/x')).toThrow('the qemu launch has no gdb endpoint');
  });
});
