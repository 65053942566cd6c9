// Maps the devices an image's manifest declares to tender options (--net:, --net-mac:, --block:), or says what is missing.
import path from 'node:path';
import type { LaunchArguments } from '../../main/api/launch-protocol';
import type { Solo5Device } from './solo5-manifest';

const TAP_NAME = /^[A-Za-z0-9_.-]{1,15}$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

function names(devices: Solo5Device[]): string {
  return devices.length > 0 ? devices.map((device) => device.name).join(', ') : 'none';
}

/** The manifest's network device the run configuration's `network` attaches, if any. */
function attachedNetwork(nets: Solo5Device[], launch: LaunchArguments): { device: string; tap: string; mac?: string } | null {
  const network = launch.network;
  if (network === undefined || network.mode === 'none') return null;
  if (network.mode === 'user') {
    throw new Error('Solo5 tenders have no user-mode networking: attach a host tap device with "network": { "mode": "tap", "tap": "tap100" }.');
  }
  if (network.mode === 'bridge') {
    throw new Error(`Solo5 tenders attach a tap device, not a bridge: create a tap, add it to ${network.bridge ?? 'the bridge'} (sudo ip link set tap100 master ${network.bridge ?? 'br0'}) and set "network": { "mode": "tap", "tap": "tap100" }.`);
  }
  if (!network.tap) throw new Error('network.mode is "tap" but network.tap names no device: set it to a host tap device, e.g. "tap100".');
  if (!TAP_NAME.test(network.tap)) throw new Error(`network.tap "${network.tap}" is not a network interface name (up to 15 letters, digits, "_", "-" or ".").`);
  if (network.mac !== undefined && !MAC.test(network.mac)) throw new Error(`network.mac "${network.mac}" is not a MAC address: write it as six hex pairs, e.g. "52:54:00:12:34:56".`);
  const device = network.name ?? (nets.length === 1 ? nets[0]!.name : 'service');
  if (!nets.some((net) => net.name === device)) {
    throw new Error(`network.name "${device}" is not a network device of this image (its manifest declares: ${names(nets)}): set network.name to one of them.`);
  }
  return { device, tap: network.tap, mac: network.mac };
}

/** `workspaceFolder` resolves relative block paths. Devices come out in manifest order, as the tender lists them. */
export function solo5DeviceArgs(devices: Solo5Device[], launch: LaunchArguments, workspaceFolder: string): string[] {
  const nets = devices.filter((device) => device.type === 'NET_BASIC');
  const disks = devices.filter((device) => device.type === 'BLOCK_BASIC');
  const network = attachedNetwork(nets, launch);
  const blocks = new Map<string, string>();
  (launch.block ?? []).forEach((block, index) => {
    if (disks.length === 0) throw new Error(`block[${index}] ("${block.path}") has nowhere to go: this image declares no block device; remove it from "block".`);
    const name = block.name ?? (disks.length === 1 ? disks[0]!.name : undefined);
    if (name === undefined) throw new Error(`block[${index}] has no "name": this image declares the block devices ${names(disks)}; name the one "${block.path}" is for.`);
    if (!disks.some((disk) => disk.name === name)) {
      throw new Error(`block[${index}].name "${name}" is not a block device of this image (its manifest declares: ${names(disks)}).`);
    }
    blocks.set(name, path.resolve(workspaceFolder, block.path));
  });
  const args: string[] = [];
  const missing: string[] = [];
  for (const device of devices) {
    if (device.type === 'NET_BASIC') {
      if (network?.device !== device.name) {
        missing.push(`network device "${device.name}" (set "network": { "mode": "tap", "tap": "tap100", "name": "${device.name}" })`);
        continue;
      }
      args.push(`--net:${device.name}=${network.tap}`);
      if (network.mac) args.push(`--net-mac:${device.name}=${network.mac}`);
    } else {
      const file = blocks.get(device.name);
      if (file === undefined) {
        missing.push(`block device "${device.name}" (add { "name": "${device.name}", "path": "disk.img" } to "block")`);
        continue;
      }
      args.push(`--block:${device.name}=${file}`);
    }
  }
  if (missing.length > 0) {
    throw new Error(`The image's manifest declares ${missing.join(' and ')}, but the run configuration does not attach ${missing.length > 1 ? 'them' : 'it'}; Solo5 refuses to start until every declared device is attached.`);
  }
  return args;
}
