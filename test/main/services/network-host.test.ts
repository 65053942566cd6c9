// The network helper's view of the host: tap devices and bridges from a sysfs tree, CAP_NET_ADMIN, forwarding.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capNetAdminFrom, defaultRouteInterface, inspectHostNetwork } from '../../../main/services/network/host-network';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mirador-sysfs-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function netDevice(name: string, files: Record<string, string>, dirs: string[] = []): void {
  const dir = path.join(root, 'net', name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), `${content}\n`);
  for (const sub of dirs) mkdirSync(path.join(dir, sub));
}

describe('inspectHostNetwork', () => {
  it('finds tap and tun devices with their owner, state and bridge, bridges, forwarding and the capability', async () => {
    netDevice('eth0', { flags: '0x1003' });
    netDevice('lo', { flags: '0x9' });
    netDevice('br0', { flags: '0x1003' }, ['bridge']);
    netDevice('tap100', { flags: '0x1003', tun_flags: '0x1002', owner: '1000' });
    netDevice('tap101', { flags: '0x1002', tun_flags: '0x1002', owner: '-1' });
    netDevice('tun0', { flags: '0x10d1', tun_flags: '0x1001', owner: '0' });
    symlinkSync('../br0', path.join(root, 'net', 'tap101', 'master'));
    writeFileSync(path.join(root, 'status'), 'Name:\tnode\nCapEff:\t0000000000001000\n');
    writeFileSync(path.join(root, 'ip_forward'), '1\n');
    writeFileSync(path.join(root, 'tun'), '');
    writeFileSync(path.join(root, 'route'), 'Iface\tDestination\tGateway\nwlan0\t00000000\t0100A8C0\n');
    mkdirSync(path.join(root, 'bin'));
    writeFileSync(path.join(root, 'bin', 'iptables'), '#!/bin/sh\n', { mode: 0o755 });
    const state = await inspectHostNetwork({
      sysClassNet: path.join(root, 'net'),
      procSelfStatus: path.join(root, 'status'),
      ipForward: path.join(root, 'ip_forward'),
      devNetTun: path.join(root, 'tun'),
      procNetRoute: path.join(root, 'route'),
      pathDirs: [path.join(root, 'bin')],
    });
    expect(state.taps).toEqual([
      { name: 'tap100', kind: 'tap', ownerUid: 1000, up: true },
      { name: 'tap101', kind: 'tap', up: false, bridge: 'br0' },
      { name: 'tun0', kind: 'tun', ownerUid: 0, up: true },
    ]);
    expect(state.bridges).toEqual(['br0']);
    expect(state).toMatchObject({ capNetAdmin: true, ipForwarding: true, tunDevice: true, firewall: 'iptables', uplink: 'wlan0' });
  });

  it('says "unknown" rather than guessing when nothing can be read', async () => {
    const state = await inspectHostNetwork({ sysClassNet: path.join(root, 'none'), procSelfStatus: path.join(root, 'none'), ipForward: path.join(root, 'none'), devNetTun: path.join(root, 'none'), procNetRoute: path.join(root, 'none'), pathDirs: [] });
    expect(state).toMatchObject({ taps: [], bridges: [], capNetAdmin: null, ipForwarding: null, tunDevice: false, firewall: 'unknown', uplink: null });
  });

  it('reads this machine without failing, finding its loopback is no tap', async () => {
    const state = await inspectHostNetwork();
    expect(state.taps.some((tap) => tap.name === 'lo')).toBe(false);
    expect(typeof state.tunDevice).toBe('boolean');
  });

  it('reads CAP_NET_ADMIN (bit 12) from CapEff', () => {
    expect(capNetAdminFrom('CapEff:\t000001ffffffffff\n')).toBe(true);
    expect(capNetAdminFrom('CapEff:\t0000000000000000\n')).toBe(false);
    expect(capNetAdminFrom('CapEff:\t0000000000000fff\n')).toBe(false);
    expect(capNetAdminFrom('nothing')).toBeNull();
  });
});

describe('defaultRouteInterface', () => {
  it('finds the interface of the default route in /proc/net/route', () => {
    const routes = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n'
      + 'eth0\t0000A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n'
      + 'eth0\t00000000\t0100A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n';
    expect(defaultRouteInterface(routes)).toBe('eth0');
    expect(defaultRouteInterface('Iface\tDestination\n')).toBeNull();
    expect(defaultRouteInterface(undefined)).toBeNull();
  });
});
