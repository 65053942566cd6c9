// The kvm, tap and xen-dom0 checks against real and fake device, /proc status and /proc/xen paths.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkKvm, kvmOpenFailure } from '../../../../main/services/toolchain/kvm-check';
import { checkTap, PERSISTENT_TAP_FIX } from '../../../../main/services/toolchain/tap-check';
import { checkXenDom0 } from '../../../../main/services/toolchain/xen-check';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mirador-capabilities-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const cpuinfo = async (vendor: string) => {
  const file = path.join(dir, 'cpuinfo');
  await writeFile(file, `processor\t: 0\nvendor_id\t: ${vendor}\ncpu family\t: 25\n`);
  return file;
};

describe('checkKvm', () => {
  it('reports a device that opens read-write as available', async () => {
    expect(await checkKvm('/dev/null', '/proc/cpuinfo')).toEqual({ name: 'kvm', available: true, detail: '/dev/null opens read-write' });
  });

  it.each([
    ['GenuineIntel', 'kvm_intel'],
    ['AuthenticAMD', 'kvm_amd'],
    ['ARM', 'kvm'],
  ])('for a missing device on a %s CPU, says to load %s', async (vendor, module) => {
    const device = path.join(dir, 'kvm');
    expect(await checkKvm(device, await cpuinfo(vendor))).toEqual({
      name: 'kvm',
      available: false,
      detail: `${device} does not exist: the ${module} module is not loaded, or virtualization (VT-x/AMD-V) is off in the firmware settings`,
      fix: `sudo modprobe ${module}`,
    });
  });

  it('tells a user who may not open /dev/kvm to join the kvm group and log in again', () => {
    expect(kvmOpenFailure('/dev/kvm', 'EACCES', 'permission denied', 'kvm_intel')).toEqual({
      name: 'kvm',
      available: false,
      detail: '/dev/kvm exists but you may not open it read-write (EACCES); after joining the kvm group, log out and in again',
      fix: 'sudo usermod -aG kvm $USER',
    });
  });
});

describe('checkTap', () => {
  const status = async (capEff: string) => {
    const file = path.join(dir, 'status');
    await writeFile(file, `Name:\tnode\nCapInh:\t0000000000000000\nCapPrm:\t${capEff}\nCapEff:\t${capEff}\nCapBnd:\t000001ffffffffff\n`);
    return file;
  };

  it('is available with CAP_NET_ADMIN (bit 12) and a usable tun device', async () => {
    expect(await checkTap(await status('0000000000001000'), '/dev/null')).toEqual({
      name: 'tap',
      available: true,
      detail: 'this process has CAP_NET_ADMIN (CapEff 0000000000001000) and /dev/null opens read-write, so it can create tap devices',
    });
  });

  it('without CAP_NET_ADMIN, says so and how to make a tap once as root', async () => {
    const capability = await checkTap(await status('00000000a80425fb'), '/dev/null');
    expect(capability).toMatchObject({ name: 'tap', available: false, fix: PERSISTENT_TAP_FIX });
    expect(capability.detail).toMatch(/^this process lacks CAP_NET_ADMIN \(CapEff 00000000a80425fb\), so it cannot create tap devices/);
    expect(PERSISTENT_TAP_FIX).toBe('sudo ip tuntap add tap100 mode tap user $USER && sudo ip addr add 10.0.0.1/24 dev tap100 && sudo ip link set dev tap100 up');
  });

  it('asks for the tun module when the tun device is missing', async () => {
    const tun = path.join(dir, 'tun');
    expect(await checkTap(await status('000001ffffffffff'), tun)).toEqual({ name: 'tap', available: false, detail: `${tun} does not exist: the tun module is not loaded`, fix: 'sudo modprobe tun' });
  });
});

describe('checkXenDom0', () => {
  const procXen = (capabilities?: string) => async () => {
    const xen = path.join(dir, 'xen');
    await mkdir(xen);
    if (capabilities !== undefined) await writeFile(path.join(xen, 'capabilities'), capabilities);
    return xen;
  };

  it('is a dom0 when /proc/xen/capabilities says control_d', async () => {
    const xen = await procXen('control_d\n')();
    expect(await checkXenDom0(xen)).toEqual({ name: 'xen-dom0', available: true, detail: `${xen}/capabilities says control_d: this is a Xen dom0` });
  });

  it('is a guest, not dom0, without control_d', async () => {
    const xen = await procXen('')();
    expect(await checkXenDom0(xen)).toMatchObject({ available: false, detail: `${xen}/capabilities lacks control_d: this is a Xen guest (domU), not dom0` });
  });

  it('asks to mount xenfs when /proc/xen is empty', async () => {
    const xen = await procXen()();
    expect(await checkXenDom0(xen)).toMatchObject({ available: false, fix: `sudo mount -t xenfs xenfs ${xen}` });
  });

  it('needs a Xen host when there is no /proc/xen', async () => {
    const xen = path.join(dir, 'no-xen');
    expect(await checkXenDom0(xen)).toEqual({
      name: 'xen-dom0',
      available: false,
      detail: `${xen} does not exist: this machine is not running under Xen`,
      fix: 'boot the machine into a Xen dom0; Xen targets need a Xen host',
    });
  });
});
