// Real QEMU (TCG): the planned argv boots a multiboot kernel assembled here, its serial line and exit status come back,
// QMP stops a guest that would run forever, and capture connects QEMU's mirror to the socket the adapter listens on.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchArguments, LaunchPlan } from '../../../main/api/launch-protocol';
import { QemuMirrorCapture } from '../../../main/services/capture/qemu-mirror-capture';
import { createLaunchHost, type LaunchHost } from '../../../main/debug/targets/target-host';
import { TargetRegistry } from '../../../main/debug/targets/target-registry';
import { testDoctor } from '../target-test-host';
import { buildKernel, multibootHeader, serialThenExit } from './test-kernels';

const QEMU = '/usr/bin/qemu-system-x86_64';
const hasQemu = existsSync(QEMU);

interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Every VMM the tests start, so a failing test cannot leave one running. */
const children: ReturnType<typeof spawn>[] = [];

function start(plan: LaunchPlan) {
  const child = spawn(plan.command, plan.args, { cwd: plan.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('latin1').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const done = new Promise<Run>((resolve) => child.on('close', (status) => resolve({ stdout, stderr, status })));
  return { child, done, output: () => stdout };
}

/** The isa-debug-exit mapping the plan announces: QEMU exits (value << 1) | 1. */
function guestStatus(status: number | null): number | null {
  return status !== null && status % 2 === 1 ? (status - 1) / 2 : status;
}

async function qmpQuit(socket: string): Promise<void> {
  const client = net.createConnection(socket);
  await new Promise((resolve, reject) => client.once('connect', resolve).once('error', reject));
  client.write('{"execute":"qmp_capabilities"}\n{"execute":"quit"}\n');
  client.on('error', () => {});
}

describe.skipIf(!hasQemu)('qemu target under real QEMU (TCG)', () => {
  let workspace: string;
  const hosts: LaunchHost[] = [];
  const registry = TargetRegistry.builtin();
  const doctor = testDoctor({ tools: [{ name: 'qemu-system-x86_64', found: true, path: QEMU, version: '7.2.22' }] });

  beforeAll(async () => {
    workspace = await mkdtemp(path.join(os.tmpdir(), 'mirador-qemu-smoke-'));
    buildKernel(workspace, 'hello', multibootHeader() + serialThenExit('hello from the guest\n', 0), 32);
    buildKernel(workspace, 'failing', multibootHeader() + serialThenExit('failing\n', 5), 32);
    buildKernel(workspace, 'forever', multibootHeader() + '.text\n.code32\n.globl _start\n_start:\n  jmp _start\n', 32);
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(hosts.map((host) => host.dispose()));
    await rm(workspace, { recursive: true, force: true });
  });

  const plan = async (launch: Partial<LaunchArguments>) => {
    const host = await createLaunchHost(doctor, workspace);
    hosts.push(host);
    return registry.plan({ target: 'qemu', noDebug: true, ...launch }, host);
  };

  it('boots the image, streams its serial output, and maps a clean guest exit to 0', async () => {
    const result = await plan({ kernel: 'hello.elf' });
    expect(result.accelerator?.kind).toBe('tcg');
    const run = await start(result).done;
    expect(run.stdout).toBe('hello from the guest\n');
    expect(run.status).toBe(1);
    expect(guestStatus(run.status)).toBe(0);
  });

  it("maps the guest's own exit value back through isa-debug-exit", async () => {
    const run = await start(await plan({ kernel: 'failing.elf' })).done;
    expect(run.stdout).toBe('failing\n');
    expect([run.status, guestStatus(run.status)]).toEqual([11, 5]);
  });

  it('stops a guest that never exits through the QMP socket of the plan', async () => {
    const result = await plan({ kernel: 'forever.elf' });
    expect(result.stop.kind).toBe('qmp-quit');
    const vm = start(result);
    const socket = (result.stop as { socket: string }).socket;
    for (let waited = 0; !existsSync(socket) && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    await qmpQuit(socket);
    const run = await vm.done;
    // `quit` is a host-side shutdown, not a guest exit: QEMU exits 0, which isa-debug-exit never produces.
    expect(run.status).toBe(0);
  });

  it('mirrors the user-mode NIC to the capture socket: QEMU connects at start and closes the stream at exit', async () => {
    const result = await plan({ kernel: 'hello.elf', network: { mode: 'user' }, capture: true });
    expect(result.capture.kind).toBe('qemu-mirror');
    const ended: string[] = [];
    const capture = new QemuMirrorCapture((result.capture as { socket: string }).socket, { onFrames: () => undefined, onNotice: () => undefined, onEnded: (reason) => ended.push(reason) });
    await capture.start();
    const run = await start(result).done;
    expect(run.stderr).toBe('');
    for (let waited = 0; ended.length === 0 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    // This guest sends nothing: the stream opens and closes empty.
    expect(ended).toEqual(['the VMM closed the capture stream after 0 frames']);
    await capture.stop();
    expect(ended.length).toBe(1);
  });
});
