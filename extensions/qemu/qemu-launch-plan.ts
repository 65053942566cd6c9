// Turns a QEMU launch (kernel, devices, machine extras) into the plan: argv, console, QMP stop, gdb stub, exit mapping.
import path from 'node:path';
import type { LaunchArguments, LaunchPlan, NetworkArguments } from '../../main/api/launch-protocol';
import type { TargetHost } from '../../main/api/target-provider-api';
import { chooseAccelerator, type AcceleratorChoice } from './accelerator-choice';
import { qemuCommand } from './qemu-availability';
import { qemuNetworkArgs } from './qemu-network-args';
import { qemuOptionValue } from './qemu-option-value';

export const DEFAULT_QEMU_MEMORY_MIB = 128;

export interface QemuLaunchSpec {
  target: string;
  launch: LaunchArguments;
  host: TargetHost;
  /** Absolute paths. */
  kernel: string;
  initrd?: string;
  append?: string;
  network: NetworkArguments | undefined;
  /** Raw disk images (absolute), attached as virtio block devices. */
  disks?: string[];
  /** Where the guest writes to end the run; QEMU then exits with (value << 1) | 1. */
  debugExit: { iobase: string; iosize: string };
  /** How the run's end is read; Solo5's virtio binding always writes 41. */
  exitStatus?: LaunchPlan['exitStatus'];
  /** Machine options that depend on the accelerator (e.g. `-cpu host` under KVM). */
  machineArgs?: (accelerator: AcceleratorChoice) => string[];
  notes?: string[];
}

export function launchMemory(launch: LaunchArguments, fallback: number): number {
  const memory = launch.memory ?? fallback;
  if (!Number.isInteger(memory) || memory <= 0) throw new Error(`"memory" must be a whole number of MiB, not ${String(launch.memory)}.`);
  return memory;
}

export function launchCwd(launch: LaunchArguments, host: TargetHost): string {
  return launch.cwd ? path.resolve(host.workspaceFolder, launch.cwd) : host.workspaceFolder;
}

export async function planQemuLaunch(spec: QemuLaunchSpec): Promise<LaunchPlan> {
  const { launch, host } = spec;
  const accelerator = chooseAccelerator(launch.accel, host.doctor);
  const qmpSocket = path.join(host.runDir, 'qmp.sock');
  const network = qemuNetworkArgs(spec.network, launch.capture === true, host.runDir);
  const args = [
    '-nodefaults', '-display', 'none', '-no-reboot',
    '-accel', accelerator.kind,
    ...(spec.machineArgs?.(accelerator) ?? []),
    '-m', String(launchMemory(launch, DEFAULT_QEMU_MEMORY_MIB)),
    '-serial', 'stdio',
    '-qmp', `unix:${qemuOptionValue(qmpSocket)},server=on,wait=off`,
    '-device', `isa-debug-exit,iobase=${spec.debugExit.iobase},iosize=${spec.debugExit.iosize}`,
    '-kernel', spec.kernel,
    ...(spec.initrd ? ['-initrd', spec.initrd] : []),
    ...(spec.append ? ['-append', spec.append] : []),
    ...network.args,
    ...(spec.disks ?? []).flatMap((disk) => ['-drive', `file=${qemuOptionValue(disk)},if=virtio,format=raw`]),
  ];
  const notes = [...(spec.notes ?? [])];
  if (spec.network?.mode === 'tap' && host.doctor.capabilities.find((capability) => capability.name === 'tap')?.available !== true) {
    notes.push(`Tap networking: QEMU opens ${spec.network.tap ?? 'the tap device'} itself; without CAP_NET_ADMIN that works only if the device already exists and belongs to you (sudo ip tuntap add ${spec.network.tap ?? 'tap100'} mode tap user $USER).`);
  }
  const plan: LaunchPlan = {
    target: spec.target,
    command: qemuCommand(host),
    args,
    cwd: launchCwd(launch, host),
    console: { kind: 'stdio' },
    capture: network.capture,
    stop: { kind: 'qmp-quit', socket: qmpSocket },
    exitStatus: spec.exitStatus ?? 'isa-debug-exit',
    accelerator,
    notes,
  };
  if (launch.noDebug !== true) {
    const port = await host.freePort();
    // -S holds the CPU at the reset vector until gdb says continue, so breakpoints in early boot are not missed.
    args.push('-S', '-gdb', `tcp:127.0.0.1:${port}`);
    // qemu-system-x86_64 reports 64-bit registers even for a 32-bit multiboot guest; gdb must know before it connects.
    plan.gdb = { host: '127.0.0.1', port, architecture: 'i386:x86-64' };
    if (accelerator.kind === 'kvm') notes.push('Under KVM, software breakpoints can fail in early boot: use hardware breakpoints (hbreak) there.');
  }
  return plan;
}
