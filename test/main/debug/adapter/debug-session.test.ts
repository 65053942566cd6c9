// Debugging through the real adapter (`mirador debug-adapter`) with DebugClient: the C example under QEMU TCG, real gdb.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { C_HELLO_DIR, buildCHello } from '../support/c-hello-image';
import { elfBytesAt, elfEntry } from '../support/elf-bytes';
import { ensureFreshAppBuild } from '../support/fresh-app-build';
import { gdbChildrenOf, isAlive } from '../support/guest-processes';
import { killLeftoverQemu, qemuProcessesWith } from '../support/qemu-processes';
import { SpawnedAdapterClient } from '../support/spawned-adapter-client';
import { buildTinyGuest } from '../support/tiny-guest';

let dir: string;
let hello: string;
let spinning: string;
const KERNEL_C = path.join(C_HELLO_DIR, 'kernel.c');
const clients: SpawnedAdapterClient[] = [];

/** The 1-based line of kernel.c holding `text`, so the tests follow edits of the example. */
function kernelLine(text: string): number {
  const index = readFileSync(KERNEL_C, 'utf8').split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`kernel.c has no line with ${text}`);
  return index + 1;
}

beforeAll(async () => {
  const build = await ensureFreshAppBuild();
  if (!build.ok) throw new Error(build.reason);
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-debug-test-'));
  hello = buildCHello(path.join(dir, 'c-hello'));
  spinning = buildTinyGuest(dir, 'spinning', { lines: ['spinning'], exit: 'spin' });
}, 120_000);

afterEach(async () => {
  for (const client of clients.splice(0)) await client.stopAll();
});

afterAll(() => {
  for (const image of [hello, spinning]) killLeftoverQemu(image);
  rmSync(dir, { recursive: true, force: true });
});

async function adapter(env?: NodeJS.ProcessEnv): Promise<SpawnedAdapterClient> {
  const client = new SpawnedAdapterClient(dir, env);
  clients.push(client);
  await client.start();
  return client;
}

type Configure = (client: SpawnedAdapterClient) => Promise<unknown>;

/** initialize → launch (debugging, TCG) with breakpoints set on `initialized` → configurationDone; resolves with the first stop. */
async function debug(client: SpawnedAdapterClient, launch: Record<string, unknown>, configure: Configure = async () => undefined): Promise<DebugProtocol.StoppedEvent> {
  const stopped = client.waitForEvent('stopped', 15_000) as Promise<DebugProtocol.StoppedEvent>;
  const initialized = client.waitForEvent('initialized');
  await client.initializeRequest({ adapterID: 'mirador', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
  const launched = client.launchRequest({ target: 'qemu', accel: 'tcg', memory: 32, kernel: hello, ...launch } as DebugProtocol.LaunchRequestArguments);
  await initialized;
  await configure(client);
  await client.configurationDoneRequest();
  await launched;
  return stopped;
}

async function topFrame(client: SpawnedAdapterClient): Promise<DebugProtocol.StackFrame> {
  const trace = await client.stackTraceRequest({ threadId: 1, startFrame: 0, levels: 20 });
  return trace.body.stackFrames[0]!;
}

async function scopeVariables(client: SpawnedAdapterClient, frameId: number, scope: string): Promise<DebugProtocol.Variable[]> {
  const scopes = await client.scopesRequest({ frameId });
  const reference = scopes.body.scopes.find((candidate) => candidate.name === scope)!.variablesReference;
  return (await client.variablesRequest({ variablesReference: reference })).body.variables;
}

/** Waits until the output of `category` so far contains `text` (DebugClient's assertOutput only sees output to come). */
async function outputContaining(client: SpawnedAdapterClient, category: string, text: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!client.output(category).includes(text)) {
    if (Date.now() > deadline) throw new Error(`no ${category} output containing ${JSON.stringify(text)} within ${timeoutMs} ms; got ${JSON.stringify(client.output(category))}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends a step and resolves with the stop it causes. */
async function step(client: SpawnedAdapterClient, send: () => Promise<unknown>): Promise<DebugProtocol.StoppedEvent> {
  const stopped = client.waitForEvent('stopped', 10_000) as Promise<DebugProtocol.StoppedEvent>;
  await send();
  return stopped;
}

describe('debugging the C example under QEMU TCG', () => {
  it('stops at the reset vector (stopOnEntry: true): pc 0xfff0, eip and cr0 in the Registers scope', async () => {
    const client = await adapter();
    const stop = await debug(client, { stopOnEntry: true });
    expect(stop.body.reason).toBe('entry');
    const frame = await topFrame(client);
    expect(BigInt(frame.instructionPointerReference!)).toBe(0xfff0n);
    expect(frame.source).toBeUndefined();
    const registers = await scopeVariables(client, frame.id, 'Registers');
    const value = (name: string) => registers.find((register) => register.name === name)?.value;
    expect(BigInt(value('eip')!)).toBe(0xfff0n);
    expect(value('cs')).toBe('0xf000');
    // Real mode at reset: PE clear; QEMU resets cr0 to 0x60000010 (CD NW ET).
    expect(value('cr0')).toMatch(/^0x60000010 \[ .*ET.* \]$/);
    for (const name of ['cr3', 'cr4', 'efer', 'eflags', 'ss', 'fs_base']) expect(value(name)).toMatch(/^0x/);
    expect(registers.some((register) => register.name.endsWith('_hi'))).toBe(false);
  });

  it('breaks at the kernel entry by function (kernel_main): source, arguments, boot phases', async () => {
    const client = await adapter();
    let breakpoint: DebugProtocol.Breakpoint | undefined;
    const stop = await debug(client, {}, async () => {
      breakpoint = (await client.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'kernel_main' }] })).body.breakpoints[0];
    });
    expect(breakpoint).toMatchObject({ verified: true, line: kernelLine('void kernel_main(') + 1 });
    expect(stop.body).toMatchObject({ reason: 'function breakpoint', threadId: 1, allThreadsStopped: true, hitBreakpointIds: [breakpoint!.id] });
    const frame = await topFrame(client);
    expect(frame).toMatchObject({ name: 'kernel_main', line: kernelLine('void kernel_main(') + 1, source: { path: KERNEL_C } });
    // The i386 view reads 32-bit frames right: eax = the multiboot magic, as _start passed it.
    const locals = await scopeVariables(client, frame.id, 'Locals');
    expect(locals.find((variable) => variable.name === 'magic')).toMatchObject({ value: String(0x2badb002), type: 'uint32_t' });
    const evaluated = await client.evaluateRequest({ expression: 'magic == 0x2BADB002', frameId: frame.id, context: 'watch' });
    expect(evaluated.body.result).toBe('1');
    const phases = client.events.filter((event) => event.event === 'mirador/bootPhase').map((event) => event.body.name);
    expect(phases).toEqual(['vmm-start', 'kernel-entry', 'application-main']);
  });

  it('breaks at a source line of kernel.c, steps over, into and out of calls in C', async () => {
    const client = await adapter();
    // A line with one copy of its code (gdb places a line breakpoint at one copy only, and -O1 duplicates some).
    const line = kernelLine('"hello from a C unikernel"');
    let breakpoint: DebugProtocol.Breakpoint | undefined;
    const stop = await debug(client, {}, async () => {
      breakpoint = (await client.setBreakpointsRequest({ source: { path: KERNEL_C }, breakpoints: [{ line }] })).body.breakpoints[0];
    });
    expect(breakpoint).toMatchObject({ verified: true, line });
    expect(stop.body).toMatchObject({ reason: 'breakpoint', hitBreakpointIds: [breakpoint!.id] });
    expect(await topFrame(client)).toMatchObject({ name: 'kernel_main', line });

    expect((await step(client, () => client.stepInRequest({ threadId: 1 }))).body.reason).toBe('step');
    const inside = await topFrame(client);
    expect(inside.name).toBe('log_msg');
    expect(inside.source?.path).toBe(path.join(C_HELLO_DIR, 'log.c'));

    await step(client, () => client.stepOutRequest({ threadId: 1 }));
    const back = await topFrame(client);
    expect(back.name).toBe('kernel_main');
    await outputContaining(client, 'stdout', 'hello from a C unikernel\r\n');

    // `next` runs the next line's log_msg call without entering it: a 64-bit view of this 32-bit code would step into
    // it (the example's README).
    await step(client, () => client.nextRequest({ threadId: 1 }));
    const after = await topFrame(client);
    expect(after.name).toBe('kernel_main');
    expect(after.line).not.toBe(back.line);
    await outputContaining(client, 'stdout', '[application] kernel_main at 0x');
  });

  it('reads memory at pc as the ELF file holds it, and disassembles there (stopOnEntry: "entry")', async () => {
    const client = await adapter();
    const stop = await debug(client, { stopOnEntry: 'entry' });
    expect(stop.body.reason).toBe('entry');
    const frame = await topFrame(client);
    const pc = BigInt(frame.instructionPointerReference!);
    expect(pc).toBe(elfEntry(hello));
    expect(frame).toMatchObject({ name: '_start', source: { path: path.join(C_HELLO_DIR, 'boot.S') } });

    const memory = await client.customRequest('readMemory', { memoryReference: frame.instructionPointerReference, count: 64 });
    expect(memory.body.unreadableBytes ?? 0).toBe(0);
    expect(Buffer.from(memory.body.data, 'base64')).toEqual(elfBytesAt(hello, pc, 64));

    const disassembly = (await client.customRequest('disassemble', { memoryReference: frame.instructionPointerReference, instructionCount: 4, resolveSymbols: true })) as DebugProtocol.DisassembleResponse;
    const instructions = disassembly.body!.instructions;
    expect(instructions).toHaveLength(4);
    expect(BigInt(instructions[0]!.address)).toBe(pc);
    // boot.S: mov $stack_top, %esp; xor %ebp, %ebp; push %ebx; push %eax — as 32-bit code, byte for byte.
    expect(instructions.map((instruction) => instruction.instruction.replace(/\s+/g, ' '))).toEqual([expect.stringMatching(/^mov \$0x[0-9a-f]+,%esp$/), 'xor %ebp,%ebp', 'push %ebx', 'push %eax']);
    const bytes = Buffer.from(instructions.map((instruction) => instruction.instructionBytes).join(' ').replace(/ /g, ''), 'hex');
    expect(bytes).toEqual(elfBytesAt(hello, pc, bytes.length));
    expect(instructions[0]).toMatchObject({ symbol: '_start', location: { path: path.join(C_HELLO_DIR, 'boot.S') } });

    // Writes reach the guest: four bytes of the stack (below stack_top, unused yet), read back.
    const stack = BigInt((await client.evaluateRequest({ expression: '(unsigned) stack_top - 64', context: 'watch' })).body.result);
    const written = await client.customRequest('writeMemory', { memoryReference: `0x${stack.toString(16)}`, data: Buffer.from([0xde, 0xad, 0xbe, 0xef]).toString('base64') });
    expect(written.body).toEqual({ bytesWritten: 4 });
    const again = await client.customRequest('readMemory', { memoryReference: `0x${stack.toString(16)}`, count: 4 });
    expect(Buffer.from(again.body.data, 'base64')).toEqual(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    expect((await client.evaluateRequest({ expression: `*(unsigned *) ${stack}`, context: 'watch' })).body.result).toBe(String(0xefbeadde));

    // Backwards from the fourth instruction: the window lands on the same instruction boundaries.
    const back = (await client.customRequest('disassemble', { memoryReference: instructions[3]!.address, instructionOffset: -3, instructionCount: 5 })) as DebugProtocol.DisassembleResponse;
    expect(back.body!.instructions.map((instruction) => BigInt(instruction.address))).toEqual([...instructions.slice(0, 4).map((instruction) => BigInt(instruction.address)), expect.any(BigInt)]);
  });

  it('steps by instruction, and stops at an instruction breakpoint', async () => {
    const client = await adapter();
    await debug(client, { stopOnEntry: 'entry' });
    const entry = await topFrame(client);
    const disassembly = (await client.customRequest('disassemble', { memoryReference: entry.instructionPointerReference, instructionCount: 2 })) as DebugProtocol.DisassembleResponse;
    const stop = await step(client, () => client.nextRequest({ threadId: 1, granularity: 'instruction' }));
    expect(stop.body.reason).toBe('step');
    expect(BigInt((await topFrame(client)).instructionPointerReference!)).toBe(BigInt(disassembly.body!.instructions[1]!.address));

    const address = BigInt((await client.evaluateRequest({ expression: '(unsigned) kernel_main', context: 'watch' })).body.result);
    const placed = await client.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: `0x${address.toString(16)}` }] });
    expect(placed.body.breakpoints[0]).toMatchObject({ verified: true, instructionReference: `0x${address.toString(16).padStart(8, '0')}` });
    const hit = await step(client, () => client.continueRequest({ threadId: 1 }));
    expect(hit.body).toMatchObject({ reason: 'instruction breakpoint', hitBreakpointIds: [placed.body.breakpoints[0].id] });
    expect(BigInt((await topFrame(client)).instructionPointerReference!)).toBe(address);
  });

  it('stops at a conditional breakpoint only when its condition holds', async () => {
    const client = await adapter();
    const stop = await debug(client, {}, () => client.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'log_msg', condition: 'source[0] == \'a\'' }] }));
    expect(stop.body.reason).toBe('function breakpoint');
    const frame = await topFrame(client);
    const source = await client.evaluateRequest({ expression: 'source', frameId: frame.id, context: 'watch' });
    expect(source.body.result).toMatch(/"application"$/);
    // The boot lines came before: the condition skipped those calls.
    await outputContaining(client, 'stdout', '[boot] command line');
    expect(client.output('stdout')).not.toContain('[application]');
  });

  it('stops at the Nth hit of a breakpoint with a hit count (gdb ignores the ones before), and refuses one it cannot express', async () => {
    const client = await adapter();
    let placed: DebugProtocol.SetFunctionBreakpointsResponse | undefined;
    const stop = await debug(client, {}, async () => {
      placed = await client.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'log_msg', hitCondition: '3' }, { name: 'kernel_main', hitCondition: '==2' }] });
    });
    expect(placed!.body.breakpoints[0]).toMatchObject({ verified: true });
    expect(placed!.body.breakpoints[1]).toMatchObject({ verified: false, message: expect.stringContaining('hit count "==2" is not N, >=N or >N') });
    expect(stop.body.reason).toBe('function breakpoint');
    const frame = await topFrame(client);
    const format = await client.evaluateRequest({ expression: 'fmt', frameId: frame.id, context: 'watch' });
    // The third line logged: "multiboot entry" and "serial ready" went by.
    expect(format.body.result).toMatch(/"memory: %u KiB low, %u KiB high"$/);
  });

  it('stops where an expression is written (a data breakpoint: gdb watchpoint), saying the old and new value', async () => {
    const client = await adapter();
    const stop = await debug(client, {}, () => client.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'log_msg' }] }));
    expect(stop.body.reason).toBe('function breakpoint');
    const info = await client.dataBreakpointInfoRequest({ name: 'message[0]' });
    expect(info.body).toMatchObject({ dataId: 'message[0]', accessTypes: ['write', 'read', 'readWrite'] });
    const placed = await client.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
    expect(placed.body.breakpoints[0]).toMatchObject({ verified: true });
    await client.setFunctionBreakpointsRequest({ breakpoints: [] });
    const hit = await step(client, () => client.continueRequest({ threadId: 1 }));
    expect(hit.body).toMatchObject({ reason: 'data breakpoint', hitBreakpointIds: [placed.body.breakpoints[0]!.id] });
    // The first character of "multiboot entry" went in: 'm' is 109.
    expect(hit.body.description).toMatch(/→ 109 'm'$/);
    // An expression gdb cannot watch is refused with its reason.
    const bad = await client.setDataBreakpointsRequest({ breakpoints: [{ dataId: 'no_such_symbol', accessType: 'write' }] });
    expect(bad.body.breakpoints[0]).toMatchObject({ verified: false, message: expect.stringContaining('No symbol "no_such_symbol"') });
  });

  it('says a logpoint\'s message with its {expressions} evaluated and lets the guest go on: no stop', async () => {
    const client = await adapter();
    const line = kernelLine('log_msg(LOG_INFO, "boot", "serial ready");');
    let placed: DebugProtocol.Breakpoint | undefined;
    const stop = await debug(client, { stopOnEntry: 'entry' }, async () => {
      placed = (await client.setBreakpointsRequest({ source: { path: KERNEL_C }, breakpoints: [{ line, logMessage: 'serial ready: magic {magic}, boot information {mbi != 0}, {no_such_thing}' }] })).body.breakpoints[0];
    });
    expect(stop.body.reason).toBe('entry');
    expect(placed).toMatchObject({ verified: true, line });
    const terminated = client.waitForEvent('terminated');
    await client.continueRequest({ threadId: 1 });
    await terminated;
    // 0x2badb002, the Multiboot magic, in decimal as gdb prints a uint32_t; an expression gdb cannot read says why.
    expect(client.output('console')).toContain('serial ready: magic 732803074, boot information 1, <No symbol "no_such_thing" in current context.>\n');
    expect(client.events.filter((event) => event.event === 'stopped')).toHaveLength(1);
    expect(client.output('stdout')).toContain('done, exiting with 0');
  });

  it('jumps to a line (goto): the code between is skipped, the guest stops there with reason goto', async () => {
    const client = await adapter();
    const from = kernelLine('if (magic == MULTIBOOT_BOOTLOADER_MAGIC) {');
    const to = kernelLine('const char *cmdline = boot_command_line(mbi);');
    const stop = await debug(client, {}, () => client.setBreakpointsRequest({ source: { path: KERNEL_C }, breakpoints: [{ line: from }] }));
    expect(stop.body.reason).toBe('breakpoint');
    const targets = await client.gotoTargetsRequest({ source: { path: KERNEL_C }, line: to });
    expect(targets.body.targets).toEqual([{ id: expect.any(Number), label: `kernel.c:${to}`, line: to }]);
    const jumped = await step(client, () => client.gotoRequest({ threadId: 1, targetId: targets.body.targets[0]!.id }));
    expect(jumped.body.reason).toBe('goto');
    expect(await topFrame(client)).toMatchObject({ name: 'kernel_main', line: to });
    const terminated = client.waitForEvent('terminated');
    await client.setBreakpointsRequest({ source: { path: KERNEL_C }, breakpoints: [] });
    await client.continueRequest({ threadId: 1 });
    await terminated;
    // The three boot lines between were never logged; the rest of the run was.
    expect(client.output('stdout')).not.toContain('multiboot entry');
    expect(client.output('stdout')).not.toContain('serial ready');
    expect(client.output('stdout')).toContain('hello from a C unikernel');
  });

  it('sets values (setVariable): a local, and an array element through its parent — the guest prints what was set', async () => {
    const client = await adapter();
    const logC = path.join(C_HELLO_DIR, 'log.c');
    const line = readFileSync(logC, 'utf8').split('\n').findIndex((text) => text.includes('serial_puts(message);')) + 1;
    const stop = await debug(client, {}, () => client.setBreakpointsRequest({ source: { path: logC }, breakpoints: [{ line }] }));
    expect(stop.body.reason).toBe('breakpoint');
    const frame = await topFrame(client);
    const locals = (await client.scopesRequest({ frameId: frame.id })).body.scopes.find((scope) => scope.name === 'Locals')!;
    const variables = (await client.variablesRequest({ variablesReference: locals.variablesReference })).body.variables;
    const message = variables.find((variable) => variable.name === 'message')!;
    const elements = (await client.variablesRequest({ variablesReference: message.variablesReference })).body.variables;
    expect(elements[0]).toMatchObject({ name: '0', value: "109 'm'" });
    const set = await client.setVariableRequest({ variablesReference: message.variablesReference, name: '0', value: "'M'" });
    expect(set.body.value).toBe("77 'M'");
    // A scalar local too: the level, read back as gdb names it.
    const level = await client.setVariableRequest({ variablesReference: locals.variablesReference, name: 'level', value: 'LOG_WARNING' });
    expect(level.body.value).toBe('LOG_WARNING');
    // A value gdb cannot read is refused with its reason, and the variable keeps what it had.
    await expect(client.setVariableRequest({ variablesReference: locals.variablesReference, name: 'level', value: 'no_such_thing' })).rejects.toThrow(/No symbol "no_such_thing"/);
    expect((await client.evaluateRequest({ expression: 'level', frameId: frame.id, context: 'watch' })).body.result).toBe('LOG_WARNING');
    await client.setBreakpointsRequest({ source: { path: logC }, breakpoints: [] });
    const terminated = client.waitForEvent('terminated');
    await client.continueRequest({ threadId: 1 });
    await terminated;
    expect(client.output('stdout')).toContain('Multiboot entry');
    // A reference nobody holds (the guest moved, or the run ended) is refused with the reason.
    await expect(client.setVariableRequest({ variablesReference: 999_999, name: 'x', value: '1' })).rejects.toThrow(/variable is gone|Not debugging/);
  });

  it('expands structures, runs -exec commands in the debug console, and keeps the console flowing across stops', async () => {
    const client = await adapter();
    const line = kernelLine('"hello from a C unikernel"');
    await debug(client, {}, () => client.setBreakpointsRequest({ source: { path: KERNEL_C }, breakpoints: [{ line }] }));
    // Everything the guest printed before the stop arrives while it is stopped.
    await outputContaining(client, 'stdout', '[boot] command line: ');
    const frame = await topFrame(client);
    const boot = await client.evaluateRequest({ expression: '*(const struct multiboot_info *) 0x9500', frameId: frame.id, context: 'repl' });
    expect(boot.body.variablesReference).toBeGreaterThan(0);
    const fields = (await client.variablesRequest({ variablesReference: boot.body.variablesReference })).body.variables;
    expect(fields.map((field) => field.name)).toEqual(expect.arrayContaining(['flags', 'mem_lower_kib', 'mem_upper_kib', 'cmdline']));
    expect(Number(fields.find((field) => field.name === 'mem_lower_kib')!.value)).toBeGreaterThan(600);

    const printed = client.waitForEvent('output');
    const answer = await client.evaluateRequest({ expression: '-exec info registers eip cr0', context: 'repl' });
    expect(answer.body.result).toBe('');
    await printed;
    expect(client.output('console')).toMatch(/eip\s+0x[0-9a-f]+\s+0x[0-9a-f]+ <kernel_main\+\d+>\ncr0\s+0x11\s+\[ PE ET \]/);

    const terminated = client.waitForEvent('terminated');
    await client.continueRequest({ threadId: 1 });
    await terminated;
    expect(client.output('stdout')).toMatch(/hello from a C unikernel\r\n[\s\S]*done, exiting with 0\r\n$/);
    expect((client.events.find((event) => event.event === 'exited') as DebugProtocol.ExitedEvent).body.exitCode).toBe(0);
    const phases = client.events.filter((event) => event.event === 'mirador/bootPhase').map((event) => event.body.name);
    expect(phases).toEqual(['vmm-start', 'kernel-entry', 'application-main', 'first-console-byte', 'exit']);
  });

  it('terminate leaves no QEMU and no gdb behind', async () => {
    const client = await adapter();
    await debug(client, { stopOnEntry: true });
    expect(qemuProcessesWith(hello)).toHaveLength(1);
    const gdbs = gdbChildrenOf(client.adapter.pid!);
    expect(gdbs).toHaveLength(1);
    const terminated = client.waitForEvent('terminated');
    await client.terminateRequest();
    await terminated;
    expect(qemuProcessesWith(hello)).toEqual([]);
    expect(gdbs.filter(isAlive)).toEqual([]);
    expect((client.events.find((event) => event.event === 'mirador/vmmExited')!).body).toMatchObject({ outcome: 'stopped' });
    await client.disconnectRequest();
    expect(await client.adapterExit).toEqual({ code: 0, signal: null });
  });

  it('restarts: a new guest stops at its entry again, the old one is gone', async () => {
    const client = await adapter();
    await debug(client, { stopOnEntry: 'kernel_main' });
    expect((await topFrame(client)).name).toBe('kernel_main');
    const [first] = qemuProcessesWith(hello);
    const stopped = client.waitForEvent('stopped', 15_000) as Promise<DebugProtocol.StoppedEvent>;
    await client.customRequest('restart', {});
    expect((await stopped).body.reason).toBe('entry');
    expect((await topFrame(client)).name).toBe('kernel_main');
    const now = qemuProcessesWith(hello);
    expect(now).toHaveLength(1);
    expect(now[0]!.pid).not.toBe(first!.pid);
    expect(client.eventSequence()).not.toContain('terminated');
    expect(gdbChildrenOf(client.adapter.pid!)).toHaveLength(1);
  });
});

describe('debugging without symbols, without gdb, without a live VMM', () => {
  it('pauses a guest without debugging information and steps it by instruction, saying why', async () => {
    const client = await adapter();
    const spins = client.assertOutput('stdout', 'spinning');
    const initialized = client.waitForEvent('initialized');
    await client.initializeRequest({ adapterID: 'mirador', pathFormat: 'path' });
    const launched = client.launchRequest({ target: 'qemu', accel: 'tcg', memory: 32, kernel: spinning } as DebugProtocol.LaunchRequestArguments);
    await initialized;
    await client.configurationDoneRequest();
    await launched;
    await spins;
    expect(client.output('important')).toContain('has no debugging information (no DWARF line table): stepping goes by instruction');
    const paused = await step(client, () => client.pauseRequest({ threadId: 1 }));
    expect(paused.body.reason).toBe('pause');
    const before = await topFrame(client);
    expect(before.source).toBeUndefined();
    const stepped = await step(client, () => client.nextRequest({ threadId: 1 }));
    expect(stepped.body.reason).toBe('step');
    expect((await topFrame(client)).instructionPointerReference).not.toBe(before.instructionPointerReference);
  });

  it('refuses a launch without gdb on PATH, pointing at the doctor\'s fix, before starting the VMM', async () => {
    const bin = mkdtempSync(path.join(os.tmpdir(), 'mirador-no-gdb-'));
    try {
      for (const tool of ['qemu-system-x86_64', 'setpriv']) symlinkSync(execFileSync('which', [tool], { encoding: 'utf8' }).trim(), path.join(bin, tool));
      const client = await adapter({ ...process.env, PATH: bin });
      await client.initializeRequest({ adapterID: 'mirador', pathFormat: 'path' });
      await expect(client.launchRequest({ target: 'qemu', accel: 'tcg', kernel: hello } as DebugProtocol.LaunchRequestArguments)).rejects.toThrow(
        /^Debugging needs gdb, and gdb was not found on PATH\. Fix: sudo apt-get install gdb \(mirador doctor checks it\)/,
      );
      expect(qemuProcessesWith(hello)).toEqual([]);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('ends the session with the VMM\'s last stderr when it dies before gdb connects', async () => {
    const client = await adapter();
    const terminated = client.waitForEvent('terminated', 15_000);
    await client.initializeRequest({ adapterID: 'mirador', pathFormat: 'path' });
    // About 1 TB, more than a test machine has: QEMU itself gives up.
    await client.launchRequest({ target: 'qemu', accel: 'tcg', kernel: hello, memory: 1_000_000 } as DebugProtocol.LaunchRequestArguments);
    await terminated;
    expect(client.output('important')).toMatch(/^Mirador: qemu-system-x86_64 exited with status 1: .*cannot set up guest memory 'pc.ram'/m);
    expect(gdbChildrenOf(client.adapter.pid!)).toEqual([]);
  });

  it('runs a target without a gdb stub undebugged, and says boot stepping is not available there', async () => {
    const script = path.join(dir, 'hello-unix');
    writeFileSync(script, '#!/bin/sh\necho hello from unix\n', { mode: 0o755 });
    const client = await adapter();
    const terminated = client.waitForEvent('terminated');
    await client.initializeRequest({ adapterID: 'mirador', pathFormat: 'path' });
    await client.launchRequest({ target: 'unix', kernel: script } as DebugProtocol.LaunchRequestArguments);
    await terminated;
    expect(client.output('important')).toContain('Mirador: the unix target has no gdb stub here, so boot stepping is not available there: running without the debugger.');
    expect(client.output('stdout')).toBe('hello from unix\n');
    const phases = client.events.filter((event) => event.event === 'mirador/bootPhase').map((event) => event.body.name);
    expect(phases).toEqual(['vmm-start', 'first-console-byte', 'exit']);
  });

  it('refuses a stopOnEntry it cannot read', async () => {
    const client = await adapter();
    await client.initializeRequest({ adapterID: 'mirador', pathFormat: 'path' });
    await expect(client.launchRequest({ target: 'qemu', kernel: hello, stopOnEntry: 42 } as unknown as DebugProtocol.LaunchRequestArguments)).rejects.toThrow(/"stopOnEntry" takes true or "reset"/);
  });
});
