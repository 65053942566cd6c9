// The `virtio` target: a Solo5 virtio unikernel under QEMU, with one NIC and one disk like solo5-virtio-run.
import type { LaunchArguments } from '../../main/api/launch-protocol';
import type { TargetProvider } from '../../main/api/target-provider-api';
import type { AcceleratorChoice } from './accelerator-choice';
import { checkQemuKernel } from './image-validation/qemu-kernel-check';
import { existingFile, kernelPath } from './launch-files';
import { qemuAvailability } from './qemu-availability';
import { planQemuLaunch } from './qemu-launch-plan';

/** Solo5's virtio platform_exit does `outw(0x501, 41)`: QEMU's default isa-debug-exit port, exit status 83. */
const SOLO5_DEBUG_EXIT = { iobase: '0x501', iosize: '0x02' };

/** As solo5-virtio-run: the host CPU under KVM, a CPU model with the features Solo5 expects under TCG, no ACPI. */
function solo5MachineArgs(accelerator: AcceleratorChoice): string[] {
  return ['-cpu', accelerator.kind === 'kvm' ? 'host' : 'Westmere', '-machine', 'acpi=off'];
}

/** Solo5 splits its command line at spaces, so an argument with a space cannot arrive whole. */
function commandLine(launch: LaunchArguments): string | undefined {
  const args = launch.args ?? [];
  const spaced = args.find((arg) => /\s/.test(arg));
  if (spaced !== undefined) throw new Error(`The unikernel argument "${spaced}" contains a space, which the virtio command line cannot carry: pass it without spaces.`);
  const words = [...(launch.append ? [launch.append] : []), ...args];
  return words.length > 0 ? words.join(' ') : undefined;
}

export const virtioTarget: TargetProvider = {
  id: 'virtio',
  label: 'Solo5 virtio (QEMU)',
  description: 'A Solo5 virtio unikernel (mirage configure -t virtio) booted by qemu-system-x86_64 with one virtio NIC and one virtio disk.',
  availability: qemuAvailability,

  async validateImage(imagePath) {
    const verdict = await checkQemuKernel(imagePath);
    return verdict.ok ? null : verdict.problem;
  },

  async plan(launch, host) {
    const kernel = kernelPath(launch, host, 'dist/hello.virtio');
    const verdict = await checkQemuKernel(kernel);
    if (!verdict.ok) throw new Error(verdict.problem);
    const blocks = launch.block ?? [];
    if (blocks.length > 1) throw new Error(`Solo5 on virtio supports one disk, but "block" lists ${blocks.length}: keep one.`);
    const disks = await Promise.all(blocks.map((block, index) => existingFile(`block[${index}].path`, block.path, host)));
    return planQemuLaunch({
      target: 'virtio',
      exitStatus: 'solo5-virtio',
      launch,
      host,
      kernel,
      append: commandLine(launch),
      // MirageOS virtio unikernels expect their network device: attach one unless told not to.
      network: launch.network ?? { mode: 'user' },
      disks,
      debugExit: SOLO5_DEBUG_EXIT,
      machineArgs: solo5MachineArgs,
      notes: [
        `Image: ${verdict.format}.`,
        'Solo5 on virtio reports every exit the same way (QEMU status 83, debug-exit value 41): the unikernel\'s own exit code is not passed through.',
      ],
    });
  },
};
