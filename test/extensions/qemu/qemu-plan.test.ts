// The generic qemu target's launch plan: exact argv for each network mode, capture, KVM/TCG choice, gdb, and refusals.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchArguments } from '../../../main/api/launch-protocol';
import { qemuTarget } from '../../../extensions/qemu/qemu-target';
import { testHost, type TestHostOptions } from '../target-test-host';
import { buildKernel, multibootHeader, serialThenExit } from './test-kernels';

const RUN = '/tmp/mirador-run-test';
const QEMU = '/opt/bin/qemu-system-x86_64';

describe('qemu target plan', () => {
  let workspace: string;
  let kernel: string;
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(os.tmpdir(), 'mirador-qemu-plan-'));
    kernel = buildKernel(workspace, 'kernel', multibootHeader() + serialThenExit('M', 0), 32);
  });
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  const host = (options: TestHostOptions = {}) => testHost({ tools: ['qemu-system-x86_64'], workspaceFolder: workspace, runDir: RUN, ...options });
  const plan = (launch: Partial<LaunchArguments>, options: TestHostOptions = {}) =>
    qemuTarget.plan({ target: 'qemu', kernel: 'kernel.elf', noDebug: true, ...launch }, host(options));
  const base = () => [
    '-nodefaults', '-display', 'none', '-no-reboot',
    '-accel', 'tcg',
    '-m', '128',
    '-serial', 'stdio',
    '-qmp', `unix:${RUN}/qmp.sock,server=on,wait=off`,
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
    '-kernel', kernel,
  ];

  it('plans a plain run: serial on stdio, QMP to stop, isa-debug-exit status, no NIC, TCG without KVM', async () => {
    expect(await plan({})).toEqual({
      target: 'qemu',
      command: QEMU,
      args: base(),
      cwd: workspace,
      console: { kind: 'stdio' },
      capture: { kind: 'none' },
      stop: { kind: 'qmp-quit', socket: `${RUN}/qmp.sock` },
      exitStatus: 'isa-debug-exit',
      accelerator: { kind: 'tcg', reason: 'TCG: /dev/kvm exists but you may not open it read-write (EACCES); after joining the kvm group, log out and in again' },
      notes: ['Image: multiboot v1 ELF32.', 'The guest ends the run by writing its status to port 0xf4 (isa-debug-exit); writing 0 is a clean exit.'],
    });
  });

  it('passes memory, initrd and the kernel command line', async () => {
    const result = await plan({ memory: 256, initrd: 'kernel.o', append: 'console=ttyS0 quiet' });
    expect(result.args).toEqual([
      ...base().map((arg) => (arg === '128' ? '256' : arg)),
      '-initrd', path.join(workspace, 'kernel.o'),
      '-append', 'console=ttyS0 quiet',
    ]);
  });

  it('chooses KVM when /dev/kvm opens read-write, and says so', async () => {
    const result = await plan({}, { capabilities: ['kvm'] });
    expect(result.args.slice(4, 6)).toEqual(['-accel', 'kvm']);
    expect(result.accelerator).toEqual({ kind: 'kvm', reason: 'KVM: /dev/kvm opens read-write' });
  });

  it('honours "accel": "tcg" even where KVM works', async () => {
    const result = await plan({ accel: 'tcg' }, { capabilities: ['kvm'] });
    expect(result.args.slice(4, 6)).toEqual(['-accel', 'tcg']);
    expect(result.accelerator).toEqual({ kind: 'tcg', reason: 'TCG: chosen in the run configuration ("accel": "tcg")' });
  });

  it('refuses "accel": "kvm" where KVM cannot be used, with the doctor\'s reason and fix', async () => {
    await expect(plan({ accel: 'kvm' })).rejects.toThrow(
      'KVM was asked for ("accel": "kvm") but cannot be used here: /dev/kvm exists but you may not open it read-write (EACCES); after joining the kvm group, log out and in again. Fix it (sudo usermod -aG kvm $USER), or set "accel" to "auto" or "tcg" to run under TCG (slower).',
    );
  });

  it('user networking: a virtio NIC on a user-mode netdev with host port forwards', async () => {
    const result = await plan({ network: { mode: 'user', hostfwd: ['tcp::8080-:80', 'udp:127.0.0.1:5353-:53'], mac: '52:54:00:12:34:56' } });
    expect(result.args).toEqual([
      ...base(),
      '-netdev', 'user,id=n0,hostfwd=tcp::8080-:80,hostfwd=udp:127.0.0.1:5353-:53',
      '-device', 'virtio-net-pci,netdev=n0,mac=52:54:00:12:34:56',
    ]);
  });

  it('bridge networking: QEMU attaches to the host bridge through qemu-bridge-helper, and the capture mirrors it', async () => {
    const result = await plan({ network: { mode: 'bridge', bridge: 'br0' } });
    expect(result.args).toEqual([...base(), '-netdev', 'bridge,id=n0,br=br0', '-device', 'virtio-net-pci,netdev=n0']);
    await expect(plan({ network: { mode: 'bridge' } })).rejects.toThrow('network.mode is "bridge" but network.bridge names none: set it to a host bridge, e.g. "br0".');
    const captured = await plan({ capture: true, network: { mode: 'bridge', bridge: 'br0' } });
    expect(captured.capture.kind).toBe('qemu-mirror');
  });

  it('tap networking: the named host tap, no scripts, and a note when CAP_NET_ADMIN is missing', async () => {
    const result = await plan({ network: { mode: 'tap', tap: 'tap100' } });
    expect(result.args).toEqual([...base(), '-netdev', 'tap,id=n0,ifname=tap100,script=no,downscript=no', '-device', 'virtio-net-pci,netdev=n0']);
    expect(result.notes).toContain(
      'Tap networking: QEMU opens tap100 itself; without CAP_NET_ADMIN that works only if the device already exists and belongs to you (sudo ip tuntap add tap100 mode tap user $USER).',
    );
    const privileged = await plan({ network: { mode: 'tap', tap: 'tap100' } }, { capabilities: ['tap'] });
    expect(privileged.notes.some((note) => note.startsWith('Tap networking'))).toBe(false);
  });

  it('"network": none attaches no NIC', async () => {
    expect((await plan({ network: { mode: 'none' } })).args).toEqual(base());
  });

  it('capture mirrors the netdev, both directions, to a socket in the run folder the adapter listens on', async () => {
    const result = await plan({ network: { mode: 'user' }, capture: true });
    expect(result.args).toEqual([
      ...base(),
      '-netdev', 'user,id=n0',
      '-device', 'virtio-net-pci,netdev=n0',
      '-chardev', `socket,id=capture0,path=${RUN}/capture.sock`,
      '-object', 'filter-mirror,id=capture-mirror0,netdev=n0,queue=all,outdev=capture0,vnet_hdr_support=on',
    ]);
    expect(result.capture).toEqual({ kind: 'qemu-mirror', socket: `${RUN}/capture.sock` });
    const tap = await plan({ network: { mode: 'tap', tap: 'tap100' }, capture: true });
    expect(tap.capture).toEqual({ kind: 'qemu-mirror', socket: `${RUN}/capture.sock` });
    expect(tap.args).toContain('filter-mirror,id=capture-mirror0,netdev=n0,queue=all,outdev=capture0,vnet_hdr_support=on');
  });

  it('doubles commas in QEMU option values, so a run folder with a comma stays one path', async () => {
    const result = await plan({ network: { mode: 'user' }, capture: true }, { runDir: '/tmp/a,b' });
    expect(result.args).toContain('unix:/tmp/a,,b/qmp.sock,server=on,wait=off');
    expect(result.args).toContain('socket,id=capture0,path=/tmp/a,,b/capture.sock');
    expect(result.stop).toEqual({ kind: 'qmp-quit', socket: '/tmp/a,b/qmp.sock' });
  });

  it('debugging: the CPU waits at the reset vector for gdb on a free local port, as x86-64', async () => {
    const result = await plan({ noDebug: false }, { port: 41234 });
    expect(result.args).toEqual([...base(), '-S', '-gdb', 'tcp:127.0.0.1:41234']);
    expect(result.gdb).toEqual({ host: '127.0.0.1', port: 41234, architecture: 'i386:x86-64' });
    const underKvm = await plan({ noDebug: false }, { capabilities: ['kvm'] });
    expect(underKvm.notes).toContain('Under KVM, software breakpoints can fail in early boot: use hardware breakpoints (hbreak) there.');
  });

  it.each<[Partial<LaunchArguments>, string]>([
    [{ kernel: undefined }, '"kernel" is not set: point it at the image to boot, e.g. "build/kernel.elf".'],
    [{ initrd: 'initrd.cpio' }, `"initrd" names ${'WORKSPACE'}/initrd.cpio, which does not exist: build it first or correct the path.`],
    [{ memory: 0 }, '"memory" must be a whole number of MiB, not 0.'],
    [{ capture: true }, '"capture" needs a network interface to record: set network.mode to "user" or "tap".'],
    [{ network: { mode: 'tap' } }, 'network.mode is "tap" but network.tap names no device: set it to a host tap device, e.g. "tap100" (create one with `sudo ip tuntap add tap100 mode tap user $USER`).'],
    [{ network: { mode: 'user', hostfwd: ['8080:80'] } }, 'network.hostfwd "8080:80" is not a QEMU port forward: write it as "tcp::8080-:80" (protocol:hostaddr:hostport-guestaddr:guestport).'],
    [{ network: { mode: 'user', mac: 'nope' } }, 'network.mac "nope" is not a MAC address: write it as six hex pairs, e.g. "52:54:00:12:34:56".'],
  ])('refuses %j with a clear message', async (launch, message) => {
    await expect(plan(launch)).rejects.toThrow(message.replace('WORKSPACE', workspace));
  });

  it('is available where the doctor found qemu-system-x86_64, and otherwise names the fix', () => {
    expect(qemuTarget.availability(host())).toEqual({ available: true });
    expect(qemuTarget.availability(testHost({ tools: [] }))).toEqual({ available: false, reason: 'no qemu-system-x86_64 on PATH', fix: 'install qemu-system-x86_64' });
    const broken = testHost({ tools: [{ name: 'qemu-system-x86_64', found: true, path: QEMU, problem: '`qemu-system-x86_64 --version` did not answer within 3 s', fix: 'run it in a terminal' }] });
    expect(qemuTarget.availability(broken)).toEqual({ available: false, reason: '`qemu-system-x86_64 --version` did not answer within 3 s', fix: 'run it in a terminal' });
  });
});
