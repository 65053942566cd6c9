// The `xen-dom0` capability: is this machine a Xen dom0, the only place `xl create` can start a unikernel?
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CapabilityStatus } from '../../api/toolchain-protocol';

export const XEN_HOST_FIX = 'boot the machine into a Xen dom0; Xen targets need a Xen host';

export async function checkXenDom0(procXen: string): Promise<CapabilityStatus> {
  const unavailable = (detail: string, fix: string): CapabilityStatus => ({ name: 'xen-dom0', available: false, detail, fix });
  const exists = await stat(procXen).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!exists) return unavailable(`${procXen} does not exist: this machine is not running under Xen`, XEN_HOST_FIX);
  const capabilitiesFile = path.join(procXen, 'capabilities');
  let capabilities: string;
  try {
    capabilities = await readFile(capabilitiesFile, 'utf8');
  } catch {
    return unavailable(`${procXen} exists but ${capabilitiesFile} cannot be read: xenfs is not mounted`, `sudo mount -t xenfs xenfs ${procXen}`);
  }
  if (/\bcontrol_d\b/.test(capabilities)) return { name: 'xen-dom0', available: true, detail: `${capabilitiesFile} says control_d: this is a Xen dom0` };
  return unavailable(`${capabilitiesFile} lacks control_d: this is a Xen guest (domU), not dom0`, 'run Mirador in dom0; only dom0 can create Xen domains');
}
