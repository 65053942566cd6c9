// The IDE's debug session logic against a scripted DAP client: breakpoints before configurationDone, stops, steps.
import { describe, expect, it } from 'vitest';
import { BreakpointStore } from '../../../renderer/src/debug/breakpoint-store';
import type { DapClient, DapEvent } from '../../../renderer/src/debug/dap-client';
import { DebugSessionController, type DebugChange } from '../../../renderer/src/debug/debug-session-controller';

/** Answers requests from a script and records them; events are pushed by the test. */
class ScriptedClient {
  readonly sent: { command: string; args: unknown }[] = [];
  private readonly listeners = new Set<(event: DapEvent) => void>();
  constructor(private readonly answer: (command: string, args: Record<string, unknown>) => unknown) {}
  request<T>(command: string, args?: unknown): Promise<T> {
    this.sent.push({ command, args });
    try {
      return Promise.resolve(this.answer(command, (args ?? {}) as Record<string, unknown>) as T);
    } catch (error) {
      return Promise.reject(error);
    }
  }
  onEvent(listener: (event: DapEvent) => void): void {
    this.listeners.add(listener);
  }
  emit(event: string, body: Record<string, unknown>): void {
    for (const listener of this.listeners) listener({ event, body });
  }
  asClient(): DapClient {
    return this as unknown as DapClient;
  }
}

const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) };
};

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const FRAMES = [
  { id: 1000, name: 'kernel_main', line: 53, column: 5, source: { path: '/ws/kernel.c', name: 'kernel.c' }, instructionPointerReference: '0x100040' },
  { id: 1001, name: '_start', line: 20, column: 1, source: { path: '/ws/boot.S', name: 'boot.S' } },
];

function answers(command: string, args: Record<string, unknown>): unknown {
  if (command === 'setBreakpoints') return { breakpoints: (args.breakpoints as { line: number }[]).map((b, i) => ({ id: i + 1, verified: true, line: b.line + 1 })) };
  if (command === 'setFunctionBreakpoints') return { breakpoints: (args.breakpoints as unknown[]).map(() => ({ verified: true })) };
  if (command === 'threads') return { threads: [{ id: 1, name: 'CPU#0' }] };
  if (command === 'stackTrace') return { stackFrames: FRAMES };
  return {};
}

describe('DebugSessionController', () => {
  it('sends every source and function breakpoint with absolute paths before configuration ends, and records the verdicts', async () => {
    const store = new BreakpointStore(memory());
    store.load('/ws');
    store.addSource('kernel.c', 52);
    store.addSource('src/boot.S', 10);
    store.setEnabled(store.addSource('src/boot.S', 11).id, false);
    store.addFunction('kernel_main');
    const controller = new DebugSessionController(store, { workspaceRoot: () => '/ws', onBackgroundError: (message) => expect.fail(message) });
    const client = new ScriptedClient(answers);
    controller.attach(client.asClient(), { supportsFunctionBreakpoints: true, supportsConditionalBreakpoints: true }, { target: 'qemu' });
    await controller.configure(client.asClient());
    expect(client.sent.map((request) => request.command)).toEqual(['setBreakpoints', 'setBreakpoints', 'setFunctionBreakpoints']);
    expect(client.sent[0].args).toMatchObject({ source: { path: '/ws/kernel.c', name: 'kernel.c' }, breakpoints: [{ line: 52 }] });
    expect(client.sent[1].args).toMatchObject({ source: { path: '/ws/src/boot.S' }, breakpoints: [{ line: 10 }] });
    expect(store.sources('kernel.c')[0]).toMatchObject({ verified: true, actualLine: 53 });
    expect(controller.phase).toBe('running');

    // Removing the last breakpoint of a file still tells the adapter, with an empty list.
    store.remove(store.sources('kernel.c')[0].id);
    await settle();
    expect(client.sent.at(-1)).toEqual({ command: 'setBreakpoints', args: expect.objectContaining({ source: expect.objectContaining({ path: '/ws/kernel.c' }), breakpoints: [] }) });
  });

  it('reads the stack on a stop, steps by instruction when asked, and drops the answer to an outdated stop', async () => {
    const store = new BreakpointStore(memory());
    store.load('/ws');
    const controller = new DebugSessionController(store, { workspaceRoot: () => '/ws', onBackgroundError: () => undefined });
    const client = new ScriptedClient(answers);
    const changes: DebugChange[] = [];
    controller.onDidChange((change) => changes.push(change));
    controller.attach(client.asClient(), { supportsSteppingGranularity: true }, { target: 'qemu' });
    await controller.configure(client.asClient());
    client.emit('stopped', { reason: 'breakpoint', threadId: 1 });
    await settle();
    expect(controller.phase).toBe('stopped');
    expect(controller.selectedFrame?.name).toBe('kernel_main');
    expect(controller.stopState).toMatchObject({ reason: 'breakpoint', threadId: 1 });
    expect(client.sent.find((request) => request.command === 'stackTrace')?.args).toMatchObject({ threadId: 1, startFrame: 0 });

    controller.selectFrame(controller.stopState!.frames[1]);
    expect(controller.selectedFrame?.name).toBe('_start');

    controller.granularity = 'instruction';
    await controller.step('next');
    expect(client.sent.at(-1)).toEqual({ command: 'next', args: { threadId: 1, granularity: 'instruction' } });
    expect(controller.phase).toBe('running');
    expect(controller.selectedFrame).toBeUndefined();

    // A stop whose stack arrives after the guest was resumed again must not show stale frames.
    client.emit('stopped', { reason: 'step', threadId: 1 });
    client.emit('continued', { threadId: 1 });
    await settle();
    expect(changes).toContain('phase');
    expect(controller.stopState).toBeUndefined();
  });

  it('goes back to stopped when a step is refused, and forgets everything when the session ends', async () => {
    const store = new BreakpointStore(memory());
    store.load('/ws');
    store.addSource('kernel.c', 52);
    const controller = new DebugSessionController(store, { workspaceRoot: () => '/ws', onBackgroundError: () => undefined });
    const client = new ScriptedClient((command, args) => {
      if (command === 'stepIn') throw new Error('cannot step here');
      return answers(command, args);
    });
    controller.attach(client.asClient(), {}, { target: 'qemu' });
    await controller.configure(client.asClient());
    client.emit('stopped', { reason: 'entry', threadId: 1 });
    await settle();
    await expect(controller.step('stepIn')).rejects.toThrow('cannot step here');
    expect(controller.phase).toBe('stopped');
    expect(controller.selectedFrame?.name).toBe('kernel_main');
    controller.detach(client.asClient());
    expect(controller.phase).toBe('inactive');
    expect(store.sources()[0].verified).toBeUndefined();
  });

  it('runs to the cursor: the file’s breakpoints plus the line, continue, and the line taken back at the next stop', async () => {
    const store = new BreakpointStore(memory());
    store.load('/ws');
    store.addSource('kernel.c', 52);
    const controller = new DebugSessionController(store, { workspaceRoot: () => '/ws', onBackgroundError: (message) => expect.fail(message) });
    const client = new ScriptedClient((command, args) => {
      // No code at line 1 (a comment): the adapter says so.
      if (command === 'setBreakpoints' && (args.breakpoints as { line: number }[]).some((b) => b.line === 1)) {
        return { breakpoints: (args.breakpoints as { line: number }[]).map((b) => (b.line === 1 ? { verified: false, message: 'No line 1 in kernel.c' } : { verified: true, line: b.line })) };
      }
      return answers(command, args);
    });
    controller.attach(client.asClient(), {}, { target: 'qemu' });
    await controller.configure(client.asClient());
    client.emit('stopped', { reason: 'entry', threadId: 1 });
    await settle();
    client.sent.length = 0;
    await controller.runToCursor('kernel.c', 70);
    expect(client.sent.map((request) => request.command)).toEqual(['setBreakpoints', 'continue']);
    expect(client.sent[0].args).toMatchObject({ source: { path: '/ws/kernel.c' }, breakpoints: [{ line: 52 }, { line: 70 }] });
    expect(controller.phase).toBe('running');
    // The user's own breakpoint keeps its verdict; the one-off line gets none.
    expect(store.sources('kernel.c').map((b) => b.line)).toEqual([52]);
    client.sent.length = 0;
    client.emit('stopped', { reason: 'breakpoint', threadId: 1 });
    await settle();
    await settle();
    expect(client.sent.find((request) => request.command === 'setBreakpoints')?.args).toMatchObject({ breakpoints: [{ line: 52 }] });
    // A line with no code: refused with the adapter's reason, the file's breakpoints put back, the guest still stopped.
    client.sent.length = 0;
    await expect(controller.runToCursor('kernel.c', 1)).rejects.toThrow('Cannot run to line 1 of kernel.c: No line 1 in kernel.c.');
    await settle();
    expect(controller.phase).toBe('stopped');
    expect(client.sent.map((request) => request.command)).toEqual(['setBreakpoints', 'setBreakpoints']);
    expect(client.sent[1].args).toMatchObject({ breakpoints: [{ line: 52 }] });
  });

  it('sets data breakpoints by asking each expression’s data id, and records the adapter’s verdicts', async () => {
    const storage = memory();
    const store = new BreakpointStore(storage);
    store.load('/ws');
    store.addData('message[0]');
    store.addData('nowhere', 'read');
    const controller = new DebugSessionController(store, { workspaceRoot: () => '/ws', onBackgroundError: (message) => expect.fail(message) });
    const client = new ScriptedClient((command, args) => {
      if (command === 'dataBreakpointInfo') return args.name === 'nowhere' ? { dataId: null, description: 'No symbol "nowhere" in current context.' } : { dataId: `id:${String(args.name)}`, description: String(args.name) };
      if (command === 'setDataBreakpoints') return { breakpoints: (args.breakpoints as unknown[]).map((_, index) => ({ id: 50 + index, verified: true })) };
      return answers(command, args);
    });
    controller.attach(client.asClient(), { supportsDataBreakpoints: true }, { target: 'qemu' });
    await controller.configure(client.asClient());
    expect(client.sent.filter((request) => request.command !== 'setFunctionBreakpoints').map((request) => request.command)).toEqual(['dataBreakpointInfo', 'dataBreakpointInfo', 'setDataBreakpoints']);
    expect(client.sent.find((request) => request.command === 'setDataBreakpoints')!.args).toEqual({ breakpoints: [{ dataId: 'id:message[0]', accessType: 'write' }] });
    expect(store.data().map((breakpoint) => [breakpoint.expression, breakpoint.verified, breakpoint.message])).toEqual([
      ['message[0]', true, undefined],
      ['nowhere', false, 'No symbol "nowhere" in current context.'],
    ]);
    // They are kept with the workspace, access type included.
    const again = new BreakpointStore(storage);
    again.load('/ws');
    expect(again.data().map((breakpoint) => [breakpoint.expression, breakpoint.accessType, breakpoint.enabled])).toEqual([
      ['message[0]', 'write', true],
      ['nowhere', 'read', true],
    ]);
  });

  it('sends a logpoint’s message and a hit count only to an adapter that takes them', async () => {
    const store = new BreakpointStore(memory());
    store.load('/ws');
    const breakpoint = store.addSource('kernel.c', 60);
    store.setLogMessage(breakpoint.id, 'serial ready: {magic}');
    store.setHitCondition(breakpoint.id, '2');
    const sentWith = async (capabilities: Record<string, boolean>) => {
      const controller = new DebugSessionController(store, { workspaceRoot: () => '/ws', onBackgroundError: (message) => expect.fail(message) });
      const client = new ScriptedClient(answers);
      controller.attach(client.asClient(), capabilities, { target: 'qemu' });
      await controller.configure(client.asClient());
      return (client.sent.find((request) => request.command === 'setBreakpoints')!.args as { breakpoints: unknown[] }).breakpoints[0];
    };
    expect(await sentWith({ supportsLogPoints: true, supportsHitConditionalBreakpoints: true })).toEqual({ line: 60, logMessage: 'serial ready: {magic}', hitCondition: '2' });
    expect(await sentWith({})).toEqual({ line: 60 });
  });

  it('jumps to the cursor: asks the line’s goto target, then goto from the stopped thread', async () => {
    const store = new BreakpointStore(memory());
    store.load('/ws');
    const controller = new DebugSessionController(store, { workspaceRoot: () => '/ws', onBackgroundError: (message) => expect.fail(message) });
    const client = new ScriptedClient((command, args) => (command === 'gotoTargets' ? { targets: [{ id: 7, label: 'kernel.c:64', line: 64 }] } : answers(command, args)));
    controller.attach(client.asClient(), { supportsGotoTargetsRequest: true }, { target: 'qemu' });
    await controller.configure(client.asClient());
    client.emit('stopped', { reason: 'breakpoint', threadId: 1 });
    await settle();
    client.sent.length = 0;
    await controller.jumpToCursor('kernel.c', 64);
    expect(client.sent).toEqual([
      { command: 'gotoTargets', args: { source: { path: '/ws/kernel.c', name: 'kernel.c' }, line: 64 } },
      { command: 'goto', args: { threadId: 1, targetId: 7 } },
    ]);
    expect(controller.phase).toBe('running');
  });
});
