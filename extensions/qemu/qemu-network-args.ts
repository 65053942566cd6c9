// QEMU's networking for a launch: no NIC, user-mode (with host port forwards), a host tap or a host bridge, plus an optional live capture.
import path from 'node:path';
import type { CaptureSource, NetworkArguments } from '../../main/api/launch-protocol';
import { qemuOptionValue } from './qemu-option-value';

export interface QemuNetwork {
  args: string[];
  capture: CaptureSource;
}

/** The one netdev every launch uses; the capture filter attaches to it. */
const NETDEV_ID = 'n0';
/** The socket chardev filter-mirror writes to; the debug adapter listens on its path before QEMU starts. */
const CAPTURE_CHARDEV_ID = 'capture0';
const HOSTFWD = /^(tcp|udp)?:[0-9.]*:\d{1,5}-[0-9.]*:\d{1,5}$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
/** Linux interface names are at most 15 bytes (IFNAMSIZ 16 with the NUL). */
const TAP_NAME = /^[A-Za-z0-9_.-]{1,15}$/;

function netdev(network: NetworkArguments): string {
  if (network.mode === 'user') {
    const forwards = network.hostfwd ?? [];
    const bad = forwards.find((forward) => !HOSTFWD.test(forward));
    if (bad !== undefined) {
      throw new Error(`network.hostfwd "${bad}" is not a QEMU port forward: write it as "tcp::8080-:80" (protocol:hostaddr:hostport-guestaddr:guestport).`);
    }
    return [`user,id=${NETDEV_ID}`, ...forwards.map((forward) => `hostfwd=${forward}`)].join(',');
  }
  if (network.mode === 'bridge') {
    const bridge = network.bridge;
    if (bridge === undefined || bridge === '') throw new Error('network.mode is "bridge" but network.bridge names none: set it to a host bridge, e.g. "br0".');
    if (!TAP_NAME.test(bridge)) throw new Error(`network.bridge "${bridge}" is not a network interface name (up to 15 letters, digits, "_", "-" or ".").`);
    // qemu-bridge-helper makes a tap on the bridge; it must be allowed there (/etc/qemu/bridge.conf: `allow br0`).
    return `bridge,id=${NETDEV_ID},br=${bridge}`;
  }
  const tap = network.tap;
  if (tap === undefined || tap === '') {
    throw new Error('network.mode is "tap" but network.tap names no device: set it to a host tap device, e.g. "tap100" (create one with `sudo ip tuntap add tap100 mode tap user $USER`).');
  }
  if (!TAP_NAME.test(tap)) throw new Error(`network.tap "${tap}" is not a network interface name (up to 15 letters, digits, "_", "-" or ".").`);
  return `tap,id=${NETDEV_ID},ifname=${tap},script=no,downscript=no`;
}

export function qemuNetworkArgs(network: NetworkArguments | undefined, capture: boolean, runDir: string): QemuNetwork {
  if (network === undefined || network.mode === 'none') {
    if (capture) throw new Error('"capture" needs a network interface to record: set network.mode to "user" or "tap".');
    return { args: [], capture: { kind: 'none' } };
  }
  if (network.mode !== 'user' && network.mode !== 'tap' && network.mode !== 'bridge') {
    throw new Error(`network.mode "${String(network.mode)}" is not one of "user", "tap", "bridge" or "none".`);
  }
  if (network.mac !== undefined && !MAC.test(network.mac)) {
    throw new Error(`network.mac "${network.mac}" is not a MAC address: write it as six hex pairs, e.g. "52:54:00:12:34:56".`);
  }
  const device = [`virtio-net-pci,netdev=${NETDEV_ID}`, ...(network.mac ? [`mac=${network.mac}`] : [])].join(',');
  const args = ['-netdev', netdev(network), '-device', device];
  if (!capture) return { args, capture: { kind: 'none' } };
  // filter-mirror rather than filter-dump: frames reach the adapter as they are sent, not when QEMU flushes a file.
  // queue=all records both directions, the same for user and tap networking, and needs no privileges. A tap netdev's
  // packets start with a virtio-net header: vnet_hdr_support=on makes QEMU send its length, so the reader can cut it off.
  const socket = path.join(runDir, 'capture.sock');
  args.push('-chardev', `socket,id=${CAPTURE_CHARDEV_ID},path=${qemuOptionValue(socket)}`);
  args.push('-object', `filter-mirror,id=capture-mirror0,netdev=${NETDEV_ID},queue=all,outdev=${CAPTURE_CHARDEV_ID},vnet_hdr_support=on`);
  return { args, capture: { kind: 'qemu-mirror', socket } };
}
