// The `kvm` capability: can this process open /dev/kvm read-write (what QEMU's -accel kvm and solo5-hvt need)?
import { open, readFile } from 'node:fs/promises';
import type { CapabilityStatus } from '../../api/toolchain-protocol';

export async function checkKvm(devicePath: string, cpuinfoPath: string): Promise<CapabilityStatus> {
  try {
    await (await open(devicePath, 'r+')).close();
    return { name: 'kvm', available: true, detail: `${devicePath} opens read-write` };
  } catch (error) {
    return kvmOpenFailure(devicePath, (error as NodeJS.ErrnoException).code ?? '', (error as Error).message, await kvmModule(cpuinfoPath));
  }
}

/** What a failed open of /dev/kvm means and how to fix it, by errno. */
export function kvmOpenFailure(devicePath: string, code: string, message: string, module: string): CapabilityStatus {
  const unavailable = (detail: string, fix: string): CapabilityStatus => ({ name: 'kvm', available: false, detail, fix });
  switch (code) {
    case 'ENOENT':
      return unavailable(`${devicePath} does not exist: the ${module} module is not loaded, or virtualization (VT-x/AMD-V) is off in the firmware settings`, `sudo modprobe ${module}`);
    case 'EACCES':
    case 'EPERM':
      return unavailable(`${devicePath} exists but you may not open it read-write (${code}); after joining the kvm group, log out and in again`, 'sudo usermod -aG kvm $USER');
    case 'ENXIO':
    case 'ENODEV':
      return unavailable(`${devicePath} has no KVM driver behind it (${code}): virtualization (VT-x/AMD-V) is off in the firmware settings or the CPU lacks it`, 'enable VT-x/AMD-V in the firmware (BIOS/UEFI) settings, then reboot');
    default:
      return unavailable(`${devicePath} could not be opened read-write: ${message}`, `sudo modprobe ${module}`);
  }
}

/** kvm_intel or kvm_amd, from the CPU vendor; plain `kvm` where the vendor is neither (e.g. arm64). */
async function kvmModule(cpuinfoPath: string): Promise<string> {
  const cpuinfo = await readFile(cpuinfoPath, 'utf8').catch(() => '');
  const vendor = /^vendor_id\s*:\s*(\S+)/m.exec(cpuinfo)?.[1];
  if (vendor === 'GenuineIntel') return 'kvm_intel';
  if (vendor === 'AuthenticAMD') return 'kvm_amd';
  return 'kvm';
}
