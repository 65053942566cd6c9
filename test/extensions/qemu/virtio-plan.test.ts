// The virtio target: exact QEMU argv for a Solo5 virtio image (one NIC, one disk, -append ARGS), and a real TCG boot.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchArguments } from '../../../main/api/launch-protocol';
import { virtioTarget } from '../../../extensions/qemu/virtio-target';
import { testHost, type TestHostOptions } from '../target-test-host';
import { addressFieldsKernel, buildKernel, solo5VirtioExit } from './test-kernels';

const RUN = '/tmp/mirador-run-test';

describe('virtio target plan', () => {
  let workspace: string;
  let image: string;
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(os.tmpdir(), 'mirador-virtio-plan-'));
    await mkdir(path.join(workspace, 'dist'));
    image = buildKernel(workspace, 'hello', addressFieldsKernel(0, solo5VirtioExit('Solo5: solo5_exit(0) called\n')), 32, 'binary', path.join(workspace, 'dist', 'hello.virtio'));
    await writeFile(path.join(workspace, 'disk.img'), Buffer.alloc(4096));
  });
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  const host = (options: TestHostOptions = {}) => testHost({ tools: ['qemu-system-x86_64'], workspaceFolder: workspace, runDir: RUN, ...options });
  const plan = (launch: Partial<LaunchArguments>, options: TestHostOptions = {}) =>
    virtioTarget.plan({ target: 'virtio', kernel: 'dist/hello.virtio', noDebug: true, ...launch }, host(options));

  it('boots the image with -kernel and the unikernel arguments as -append, one virtio NIC and one virtio disk', async () => {
    const result = await plan({ args: ['--ipv4=10.0.0.10/24', '--ipv4-gateway=10.0.0.1'], block: [{ path: 'disk.img' }] });
    expect(result.command).toBe('/opt/bin/qemu-system-x86_64');
    expect(result.args).toEqual([
      '-nodefaults', '-display', 'none', '-no-reboot',
      '-accel', 'tcg',
      '-cpu', 'Westmere', '-machine', 'acpi=off',
      '-m', '128',
      '-serial', 'stdio',
      '-qmp', `unix:${RUN}/qmp.sock,server=on,wait=off`,
      '-device', 'isa-debug-exit,iobase=0x501,iosize=0x02',
      '-kernel', image,
      '-append', '--ipv4=10.0.0.10/24 --ipv4-gateway=10.0.0.1',
      '-netdev', 'user,id=n0',
      '-device', 'virtio-net-pci,netdev=n0',
      '-drive', `file=${path.join(workspace, 'disk.img')},if=virtio,format=raw`,
    ]);
    expect(result.exitStatus).toBe('solo5-virtio');
    expect(result.notes).toEqual([
      'Image: multiboot v1 (address fields).',
      "Solo5 on virtio reports every exit the same way (QEMU status 83, debug-exit value 41): the unikernel's own exit code is not passed through.",
    ]);
  });

  it('uses the host CPU under KVM and a tap NIC when asked', async () => {
    const result = await plan({ network: { mode: 'tap', tap: 'tap100' } }, { capabilities: ['kvm', 'tap'] });
    expect(result.args.slice(4, 10)).toEqual(['-accel', 'kvm', '-cpu', 'host', '-machine', 'acpi=off']);
    expect(result.args.slice(-4)).toEqual(['-netdev', 'tap,id=n0,ifname=tap100,script=no,downscript=no', '-device', 'virtio-net-pci,netdev=n0']);
  });

  it('attaches no NIC with "network": none, and debugs through QEMU\'s gdb stub', async () => {
    const result = await plan({ network: { mode: 'none' }, noDebug: false });
    expect(result.args.slice(-5)).toEqual(['-kernel', image, '-S', '-gdb', 'tcp:127.0.0.1:40123']);
    expect(result.gdb).toEqual({ host: '127.0.0.1', port: 40123, architecture: 'i386:x86-64' });
  });

  it.each<[Partial<LaunchArguments>, string]>([
    [{ block: [{ path: 'disk.img' }, { path: 'disk.img' }] }, 'Solo5 on virtio supports one disk, but "block" lists 2: keep one.'],
    [{ args: ['--name=two words'] }, 'The unikernel argument "--name=two words" contains a space, which the virtio command line cannot carry: pass it without spaces.'],
    [{ kernel: undefined }, '"kernel" is not set: point it at the image to boot, e.g. "dist/hello.virtio".'],
  ])('refuses %j', async (launch, message) => {
    await expect(plan(launch)).rejects.toThrow(message);
  });

  it.skipIf(!existsSync('/usr/bin/qemu-system-x86_64'))('runs under real QEMU: the Solo5-style exit ends the run with status 83', async () => {
    const result = await plan({ network: { mode: 'none' } }, { tools: [{ name: 'qemu-system-x86_64', found: true, path: '/usr/bin/qemu-system-x86_64' }], runDir: workspace });
    const child = spawn(result.command, result.args, { cwd: result.cwd });
    let stdout = '';
    child.stdout.setEncoding('latin1').on('data', (text: string) => (stdout += text));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stdout).toBe('Solo5: solo5_exit(0) called\n');
    expect(status).toBe(83);
  });
});
