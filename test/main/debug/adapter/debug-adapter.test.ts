// The real adapter (`mirador debug-adapter`) driven by DebugClient: Run (noDebug) boots QEMU under TCG and reports back.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCHello } from '../support/c-hello-image';
import { ensureFreshAppBuild } from '../support/fresh-app-build';
import { killLeftoverQemu, noQemuWithin, qemuProcessesWith } from '../support/qemu-processes';
import { SpawnedAdapterClient } from '../support/spawned-adapter-client';
import { buildTinyGuest } from '../support/tiny-guest';

let dir: string;
let hello: string;
let idle: string;
let unicode: string;
const clients: SpawnedAdapterClient[] = [];

beforeAll(async () => {
  const build = await ensureFreshAppBuild();
  if (!build.ok) throw new Error(build.reason);
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-adapter-test-'));
  hello = buildCHello(path.join(dir, 'c-hello'));
  idle = buildTinyGuest(dir, 'idle', { lines: ['idling'], exit: 'idle' });
  unicode = buildTinyGuest(dir, 'unicode', { lines: ['ünïcödé ✓ 🚀 crosses chunks'], exit: 0 });
}, 120_000);

afterEach(async () => {
  for (const client of clients.splice(0)) await client.stopAll();
});

afterAll(() => {
  for (const image of [hello, idle, unicode]) killLeftoverQemu(image);
  rmSync(dir, { recursive: true, force: true });
});

async function adapter(): Promise<SpawnedAdapterClient> {
  const client = new SpawnedAdapterClient(dir);
  clients.push(client);
  await client.start();
  return client;
}

async function runToEnd(client: SpawnedAdapterClient, launch: Record<string, unknown>): Promise<void> {
  const terminated = client.waitForEvent('terminated');
  await Promise.all([client.configurationSequence(), client.launch({ target: 'qemu', accel: 'tcg', noDebug: true, ...launch } as DebugProtocol.LaunchRequestArguments)]);
  await terminated;
}

describe('mirador debug-adapter', () => {
  it('answers initialize with its capabilities', async () => {
    const client = await adapter();
    const response = await client.initializeRequest({ adapterID: 'mirador', pathFormat: 'path' });
    expect(response.body).toMatchObject({
      supportsConfigurationDoneRequest: true,
      supportsTerminateRequest: true,
      supportsFunctionBreakpoints: true,
      supportsConditionalBreakpoints: true,
      supportsInstructionBreakpoints: true,
      supportsSteppingGranularity: true,
      supportsRestartRequest: true,
      supportsDisassembleRequest: true,
      supportsReadMemoryRequest: true,
      supportsWriteMemoryRequest: true,
    });
  });

  it('runs the C example: plan event, console as output events, exited 0, terminated', async () => {
    const client = await adapter();
    await runToEnd(client, { kernel: hello });
    const console = client.output('stdout');
    // c-hello ends its lines the serial way, CR LF.
    expect(console).toContain('[INFO] [application] hello from a C unikernel\r\n');
    expect(console).toMatch(/\[INFO\] \[application\] done, exiting with 0\r\n$/);
    const plan = client.events.find((event) => event.event === 'mirador/launchPlan')!;
    expect(plan.body).toMatchObject({ target: 'qemu', accelerator: { kind: 'tcg', reason: 'TCG: chosen in the run configuration ("accel": "tcg")' } });
    expect(plan.body.args).toEqual(expect.arrayContaining(['-kernel', hello, '-serial', 'stdio']));
    const exited = client.events.find((event) => event.event === 'exited') as DebugProtocol.ExitedEvent;
    expect(exited.body.exitCode).toBe(0);
    const sequence = client.eventSequence().filter((name) => name !== 'output' && name !== 'mirador/bootPhase');
    expect(sequence).toEqual(['initialized', 'mirador/launchPlan', 'process', 'mirador/vmmExited', 'exited', 'terminated']);
    // Without gdb, a run knows three phases; each comes once, in order, timed from the launch request.
    const phases = client.events.filter((event) => event.event === 'mirador/bootPhase').map((event) => event.body as { name: string; t: number });
    expect(phases.map((phase) => phase.name)).toEqual(['vmm-start', 'first-console-byte', 'exit']);
    expect(phases.every((phase, index) => phase.t > 0 && (index === 0 || phase.t >= phases[index - 1]!.t))).toBe(true);
    expect(client.eventSequence().indexOf('mirador/bootPhase')).toBeLessThan(client.eventSequence().indexOf('process'));
  });

  it('passes a non-zero guest status through to exited', async () => {
    const client = await adapter();
    await runToEnd(client, { kernel: hello, append: 'exit=3' });
    expect(client.output('stdout')).toContain('done, exiting with 3\r\n');
    expect((client.events.find((event) => event.event === 'exited') as DebugProtocol.ExitedEvent).body.exitCode).toBe(3);
  });

  it('decodes UTF-8 across chunks: QEMU writes the console a byte at a time', async () => {
    const client = await adapter();
    await runToEnd(client, { kernel: unicode });
    expect(client.output('stdout')).toBe('ünïcödé ✓ 🚀 crosses chunks\n');
  });

  it('answers breakpoints of a run (noDebug) as not placed, saying why', async () => {
    const client = await adapter();
    const terminated = client.waitForEvent('terminated');
    await client.initializeRequest({ adapterID: 'mirador', pathFormat: 'path' });
    const launched = client.launchRequest({ target: 'qemu', accel: 'tcg', noDebug: true, kernel: hello } as DebugProtocol.LaunchRequestArguments);
    const placed = await client.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'kernel_main' }] });
    expect(placed.body.breakpoints).toEqual([{ id: expect.any(Number), verified: false, message: 'Not debugging: this launch runs without gdb.' }]);
    await client.configurationDoneRequest();
    await launched;
    await terminated;
    expect(client.eventSequence()).not.toContain('stopped');
  });

  it('fails the launch of an unknown target, naming the known ones', async () => {
    const client = await adapter();
    await client.initializeRequest({ adapterID: 'mirador', pathFormat: 'path' });
    await expect(client.launchRequest({ target: 'nope', kernel: hello, noDebug: true } as DebugProtocol.LaunchRequestArguments)).rejects.toThrow(/^Unknown target "nope": set "target" to one of .*qemu/);
  });

  it('reports a VMM that dies at once with its last stderr lines', async () => {
    const client = await adapter();
    // About 1 TB, more than a test machine has: QEMU itself gives up.
    await runToEnd(client, { kernel: hello, memory: 1_000_000 });
    expect(client.output('stderr')).toContain("cannot set up guest memory 'pc.ram'");
    expect(client.output('important')).toMatch(/^Mirador: qemu-system-x86_64 exited with status 1: .*cannot set up guest memory 'pc.ram'/);
    const vmmExited = client.events.find((event) => event.event === 'mirador/vmmExited')!;
    expect(vmmExited.body).toMatchObject({ outcome: 'failed', code: 1, guestStatus: null });
    expect((client.events.find((event) => event.event === 'exited') as DebugProtocol.ExitedEvent).body.exitCode).toBe(1);
  });

  it('stops the guest on terminate, leaving no QEMU behind', async () => {
    const client = await adapter();
    const idling = client.assertOutput('stdout', 'idling');
    await Promise.all([client.configurationSequence(), client.launch({ target: 'qemu', accel: 'tcg', noDebug: true, kernel: idle } as DebugProtocol.LaunchRequestArguments)]);
    await idling;
    expect(qemuProcessesWith(idle)).toHaveLength(1);
    const terminated = client.waitForEvent('terminated');
    await client.terminateRequest();
    await terminated;
    const vmmExited = client.events.find((event) => event.event === 'mirador/vmmExited')!;
    expect(vmmExited.body).toMatchObject({ outcome: 'stopped', code: 0 });
    expect(client.eventSequence()).not.toContain('exited');
    expect(qemuProcessesWith(idle)).toEqual([]);
    await client.disconnectRequest();
    expect(await client.adapterExit).toEqual({ code: 0, signal: null });
  });

  it.each([
    ['its stdin closes (the editor went away)', (client: SpawnedAdapterClient) => client.adapter.stdin.end()],
    ['it gets SIGTERM', (client: SpawnedAdapterClient) => client.adapter.kill('SIGTERM')],
    ['it gets SIGKILL (the parent-death signal takes QEMU)', (client: SpawnedAdapterClient) => client.adapter.kill('SIGKILL')],
  ])('leaves no QEMU behind when %s', async (_how, end) => {
    const client = await adapter();
    const idling = client.assertOutput('stdout', 'idling');
    await Promise.all([client.configurationSequence(), client.launch({ target: 'qemu', accel: 'tcg', noDebug: true, kernel: idle } as DebugProtocol.LaunchRequestArguments)]);
    await idling;
    expect(qemuProcessesWith(idle)).toHaveLength(1);
    end(client);
    await client.adapterExit;
    expect(await noQemuWithin(idle, 2000)).toBe(true);
  });
});
