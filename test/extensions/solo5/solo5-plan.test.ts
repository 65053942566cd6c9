// Solo5 hvt and spt: tender argv from the recorded `solo5-elftool query-manifest` output, checked against FACTS.md.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchArguments } from '../../../main/api/launch-protocol';
import type { ToolName } from '../../../main/api/toolchain-protocol';
import { solo5Target } from '../../../extensions/solo5/solo5-target';
import { parseSolo5Manifest } from '../../../extensions/solo5/solo5-manifest';
import { testHost, type TestHostOptions } from '../target-test-host';
import { buildKernel, serialThenExit } from '../qemu/test-kernels';

const WORKSPACE = '/work/app';
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', `query-manifest-${name}.json`), 'utf8');
const SOLO5_TOOLS: ToolName[] = ['solo5-hvt', 'solo5-hvt-debug', 'solo5-spt', 'solo5-elftool'];

/** A host whose solo5-elftool answers with the recorded manifest for `image`. */
function host(image: string, manifest: string, options: TestHostOptions = {}) {
  return testHost({
    tools: SOLO5_TOOLS,
    capabilities: ['kvm'],
    outputs: { [`/opt/bin/solo5-elftool query-manifest ${path.join(WORKSPACE, image)}`]: { stdout: fixture(manifest) } },
    ...options,
  });
}

describe('solo5-elftool query-manifest output', () => {
  it('parses the recorded manifests', () => {
    expect(parseSolo5Manifest(fixture('service'), 'app.hvt')).toEqual([{ name: 'service', type: 'NET_BASIC' }]);
    expect(parseSolo5Manifest(fixture('service-storage'), 'app.hvt')).toEqual([
      { name: 'service', type: 'NET_BASIC' },
      { name: 'storage', type: 'BLOCK_BASIC' },
    ]);
    expect(parseSolo5Manifest(fixture('no-devices'), 'app.hvt')).toEqual([]);
  });

  it('refuses what is not a version 1 Solo5 manifest', () => {
    expect(() => parseSolo5Manifest('solo5-elftool: usage', 'app.hvt')).toThrow('solo5-elftool printed something other than a manifest for app.hvt: solo5-elftool: usage');
    expect(() => parseSolo5Manifest('{"type": "solo5.abi", "target": "hvt", "version": 2}', 'app.hvt')).toThrow(
      'solo5-elftool printed JSON that is not a Solo5 manifest for app.hvt (expected "type": "solo5.manifest" and a "devices" list).',
    );
    expect(() => parseSolo5Manifest('{"type": "solo5.manifest", "version": 1, "devices": [{"name": "x", "type": "PCI_BASIC"}]}', 'app.hvt')).toThrow(
      'The manifest of app.hvt declares device "x" of type PCI_BASIC, which Mirador cannot attach yet (it knows NET_BASIC and BLOCK_BASIC).',
    );
  });
});

describe('hvt and spt plans', () => {
  const hvt = solo5Target('hvt');
  const spt = solo5Target('spt');
  const launch = (fields: Partial<LaunchArguments>): LaunchArguments => ({ target: 'hvt', noDebug: true, ...fields });

  it('hvt: FACTS.md\'s `solo5-hvt --mem=512 --net:service=tap100 -- dist/app.hvt --ipv4=10.0.0.10/24`', async () => {
    const plan = await hvt.plan(
      launch({ kernel: 'dist/app.hvt', memory: 512, network: { mode: 'tap', tap: 'tap100' }, args: ['--ipv4=10.0.0.10/24'] }),
      host('dist/app.hvt', 'service'),
    );
    expect(plan).toEqual({
      target: 'hvt',
      command: '/opt/bin/solo5-hvt',
      args: ['--mem=512', '--net:service=tap100', '--', `${WORKSPACE}/dist/app.hvt`, '--ipv4=10.0.0.10/24'],
      cwd: WORKSPACE,
      console: { kind: 'stdio' },
      capture: { kind: 'none' },
      stop: { kind: 'signal', signal: 'SIGTERM' },
      exitStatus: 'process',
      accelerator: { kind: 'kvm', reason: 'KVM: solo5-hvt always runs on KVM' },
      notes: [],
    });
  });

  it('captures the tap device with tcpdump (hvt and spt), and explains a capture without one', async () => {
    const tapped = await hvt.plan(launch({ kernel: 'dist/app.hvt', network: { mode: 'tap', tap: 'tap100' }, capture: true }), host('dist/app.hvt', 'service'));
    expect(tapped.capture).toEqual({ kind: 'tcpdump', interface: 'tap100' });
    const sandboxed = await spt.plan(launch({ target: 'spt', kernel: 'app.spt', network: { mode: 'tap', tap: 'tap9' }, capture: true }), host('app.spt', 'service'));
    expect(sandboxed.capture).toEqual({ kind: 'tcpdump', interface: 'tap9' });
    const unplugged = await hvt.plan(launch({ kernel: 'dist/app.hvt', capture: true }), host('dist/app.hvt', 'no-devices'));
    expect(unplugged.capture).toEqual({ kind: 'none' });
    expect(unplugged.notes).toContain('"capture" records the host tap device the unikernel uses: attach one with "network": { "mode": "tap", "tap": "tap100" }.');
  });

  it('spt: FACTS.md\'s `solo5-spt --net:service=tap100 -- app.spt`', async () => {
    const plan = await spt.plan(launch({ target: 'spt', kernel: 'app.spt', network: { mode: 'tap', tap: 'tap100' } }), host('app.spt', 'service'));
    expect([plan.command, ...plan.args]).toEqual(['/opt/bin/solo5-spt', '--net:service=tap100', '--', `${WORKSPACE}/app.spt`]);
    expect(plan.stop).toEqual({ kind: 'signal', signal: 'SIGTERM' });
  });

  it('attaches a MAC and block devices in manifest order, resolving paths against the workspace', async () => {
    const plan = await hvt.plan(
      launch({ kernel: 'dist/app.hvt', network: { mode: 'tap', tap: 'tap100', mac: '52:54:00:aa:bb:cc' }, block: [{ name: 'storage', path: 'disk.img' }] }),
      host('dist/app.hvt', 'service-storage'),
    );
    expect(plan.args).toEqual(['--net:service=tap100', '--net-mac:service=52:54:00:aa:bb:cc', `--block:storage=${WORKSPACE}/disk.img`, '--', `${WORKSPACE}/dist/app.hvt`]);
  });

  it('a unikernel without devices needs no device options, and one unnamed block goes to the only block device', async () => {
    expect((await hvt.plan(launch({ kernel: 'hello.hvt', args: ['-l', '*:debug'] }), host('hello.hvt', 'no-devices'))).args).toEqual(['--', `${WORKSPACE}/hello.hvt`, '-l', '*:debug']);
    const storageOnly = '{\n  "type": "solo5.manifest",\n  "version": 1,\n  "devices": [\n    { "name": "storage", "type": "BLOCK_BASIC" }\n  ]\n}\n';
    const plan = await hvt.plan(launch({ kernel: 'fs.hvt', block: [{ path: '/data/fs.img' }] }), testHost({
      tools: SOLO5_TOOLS,
      capabilities: ['kvm'],
      outputs: { [`/opt/bin/solo5-elftool query-manifest ${WORKSPACE}/fs.hvt`]: { stdout: storageOnly } },
    }));
    expect(plan.args).toEqual(['--block:storage=/data/fs.img', '--', `${WORKSPACE}/fs.hvt`]);
  });

  it.each<[Partial<LaunchArguments>, string, string]>([
    [{ network: { mode: 'tap', tap: 'tap100' }, block: [{ path: 'disk.img' }] }, 'service', 'block[0] ("disk.img") has nowhere to go: this image declares no block device; remove it from "block".'],
    [{ network: { mode: 'none' } }, 'service', 'The image\'s manifest declares network device "service" (set "network": { "mode": "tap", "tap": "tap100", "name": "service" }), but the run configuration does not attach it; Solo5 refuses to start until every declared device is attached.'],
    [{}, 'service-storage', 'The image\'s manifest declares network device "service" (set "network": { "mode": "tap", "tap": "tap100", "name": "service" }) and block device "storage" (add { "name": "storage", "path": "disk.img" } to "block"), but the run configuration does not attach them; Solo5 refuses to start until every declared device is attached.'],
    [{ network: { mode: 'user' } }, 'service', 'Solo5 tenders have no user-mode networking: attach a host tap device with "network": { "mode": "tap", "tap": "tap100" }.'],
    [{ network: { mode: 'bridge', bridge: 'br0' } }, 'service', 'Solo5 tenders attach a tap device, not a bridge: create a tap, add it to br0 (sudo ip link set tap100 master br0) and set "network": { "mode": "tap", "tap": "tap100" }.'],
    [{ network: { mode: 'tap', tap: 'tap100', name: 'uplink' } }, 'service', 'network.name "uplink" is not a network device of this image (its manifest declares: service): set network.name to one of them.'],
    [{ network: { mode: 'tap', tap: 'tap100' } }, 'no-devices', 'network.name "service" is not a network device of this image (its manifest declares: none): set network.name to one of them.'],
    [{ network: { mode: 'tap', tap: 'tap100' }, block: [{ name: 'data', path: 'd.img' }] }, 'service-storage', 'block[0].name "data" is not a block device of this image (its manifest declares: storage).'],
    [{ memory: 1.5, network: { mode: 'tap', tap: 'tap100' } }, 'service', '"memory" must be a whole number of MiB, not 1.5.'],
  ])('refuses %j with manifest %s', async (fields, manifest, message) => {
    await expect(hvt.plan(launch({ kernel: 'dist/app.hvt', ...fields }), host('dist/app.hvt', manifest))).rejects.toThrow(message);
  });

  it('debugs hvt with solo5-hvt-debug --gdb on a free port, and says what its stub can do', async () => {
    const plan = await hvt.plan(launch({ kernel: 'dist/app.hvt', noDebug: false, network: { mode: 'tap', tap: 'tap100' } }), host('dist/app.hvt', 'service', { port: 1234 }));
    expect([plan.command, ...plan.args]).toEqual(['/opt/bin/solo5-hvt-debug', '--gdb', '--gdb-port=1234', '--net:service=tap100', '--', `${WORKSPACE}/dist/app.hvt`]);
    expect(plan.gdb).toEqual({ host: '127.0.0.1', port: 1234, architecture: 'i386:x86-64' });
    expect(plan.notes).toEqual(["solo5-hvt-debug's gdb stub waits for gdb before the unikernel starts; it offers 4 hardware breakpoints and no thread support (Linux/KVM x86_64 only)."]);
  });

  it('refuses to debug hvt without solo5-hvt-debug', async () => {
    const withoutDebugTender = host('dist/app.hvt', 'no-devices', { tools: ['solo5-hvt', 'solo5-elftool'] });
    await expect(hvt.plan(launch({ kernel: 'dist/app.hvt', noDebug: false }), withoutDebugTender)).rejects.toThrow(
      'solo5-hvt-debug is needed to debug an hvt unikernel (or launch with "noDebug": true) (no solo5-hvt-debug on PATH). Fix: install solo5-hvt-debug',
    );
  });

  it('debugs spt by running solo5-spt under gdbserver, with the tender as the loader of the image', async () => {
    const plan = await spt.plan(launch({ target: 'spt', kernel: 'app.spt', noDebug: false, args: ['--hello=1'] }), host('app.spt', 'no-devices', { tools: [...SOLO5_TOOLS, 'gdbserver'], port: 4321 }));
    expect([plan.command, ...plan.args]).toEqual(['/opt/bin/gdbserver', '--once', '127.0.0.1:4321', '/opt/bin/solo5-spt', '--', `${WORKSPACE}/app.spt`, '--hello=1']);
    expect(plan.gdb).toEqual({ host: '127.0.0.1', port: 4321, loader: '/opt/bin/solo5-spt' });
    expect(plan.exitStatus).toBe('gdbserver');
    expect(plan.notes).toEqual(['spt under gdbserver: solo5-spt starts stopped; the unikernel is mapped once it runs, so breakpoints in it are hardware ones (4 at most).']);
  });

  it('refuses to debug spt without gdbserver, and names the package', async () => {
    await expect(spt.plan(launch({ target: 'spt', kernel: 'app.spt', noDebug: false }), host('app.spt', 'no-devices'))).rejects.toThrow(
      'gdbserver is needed to debug an spt unikernel (or launch with "noDebug": true) (no gdbserver on PATH). Fix: install gdbserver',
    );
  });

  it("reports solo5-elftool's complaint when the image has no manifest", async () => {
    const noManifest = testHost({
      tools: SOLO5_TOOLS,
      capabilities: ['kvm'],
      outputs: { [`/opt/bin/solo5-elftool query-manifest ${WORKSPACE}/a.hvt`]: { stdout: '', stderr: `solo5-elftool: ${WORKSPACE}/a.hvt: No Solo5 manifest found in executable\n`, code: 1 } },
    });
    await expect(hvt.plan(launch({ kernel: 'a.hvt' }), noManifest)).rejects.toThrow(
      `solo5-elftool could not read the manifest of ${WORKSPACE}/a.hvt (solo5-elftool: ${WORKSPACE}/a.hvt: No Solo5 manifest found in executable): is it a Solo5 unikernel? Build it with mirage configure -t hvt or -t spt.`,
    );
  });

  it('availability: the tender from the doctor, and KVM for hvt', () => {
    expect(hvt.availability(testHost({ tools: SOLO5_TOOLS, capabilities: ['kvm'] }))).toEqual({ available: true });
    expect(hvt.availability(testHost({ tools: [] }))).toEqual({ available: false, reason: 'no solo5-hvt on PATH', fix: 'install solo5-hvt' });
    expect(hvt.availability(testHost({ tools: SOLO5_TOOLS }))).toEqual({
      available: false,
      reason: 'solo5-hvt needs KVM: /dev/kvm exists but you may not open it read-write (EACCES); after joining the kvm group, log out and in again',
      fix: 'sudo usermod -aG kvm $USER',
    });
    expect(spt.availability(testHost({ tools: SOLO5_TOOLS }))).toEqual({ available: true });
  });
});

describe('Solo5 image checks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mirador-solo5-images-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts an ELF64 image, refuses another target\'s build, ELF32 and non-ELF files', async () => {
    const hvt = solo5Target('hvt');
    const image64 = buildKernel(dir, 'app64', serialThenExit('x', 0), 64, 'elf', path.join(dir, 'app.hvt'));
    expect(await hvt.validateImage(image64, testHost())).toBeNull();
    const spt = buildKernel(dir, 'spt64', serialThenExit('x', 0), 64, 'elf', path.join(dir, 'app.spt'));
    expect(await hvt.validateImage(spt, testHost())).toBe(`${spt} is built for spt, not hvt: run \`mirage configure -t hvt\` and build again, or pick the spt target.`);
    const image32 = buildKernel(dir, 'app32', serialThenExit('x', 0), 32, 'elf', path.join(dir, 'app32.hvt'));
    expect(await hvt.validateImage(image32, testHost())).toBe(`${image32} is an ELF32 file; Solo5 hvt unikernels are ELF64: build it with \`mirage configure -t hvt\`.`);
    const flat = buildKernel(dir, 'flat', serialThenExit('x', 0), 32, 'binary', path.join(dir, 'flat.hvt'));
    expect(await hvt.validateImage(flat, testHost())).toBe(`${flat} is not an ELF file, so it is no Solo5 unikernel: point "kernel" at the hvt image in dist/.`);
    expect(await hvt.validateImage(path.join(dir, 'none.hvt'), testHost())).toBe(`${path.join(dir, 'none.hvt')} does not exist: build the project first, or point "kernel" at the built image.`);
  });
});
