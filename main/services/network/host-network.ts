// What the network helper needs to know about this host: tap devices and bridges (sysfs), CAP_NET_ADMIN, forwarding.
import { readFile, readdir, readlink, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { HostNetworkState, HostTapDevice } from '../../api/project-protocol';
import { pathDirsFromEnv, searchPath } from '../toolchain/executable-search';

/** From linux/if_tun.h and linux/if.h. */
const IFF_TUN = 0x0001;
const IFF_TAP = 0x0002;
const IFF_UP = 0x0001;
const CAP_NET_ADMIN_BIT = 12n;

/** Every path has the real machine as its default; tests point them at a fake sysfs. */
export interface HostNetworkPaths {
  sysClassNet?: string;
  procSelfStatus?: string;
  ipForward?: string;
  devNetTun?: string;
  procNetRoute?: string;
  pathDirs?: string[];
}

const readText = (file: string) => readFile(file, 'utf8').then((text) => text.trim(), () => undefined);
const exists = (file: string) => stat(file).then(() => true, () => false);

function hexNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number.parseInt(text, 16);
  return Number.isNaN(value) ? undefined : value;
}

async function tapDevice(netDir: string, name: string): Promise<HostTapDevice | undefined> {
  const dir = path.join(netDir, name);
  // Only tun/tap interfaces have tun_flags (the TUNSETIFF flags they were created with).
  const tunFlags = hexNumber(await readText(path.join(dir, 'tun_flags')));
  if (tunFlags === undefined || (tunFlags & (IFF_TUN | IFF_TAP)) === 0) return undefined;
  const owner = Number(await readText(path.join(dir, 'owner')));
  const flags = hexNumber(await readText(path.join(dir, 'flags'))) ?? 0;
  const master = await readlink(path.join(dir, 'master')).then((link) => path.basename(link), () => undefined);
  return {
    name,
    kind: (tunFlags & IFF_TAP) !== 0 ? 'tap' : 'tun',
    ...(Number.isInteger(owner) && owner >= 0 ? { ownerUid: owner } : {}),
    up: (flags & IFF_UP) !== 0,
    ...(master ? { bridge: master } : {}),
  };
}

export function capNetAdminFrom(status: string | undefined): boolean | null {
  const capEff = status === undefined ? undefined : /^CapEff:\s*([0-9a-fA-F]+)\s*$/m.exec(status)?.[1];
  return capEff === undefined ? null : ((BigInt(`0x${capEff}`) >> CAP_NET_ADMIN_BIT) & 1n) === 1n;
}

/** /proc/net/route lists `Iface Destination ...` in hex; the default route has destination 00000000. */
export function defaultRouteInterface(routes: string | undefined): string | null {
  for (const line of (routes ?? '').split('\n').slice(1)) {
    const [iface, destination] = line.trim().split(/\s+/);
    if (iface && destination === '00000000') return iface;
  }
  return null;
}

export async function inspectHostNetwork(paths: HostNetworkPaths = {}): Promise<HostNetworkState> {
  const {
    sysClassNet = '/sys/class/net',
    procSelfStatus = '/proc/self/status',
    ipForward = '/proc/sys/net/ipv4/ip_forward',
    devNetTun = '/dev/net/tun',
    procNetRoute = '/proc/net/route',
    pathDirs = pathDirsFromEnv(process.env),
  } = paths;
  const names = (await readdir(sysClassNet).catch(() => [] as string[])).sort();
  const taps = (await Promise.all(names.map((name) => tapDevice(sysClassNet, name)))).filter((tap): tap is HostTapDevice => tap !== undefined);
  const bridges = (await Promise.all(names.map(async (name) => ((await exists(path.join(sysClassNet, name, 'bridge'))) ? name : undefined)))).filter(
    (name): name is string => name !== undefined,
  );
  const forwarding = await readText(ipForward);
  const [nft, iptables] = await Promise.all([searchPath('nft', pathDirs), searchPath('iptables', pathDirs)]);
  let userName: string | null = null;
  try {
    userName = os.userInfo().username;
  } catch {
    userName = null;
  }
  return {
    taps,
    bridges,
    capNetAdmin: capNetAdminFrom(await readText(procSelfStatus)),
    ipForwarding: forwarding === undefined ? null : forwarding === '1',
    tunDevice: await exists(devNetTun),
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    userName,
    uplink: defaultRouteInterface(await readText(procNetRoute)),
    firewall: nft.kind === 'found' ? 'nftables' : iptables.kind === 'found' ? 'iptables' : 'unknown',
  };
}
