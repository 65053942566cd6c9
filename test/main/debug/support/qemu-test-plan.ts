// Test helper: a QEMU launch plan for a test guest, written out by hand (FACTS.md's argv) so engine tests need no registry.
import path from 'node:path';
import type { LaunchPlan } from '../../../../main/api/launch-protocol';

export function qemuTestPlan(kernel: string, runDir: string, overrides: Partial<LaunchPlan> = {}): LaunchPlan {
  const qmp = path.join(runDir, 'qmp.sock');
  return {
    target: 'qemu',
    command: 'qemu-system-x86_64',
    args: [
      '-nodefaults', '-display', 'none', '-no-reboot', '-accel', 'tcg', '-m', '32',
      '-serial', 'stdio',
      '-qmp', `unix:${qmp},server=on,wait=off`,
      '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
      '-kernel', kernel,
    ],
    cwd: runDir,
    console: { kind: 'stdio' },
    capture: { kind: 'none' },
    stop: { kind: 'qmp-quit', socket: qmp },
    exitStatus: 'isa-debug-exit',
    accelerator: { kind: 'tcg', reason: 'TCG: chosen by the test' },
    notes: [],
    ...overrides,
  };
}
