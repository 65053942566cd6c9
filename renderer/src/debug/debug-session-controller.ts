// The IDE's side of one debug session over DAP: breakpoints to the adapter, stops and frames from it, stepping and queries.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { LaunchArguments } from '../../../main/api';
import type { Breakpoint, BreakpointChange, BreakpointStore, DataBreakpoint, FunctionBreakpoint, SourceBreakpoint } from './breakpoint-store';
import type { DapClient, DapEvent } from './dap-client';
import type { DebugAttachment } from './run-controller';
import { toAbsolutePath } from './workspace-path-mapping';

export type DebugPhase = 'inactive' | 'initializing' | 'running' | 'stopped';

export interface StopState {
  threadId: number;
  reason: string;
  description?: string;
  threads: DebugProtocol.Thread[];
  frames: DebugProtocol.StackFrame[];
}

/** `phase`: running/stopped/ended; `stopped`: a new stop with frames; `frame`: the user picked another frame. */
export type DebugChange = 'phase' | 'stopped' | 'frame';

export type StepKind = 'next' | 'stepIn' | 'stepOut';

const STACK_LEVELS = 64;

export interface DebugSessionHost {
  workspaceRoot(): string | null;
  /** A request the user did not ask for directly failed (breakpoints, the stack after a stop). */
  onBackgroundError(message: string): void;
}

export class DebugSessionController implements DebugAttachment {
  private client: DapClient | undefined;
  private launchConfiguration: LaunchArguments | undefined;
  private currentPhase: DebugPhase = 'inactive';
  private stop: StopState | undefined;
  private frame: DebugProtocol.StackFrame | undefined;
  private lastThreadId: number | undefined;
  /** Paths whose breakpoints the adapter holds, so removing the last one still sends an empty list. */
  private readonly sentPaths = new Set<string>();
  /** The file whose breakpoints carry Run to Cursor's one-off line until the next stop. */
  private runToCursorPath: string | undefined;
  private sending: Promise<void> = Promise.resolve();
  private configured = false;
  /** Counts stops and resumes, so the answer to an older stop's stackTrace is dropped. */
  private generation = 0;
  private readonly listeners = new Set<(change: DebugChange) => void>();
  capabilities: DebugProtocol.Capabilities = {};
  /** `instruction` while the Disassembly view has the focus: the step buttons then step one instruction. */
  granularity: 'line' | 'instruction' = 'line';

  constructor(
    private readonly breakpoints: BreakpointStore,
    private readonly host: DebugSessionHost,
  ) {
    breakpoints.onDidChange((change) => this.onBreakpointsChanged(change));
  }

  get phase(): DebugPhase {
    return this.currentPhase;
  }

  get active(): boolean {
    return this.currentPhase !== 'inactive';
  }

  get stopState(): StopState | undefined {
    return this.stop;
  }

  get selectedFrame(): DebugProtocol.StackFrame | undefined {
    return this.frame;
  }

  get configuration(): LaunchArguments | undefined {
    return this.launchConfiguration;
  }

  onDidChange(listener: (change: DebugChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  attach(client: DapClient, capabilities: DebugProtocol.Capabilities, configuration: LaunchArguments): void {
    this.client = client;
    this.capabilities = capabilities;
    this.launchConfiguration = configuration;
    this.configured = false;
    this.sentPaths.clear();
    this.stop = undefined;
    this.frame = undefined;
    this.lastThreadId = undefined;
    client.onEvent((event) => {
      if (this.client === client) this.onEvent(event);
    });
    this.setPhase('initializing');
  }

  async configure(client: DapClient): Promise<void> {
    if (this.client !== client) return;
    await this.sendAll();
    this.configured = true;
    if (this.currentPhase === 'initializing') this.setPhase('running');
  }

  detach(client: DapClient): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.stop = undefined;
    this.frame = undefined;
    this.runToCursorPath = undefined;
    this.generation++;
    this.breakpoints.clearVerification();
    this.setPhase('inactive');
  }

  // ── Execution control ──

  continue(): Promise<void> {
    return this.resume('continue', { threadId: this.threadId() });
  }

  step(kind: StepKind): Promise<void> {
    const instruction = this.granularity === 'instruction' && this.capabilities.supportsSteppingGranularity;
    return this.resume(kind, { threadId: this.threadId(), granularity: instruction ? 'instruction' : undefined });
  }

  /**
   * VS Code's Run to Cursor: the file's breakpoints are sent with one more at `line`, and the guest continues; at the
   * next stop, whatever stopped it, the file's own breakpoints are sent again. Rejects when no code is at that line.
   */
  async runToCursor(path: string, line: number): Promise<void> {
    const client = this.requireClient();
    const root = this.host.workspaceRoot();
    if (this.currentPhase !== 'stopped' || !root) return;
    await this.sending;
    const enabled = this.breakpoints.sources(path).filter((breakpoint) => breakpoint.enabled);
    this.runToCursorPath = path;
    this.sentPaths.add(path);
    const body = await client.request<DebugProtocol.SetBreakpointsResponse['body']>('setBreakpoints', this.sourceBreakpointArguments(root, path, enabled, line));
    this.verify(client, enabled, body?.breakpoints?.slice(0, enabled.length));
    const target = body?.breakpoints?.[enabled.length];
    if (!target?.verified) {
      this.restoreAfterRunToCursor();
      throw new Error(`Cannot run to line ${line} of ${path}: ${target?.message ?? 'the debugger found no code at that line'}.`);
    }
    await this.continue();
  }

  /** VS Code's Jump to Cursor (DAP gotoTargets, goto): execution goes on from the line, skipping what lies between. */
  async jumpToCursor(path: string, line: number): Promise<void> {
    const client = this.requireClient();
    const root = this.host.workspaceRoot();
    if (this.currentPhase !== 'stopped' || !root) return;
    if (!this.capabilities.supportsGotoTargetsRequest) throw new Error('This debug adapter cannot jump to a line.');
    const body = await client.request<DebugProtocol.GotoTargetsResponse['body']>('gotoTargets', { source: { path: toAbsolutePath(root, path), name: path.slice(path.lastIndexOf('/') + 1) }, line });
    const target = body?.targets[0];
    if (!target) throw new Error(`Cannot jump to line ${line} of ${path}: the debugger offers no target there.`);
    await this.resume('goto', { threadId: this.threadId(), targetId: target.id });
  }

  async pause(): Promise<void> {
    const client = this.requireClient();
    let threadId = this.lastThreadId;
    if (threadId === undefined) {
      const { threads } = await client.request<DebugProtocol.ThreadsResponse['body']>('threads');
      threadId = threads[0]?.id ?? 1;
    }
    await client.request('pause', { threadId });
  }

  /** Restarts in place when the adapter can (DAP `restart`); false tells the caller to stop and launch again. */
  async restartInPlace(): Promise<boolean> {
    const client = this.client;
    if (!client || !this.capabilities.supportsRestartRequest) return false;
    this.markRunning();
    await client.request('restart', { arguments: { ...this.launchConfiguration, noDebug: false } });
    return true;
  }

  selectFrame(frame: DebugProtocol.StackFrame): void {
    if (!this.stop?.frames.includes(frame)) return;
    this.frame = frame;
    this.fire('frame');
  }

  // ── Queries while stopped ──

  /** DAP setVariable: `name` of container `variablesReference` takes `value` (an expression); resolves with the value read back. */
  async setVariable(variablesReference: number, name: string, value: string): Promise<string> {
    if (!this.capabilities.supportsSetVariable) throw new Error('This debug adapter cannot set values.');
    const body = await this.requireClient().request<DebugProtocol.SetVariableResponse['body']>('setVariable', { variablesReference, name, value });
    // Other views (watch, memory) may show what just changed: they read again, as after a stop.
    this.fire('frame');
    return body.value;
  }

  scopes(frameId: number): Promise<DebugProtocol.Scope[]> {
    return this.requireClient().request<DebugProtocol.ScopesResponse['body']>('scopes', { frameId }).then((body) => body.scopes);
  }

  variables(variablesReference: number): Promise<DebugProtocol.Variable[]> {
    return this.requireClient()
      .request<DebugProtocol.VariablesResponse['body']>('variables', { variablesReference })
      .then((body) => body.variables);
  }

  evaluate(expression: string, context: 'watch' | 'repl' | 'hover' | 'clipboard'): Promise<DebugProtocol.EvaluateResponse['body']> {
    const args: DebugProtocol.EvaluateArguments = { expression, context, frameId: this.frame?.id };
    return this.requireClient().request<DebugProtocol.EvaluateResponse['body']>('evaluate', args);
  }

  disassemble(args: DebugProtocol.DisassembleArguments): Promise<DebugProtocol.DisassembledInstruction[]> {
    return this.requireClient()
      .request<DebugProtocol.DisassembleResponse['body']>('disassemble', args)
      .then((body) => body?.instructions ?? []);
  }

  readMemory(args: DebugProtocol.ReadMemoryArguments): Promise<DebugProtocol.ReadMemoryResponse['body']> {
    return this.requireClient().request<DebugProtocol.ReadMemoryResponse['body']>('readMemory', args);
  }

  // ── Internals ──

  private async resume(command: 'continue' | 'goto' | StepKind, args: Record<string, unknown>): Promise<void> {
    const client = this.requireClient();
    if (this.currentPhase !== 'stopped') return;
    // Breakpoints being sent (Run to Cursor's line taken back) go out before the guest runs again.
    await this.sending;
    if (this.currentPhase !== 'stopped' || this.client !== client) return;
    const before = this.stop;
    const frame = this.frame;
    // Running before the request goes out: a quick `stopped` event may overtake the response.
    this.markRunning();
    try {
      await client.request(command, args);
    } catch (error) {
      if (this.phase === 'running' && this.client === client) {
        this.stop = before;
        this.frame = frame;
        this.setPhase('stopped');
      }
      throw error;
    }
  }

  private markRunning(): void {
    this.generation++;
    this.stop = undefined;
    this.frame = undefined;
    this.setPhase('running');
  }

  private onEvent(event: DapEvent): void {
    const body = event.body ?? {};
    if (event.event === 'stopped') void this.onStopped(body as unknown as DebugProtocol.StoppedEvent['body']);
    else if (event.event === 'continued') {
      if (this.currentPhase === 'stopped') this.markRunning();
    } else if (event.event === 'breakpoint') {
      this.breakpoints.updateFromAdapter((body as unknown as DebugProtocol.BreakpointEvent['body']).breakpoint);
    } else if (event.event === 'invalidated' && this.currentPhase === 'stopped' && this.stop) {
      void this.onStopped({ reason: this.stop.reason, threadId: this.stop.threadId, description: this.stop.description });
    }
  }

  private async onStopped(body: DebugProtocol.StoppedEvent['body']): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.restoreAfterRunToCursor();
    const generation = ++this.generation;
    this.setPhase('stopped');
    try {
      const { threads } = await client.request<DebugProtocol.ThreadsResponse['body']>('threads');
      const threadId = body.threadId ?? this.lastThreadId ?? threads[0]?.id ?? 1;
      const { stackFrames } = await client.request<DebugProtocol.StackTraceResponse['body']>('stackTrace', { threadId, startFrame: 0, levels: STACK_LEVELS });
      if (generation !== this.generation) return;
      this.lastThreadId = threadId;
      this.stop = { threadId, reason: body.reason, description: body.description ?? body.text, threads, frames: stackFrames };
      this.frame = stackFrames[0];
      this.fire('stopped');
    } catch (error) {
      if (generation !== this.generation) return;
      this.stop = { threadId: body.threadId ?? 1, reason: body.reason, description: body.description, threads: [], frames: [] };
      this.frame = undefined;
      this.fire('stopped');
      this.host.onBackgroundError(`Could not read the stack after the stop: ${(error as Error).message}`);
    }
  }

  private threadId(): number {
    return this.stop?.threadId ?? this.lastThreadId ?? 1;
  }

  private requireClient(): DapClient {
    if (!this.client) throw new Error('no debug session is running');
    return this.client;
  }

  private setPhase(phase: DebugPhase): void {
    if (this.currentPhase === phase) return;
    this.currentPhase = phase;
    this.fire('phase');
  }

  private fire(change: DebugChange): void {
    for (const listener of this.listeners) listener(change);
  }

  // ── Breakpoints to the adapter ──

  private onBreakpointsChanged(change: BreakpointChange): void {
    if (!this.client || !this.configured) return;
    if (change.sources.length === 0 && !change.functions && !change.instructions && !change.data) return;
    this.enqueue(change);
  }

  private sendAll(): Promise<void> {
    return this.enqueue({ sources: [...new Set([...this.breakpoints.sourcePaths(), ...this.sentPaths])], functions: true, instructions: true, data: true });
  }

  /** Sends in order: a later change to a path must not be overtaken by an earlier one. */
  private enqueue(change: BreakpointChange): Promise<void> {
    const client = this.client;
    if (!client) return Promise.resolve();
    this.sending = this.sending.then(() => this.send(client, change).catch((error: Error) => this.host.onBackgroundError(`Could not set breakpoints: ${error.message}`)));
    return this.sending;
  }

  private async send(client: DapClient, change: BreakpointChange): Promise<void> {
    const root = this.host.workspaceRoot();
    if (root) {
      for (const path of change.sources) {
        const enabled = this.breakpoints.sources(path).filter((breakpoint) => breakpoint.enabled);
        if (enabled.length === 0 && !this.sentPaths.has(path)) continue;
        const body = await client.request<DebugProtocol.SetBreakpointsResponse['body']>('setBreakpoints', this.sourceBreakpointArguments(root, path, enabled));
        if (enabled.length) this.sentPaths.add(path);
        else this.sentPaths.delete(path);
        this.verify(client, enabled, body?.breakpoints);
      }
    }
    if (change.functions && this.capabilities.supportsFunctionBreakpoints) {
      const enabled = this.breakpoints.functions().filter((breakpoint) => breakpoint.enabled);
      const body = await client.request<DebugProtocol.SetFunctionBreakpointsResponse['body']>('setFunctionBreakpoints', {
        breakpoints: enabled.map((breakpoint) => ({ name: breakpoint.name, ...this.conditionsOf(breakpoint) })),
      });
      this.verify(client, enabled, body?.breakpoints);
    }
    if (change.instructions && this.capabilities.supportsInstructionBreakpoints) {
      const enabled = this.breakpoints.instructions().filter((breakpoint) => breakpoint.enabled);
      const body = await client.request<DebugProtocol.SetInstructionBreakpointsResponse['body']>('setInstructionBreakpoints', {
        breakpoints: enabled.map((breakpoint) => ({ instructionReference: breakpoint.address })),
      });
      this.verify(client, enabled, body?.breakpoints);
    }
    if (change.data && this.capabilities.supportsDataBreakpoints) await this.sendData(client);
  }

  /** A file's enabled breakpoints as `setBreakpoints` sends them, with Run to Cursor's `extraLine` last. */
  private sourceBreakpointArguments(root: string, path: string, enabled: SourceBreakpoint[], extraLine?: number): DebugProtocol.SetBreakpointsArguments {
    const breakpoints: DebugProtocol.SourceBreakpoint[] = enabled.map((breakpoint) => ({
      line: breakpoint.line,
      ...this.conditionsOf(breakpoint),
      logMessage: this.capabilities.supportsLogPoints ? breakpoint.logMessage : undefined,
    }));
    if (extraLine !== undefined) breakpoints.push({ line: extraLine });
    return {
      source: { path: toAbsolutePath(root, path), name: path.slice(path.lastIndexOf('/') + 1) },
      breakpoints,
      lines: breakpoints.map((breakpoint) => breakpoint.line),
      sourceModified: false,
    };
  }

  /** The condition and hit count the adapter can take (an adapter without them gets neither). */
  private conditionsOf(breakpoint: SourceBreakpoint | FunctionBreakpoint | DataBreakpoint): { condition?: string; hitCondition?: string } {
    return {
      condition: this.capabilities.supportsConditionalBreakpoints ? breakpoint.condition : undefined,
      hitCondition: this.capabilities.supportsHitConditionalBreakpoints ? breakpoint.hitCondition : undefined,
    };
  }

  private restoreAfterRunToCursor(): void {
    const path = this.runToCursorPath;
    if (path === undefined) return;
    this.runToCursorPath = undefined;
    void this.enqueue({ sources: [path], functions: false, instructions: false });
  }

  /** Data breakpoints: each expression asked for its data id (where the adapter can watch it), then all set at once. */
  private async sendData(client: DapClient): Promise<void> {
    const enabled = this.breakpoints.data().filter((breakpoint) => breakpoint.enabled);
    const placed: { breakpoint: DataBreakpoint; dataId: string }[] = [];
    for (const breakpoint of enabled) {
      const info = await client.request<DebugProtocol.DataBreakpointInfoResponse['body']>('dataBreakpointInfo', { name: breakpoint.expression, frameId: this.frame?.id });
      if (info?.dataId) placed.push({ breakpoint, dataId: info.dataId });
      else this.verify(client, [breakpoint], [{ verified: false, message: info?.description ?? 'The debugger cannot watch this expression.' }]);
    }
    const body = await client.request<DebugProtocol.SetDataBreakpointsResponse['body']>('setDataBreakpoints', {
      breakpoints: placed.map(({ breakpoint, dataId }) => ({ dataId, accessType: breakpoint.accessType, ...this.conditionsOf(breakpoint) })),
    });
    this.verify(
      client,
      placed.map(({ breakpoint }) => breakpoint),
      body?.breakpoints,
    );
  }

  private verify(client: DapClient, sent: Breakpoint[], results: DebugProtocol.Breakpoint[] | undefined): void {
    if (this.client === client && results) this.breakpoints.applyVerification(sent, results);
  }
}
