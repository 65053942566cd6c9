// The `xen` target: writes the domain's .xl config into the run folder, boots it with `xl create -c`, stops it with `xl destroy`.
import path from 'node:path';
import type { CaptureSource, LaunchArguments, LaunchPlan } from '../../main/api/launch-protocol';
import type { TargetHost, TargetProvider } from '../../main/api/target-provider-api';
import { xenAvailability, xlTool } from './xen-availability';
import { checkXenImage } from './xen-image-check';
import { xlConfig, type XlDomain } from './xl-config';

/** `mirage configure -t xen` gives domains 256 MiB. */
const DEFAULT_XEN_MEMORY_MIB = 256;
const DEFAULT_BRIDGE = 'xenbr0';
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/** The domain is named after the image (`dist/hello.xen` → `hello`), restricted to what xl accepts. */
export function xenDomainName(kernel: string): string {
  const base = path.basename(kernel).replace(/\.xen$/, '');
  const name = base.replace(/[^A-Za-z0-9_.-]/g, '-');
  return name === '' ? 'unikernel' : name;
}

/** Xen guests join a host bridge: `"mode": "bridge"` with `network.bridge` (default xenbr0); `network.tap` is read as the bridge too. */
function vifs(launch: LaunchArguments): XlDomain['vifs'] {
  const network = launch.network;
  if (network?.mode === 'none') return [];
  if (network?.mode === 'user') {
    throw new Error(`Xen has no user-mode networking: set "network": { "mode": "bridge", "bridge": "${DEFAULT_BRIDGE}" } to join a host bridge, or "mode": "none".`);
  }
  if (network?.mac !== undefined && !MAC.test(network.mac)) throw new Error(`network.mac "${network.mac}" is not a MAC address: write it as six hex pairs, e.g. "00:16:3e:12:34:56".`);
  return [{ bridge: network?.bridge || network?.tap || DEFAULT_BRIDGE, ...(network?.mac ? { mac: network.mac } : {}) }];
}

async function planXen(launch: LaunchArguments, host: TargetHost): Promise<LaunchPlan> {
  if (!launch.kernel) throw new Error('"kernel" is not set: point it at the unikernel image, e.g. "dist/hello.xen".');
  const kernel = path.resolve(host.workspaceFolder, launch.kernel);
  const memory = launch.memory ?? DEFAULT_XEN_MEMORY_MIB;
  if (!Number.isInteger(memory) || memory <= 0) throw new Error(`"memory" must be a whole number of MiB, not ${String(launch.memory)}.`);
  const name = xenDomainName(kernel);
  const words = [...(launch.append ? [launch.append] : []), ...(launch.args ?? [])];
  const config = xlConfig({
    name,
    kernel,
    memory,
    cmdline: words.length > 0 ? words.join(' ') : undefined,
    vifs: vifs(launch),
    disks: (launch.block ?? []).map((block) => path.resolve(host.workspaceFolder, block.path)),
  });
  const configFile = path.join(host.runDir, `${name}.xl`);
  const xl = xlTool(host)?.path ?? 'xl';
  const notes = [`xl create -c attaches the domain's console; the run ends when the domain does. Stopping runs xl destroy ${name}.`];
  if (launch.noDebug !== true) notes.push('Xen domains have no gdb stub here: running without a debugger (use the hvt or qemu target to debug).');
  // The domain's own vif is named after a domain id only known once it runs: record the bridge it joins.
  const bridge = vifs(launch)[0]?.bridge;
  let capture: CaptureSource = { kind: 'none' };
  if (launch.capture && bridge) {
    capture = { kind: 'tcpdump', interface: bridge };
    notes.push(`Capture records the bridge ${bridge}: it shows the traffic of every domain on it, not only this one.`);
  } else if (launch.capture) notes.push('"capture" needs a network: set "network": { "mode": "bridge", "bridge": "xenbr0" } to join a bridge.');
  return {
    target: 'xen',
    command: xl,
    args: ['create', '-c', configFile],
    cwd: launch.cwd ? path.resolve(host.workspaceFolder, launch.cwd) : host.workspaceFolder,
    console: { kind: 'stdio' },
    capture,
    stop: { kind: 'command', command: xl, args: ['destroy', name] },
    exitStatus: 'process',
    accelerator: { kind: 'none', reason: 'Xen: a PVH domain on the Xen hypervisor' },
    files: [{ path: configFile, content: config }],
    notes,
  };
}

export const xenTarget: TargetProvider = {
  id: 'xen',
  label: 'Xen (PVH)',
  description: 'A MirageOS Xen unikernel (mirage configure -t xen) booted as a PVH domain with xl in a Xen dom0.',
  availability: xenAvailability,
  validateImage: (imagePath) => checkXenImage(imagePath),
  plan: planXen,
};
