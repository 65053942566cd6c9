// The `tap` capability: can this process create tap devices (CAP_NET_ADMIN) through /dev/net/tun?
import { open, readFile } from 'node:fs/promises';
import type { CapabilityStatus } from '../../api/toolchain-protocol';

const CAP_NET_ADMIN_BIT = 12n;
/** A tap made once by root for the user needs no capability afterwards; the addresses are the ones FACTS.md's guests use. */
export const PERSISTENT_TAP_FIX = 'sudo ip tuntap add tap100 mode tap user $USER && sudo ip addr add 10.0.0.1/24 dev tap100 && sudo ip link set dev tap100 up';

export async function checkTap(procSelfStatus: string, devNetTun: string): Promise<CapabilityStatus> {
  const unavailable = (detail: string, fix: string): CapabilityStatus => ({ name: 'tap', available: false, detail, fix });
  try {
    await (await open(devNetTun, 'r+')).close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return unavailable(`${devNetTun} does not exist: the tun module is not loaded`, 'sudo modprobe tun');
    if (code === 'EACCES' || code === 'EPERM') return unavailable(`${devNetTun} exists but you may not open it read-write (${code})`, `sudo chmod 0666 ${devNetTun}`);
    return unavailable(`${devNetTun} could not be opened read-write: ${(error as Error).message}`, 'sudo modprobe tun');
  }
  const status = await readFile(procSelfStatus, 'utf8').catch(() => '');
  const capEff = /^CapEff:\s*([0-9a-fA-F]+)\s*$/m.exec(status)?.[1];
  if (capEff === undefined) return unavailable(`could not read CapEff from ${procSelfStatus}, so CAP_NET_ADMIN is unknown; a tap made for you beforehand still works`, PERSISTENT_TAP_FIX);
  if (((BigInt(`0x${capEff}`) >> CAP_NET_ADMIN_BIT) & 1n) === 1n) {
    return { name: 'tap', available: true, detail: `this process has CAP_NET_ADMIN (CapEff ${capEff}) and ${devNetTun} opens read-write, so it can create tap devices` };
  }
  return unavailable(
    `this process lacks CAP_NET_ADMIN (CapEff ${capEff}), so it cannot create tap devices; a tap made for you beforehand still works, or give the VMM the capability: sudo setcap cap_net_admin+ep $(command -v qemu-system-x86_64)`,
    PERSISTENT_TAP_FIX,
  );
}
