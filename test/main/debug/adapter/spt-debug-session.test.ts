// Debugging an spt unikernel through the real adapter: gdbserver runs a stand-in solo5-spt (test/fixtures), real gdb.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshAppBuild } from '../support/fresh-app-build';
import { SpawnedAdapterClient } from '../support/spawned-adapter-client';

const STANDIN_DIR = path.resolve(import.meta.dirname, '../../../fixtures/solo5-spt-standin');
const IMAGE_C = path.join(STANDIN_DIR, 'image.c');
const GDBSERVER = ['/usr/bin/gdbserver', '/usr/local/bin/gdbserver'].find((candidate) => existsSync(candidate));

let dir: string;
let build: string;
let env: NodeJS.ProcessEnv;
const clients: SpawnedAdapterClient[] = [];

function imageLine(text: string): number {
  const index = readFileSync(IMAGE_C, 'utf8').split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`image.c has no line with ${text}`);
  return index + 1;
}

beforeAll(async () => {
  const app = await ensureFreshAppBuild();
  if (!app.ok) throw new Error(app.reason);
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-spt-test-'));
  build = path.join(dir, 'bin');
  execFileSync('make', ['-s', '-C', STANDIN_DIR, `BUILD=${build}`], { stdio: 'pipe' });
  // The stand-in tender and elftool come first on PATH, where the doctor looks for Solo5's.
  env = { ...process.env, PATH: `${build}:${process.env.PATH ?? ''}` };
}, 60_000);

afterEach(async () => {
  for (const client of clients.splice(0)) await client.stopAll();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function adapter(): Promise<SpawnedAdapterClient> {
  const client = new SpawnedAdapterClient(dir, env);
  clients.push(client);
  await client.start();
  return client;
}

async function topFrame(client: SpawnedAdapterClient): Promise<DebugProtocol.StackFrame> {
  return (await client.stackTraceRequest({ threadId: 1, startFrame: 0, levels: 20 })).body.stackFrames[0]!;
}

describe.skipIf(!GDBSERVER)('debugging an spt unikernel (stand-in tender under gdbserver)', () => {
  it('stops at the image entry, breaks at a source line of the image, steps, reads locals, and reports the exit status', async () => {
    const client = await adapter();
    const stopped = client.waitForEvent('stopped', 15_000) as Promise<DebugProtocol.StoppedEvent>;
    const initialized = client.waitForEvent('initialized');
    await client.initializeRequest({ adapterID: 'mirador', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
    const launched = client.launchRequest({ target: 'spt', kernel: path.join(build, 'image.spt'), args: ['3'], stopOnEntry: 'entry' } as DebugProtocol.LaunchRequestArguments);
    await initialized;
    const line = imageLine('int next = a + b;');
    const breakpoint = (await client.setBreakpointsRequest({ source: { path: IMAGE_C }, breakpoints: [{ line }] })).body.breakpoints[0]!;
    await client.configurationDoneRequest();
    await launched;

    const entry = await stopped;
    expect(entry.body.reason).toBe('entry');
    expect(await topFrame(client)).toMatchObject({ name: '_start', source: { path: IMAGE_C } });
    expect(client.output('console')).toContain('solo5-spt maps the unikernel after it starts, so breakpoints in it must be hardware ones');

    const atLine = client.waitForEvent('stopped', 10_000) as Promise<DebugProtocol.StoppedEvent>;
    await client.continueRequest({ threadId: 1 });
    expect((await atLine).body).toMatchObject({ reason: 'breakpoint', hitBreakpointIds: [breakpoint.id] });
    const frame = await topFrame(client);
    expect(frame).toMatchObject({ name: 'fibonacci', line, source: { path: IMAGE_C } });
    const scopes = await client.scopesRequest({ frameId: frame.id });
    const locals = (await client.variablesRequest({ variablesReference: scopes.body.scopes.find((scope) => scope.name === 'Locals')!.variablesReference })).body.variables;
    expect(locals.find((variable) => variable.name === 'n')).toMatchObject({ value: '10' });
    // The console line printed before fibonacci ran came through gdbserver's stdout.
    expect(client.output('stdout')).toContain('hello from the spt stand-in image\n');

    await client.setBreakpointsRequest({ source: { path: IMAGE_C }, breakpoints: [] });
    const stepped = client.waitForEvent('stopped', 10_000);
    await client.nextRequest({ threadId: 1 });
    await stepped;
    expect((await topFrame(client)).line).toBe(line + 1);

    const exited = client.waitForEvent('exited', 15_000) as Promise<DebugProtocol.ExitedEvent>;
    await client.continueRequest({ threadId: 1 });
    expect((await exited).body.exitCode).toBe(3);
    expect(client.output('stdout')).toContain('fibonacci(10) = 55\n');
  });
});
