// The generic `qemu` target: boots a multiboot v1 ELF32, a PVH ELF or a Linux bzImage (with initrd and command line).
import type { TargetProvider } from '../../main/api/target-provider-api';
import { checkQemuKernel } from './image-validation/qemu-kernel-check';
import { existingFile, kernelPath } from './launch-files';
import { qemuAvailability } from './qemu-availability';
import { planQemuLaunch } from './qemu-launch-plan';

/** The port the C example and most hobby kernels use: `outb(0xf4, status)` ends the run. */
const DEBUG_EXIT = { iobase: '0xf4', iosize: '0x04' };

export const qemuTarget: TargetProvider = {
  id: 'qemu',
  label: 'QEMU',
  description: 'qemu-system-x86_64 with a multiboot v1 ELF32, PVH ELF or Linux bzImage kernel; KVM when /dev/kvm opens, else TCG.',
  availability: qemuAvailability,

  async validateImage(imagePath) {
    const verdict = await checkQemuKernel(imagePath);
    return verdict.ok ? null : verdict.problem;
  },

  async plan(launch, host) {
    const kernel = kernelPath(launch, host, 'build/kernel.elf');
    const initrd = launch.initrd ? await existingFile('initrd', launch.initrd, host) : undefined;
    const verdict = await checkQemuKernel(kernel, { initrd: initrd !== undefined });
    if (!verdict.ok) throw new Error(verdict.problem);
    return planQemuLaunch({
      target: 'qemu',
      launch,
      host,
      kernel,
      initrd,
      append: launch.append,
      network: launch.network,
      debugExit: DEBUG_EXIT,
      notes: [`Image: ${verdict.format}.`, 'The guest ends the run by writing its status to port 0xf4 (isa-debug-exit); writing 0 is a clean exit.'],
    });
  },
};
