// The Mirador debug adapter: DAP requests in, mapped onto the launch engine and the gdb engine (vscode-mock-debug style).
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { ContinuedEvent, DebugSession, Event, ExitedEvent, InitializedEvent, MemoryEvent, OutputEvent, StoppedEvent, TerminatedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { LaunchArguments, LaunchPlan } from '../../api/launch-protocol';
import { FILTER_ERROR_INVALID, PACKETS_EVENT, SYSLOG_EVENT } from '../../api/packets-protocol';
import { MiradorError } from '../../services/mirador-error';
import { PacketFilterError } from '../../services/packets/packet-filter-error';
import { VmmProcess } from '../launch/vmm-process';
import { shellStatus, type VmmExit } from '../launch/vmm-exit';
import type { BreakpointOutcome, BreakpointRequest } from '../gdb/breakpoint-book';
import { ENTRY_STOP_FORMS, parseEntryStop, type EntryStop } from '../gdb/entry-stop';
import { locateGdb } from '../gdb/gdb-executable';
import { GuestDebugger, VmmGoneError, type EngineStop, type StepGranularity } from '../gdb/guest-debugger';
import { readImageFacts } from '../gdb/image-facts';
import {
  BOOT_PHASE_EVENT,
  LAUNCH_ERROR_FAILED,
  LAUNCH_ERROR_INVALID_ARGUMENTS,
  LAUNCH_PLAN_EVENT,
  VMM_EXITED_EVENT,
  launchPlanEventBody,
  type VmmExitedEventBody,
} from './adapter-events';
import { BootPhaseClock } from './boot-phase-clock';
import { BreakpointIds } from './breakpoint-ids';
import { ConsoleOutputBatch } from './console-output-batch';
import { DapInspection } from './dap-inspection';
import { describeLaunch } from './launch-description';
import type { LaunchPlanner } from './launch-planner';
import { PACKET_REQUESTS, answerPacketRequest } from './packet-requests';
import { RunCapture } from './run-capture';

export type MiradorLaunchRequestArguments = LaunchArguments & DebugProtocol.LaunchRequestArguments;

export interface MiradorDebugSessionOptions {
  planLaunch: LaunchPlanner;
  /** Where relative paths of a launch resolve (default: the adapter's working folder). */
  workspaceFolder?: string;
  /** Called once the session is over: the VMM and gdb are gone and the run folder removed. The adapter process exits then. */
  onEnded?(): void;
  /**
   * Gather the guest's console into output events of up to 10 ms (default true): each message over a pipe wakes the
   * client. An adapter in the client's own process (`mirador run`) has no pipe and sends each piece as it comes.
   */
  batchConsole?: boolean;
}

/** `body.error.id` of a failed inspection or run-control request (not a launch). */
const REQUEST_FAILED = 3100;

/** One launch (a restart makes the next one): its VMM, its debugger if any, its phases and its console decoders. */
interface GuestRun {
  runDir?: string;
  vmm?: VmmProcess;
  engine?: GuestDebugger;
  inspection?: DapInspection;
  /** The run's frames when its plan records traffic; kept after the VMM exits, for browsing and export. */
  capture?: RunCapture;
  phases: BootPhaseClock;
  readonly consoleDecoder: StringDecoder;
  readonly stderrDecoder: StringDecoder;
  /** Exit reports wait for the launch response; a replaced run (restart) reports nothing. */
  responded: boolean;
  pendingExit?: VmmExit;
  silent: boolean;
  exitReported?: Promise<void>;
}

type Deferred<T> = { promise: Promise<T>; resolve(value: T): void };

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

/**
 * Built on DebugSession rather than LoggingDebugSession: the latter serialises every event for its trace log even when
 * tracing is off, and console output and stepping are the hot paths here.
 */
export class MiradorDebugSession extends DebugSession {
  private run: GuestRun | undefined;
  private launchArgs: MiradorLaunchRequestArguments | undefined;
  private launching: Promise<void> | undefined;
  private ending: Promise<void> | undefined;
  private readonly configured = deferred<void>();
  /** The engine of the current run once it accepts breakpoints; undefined when the run has no debugger. */
  private engineReady = deferred<GuestDebugger | undefined>();
  private readonly breakpointGroups = new Map<string, BreakpointRequest[]>();
  private readonly breakpointIds = new BreakpointIds();
  /** Jump to Cursor's targets, by id − 1 (a handful a session: kept). */
  private readonly gotoTargets: { file: string; line: number }[] = [];
  /** The guest's console, sent as fewer, larger output events (see sendEvent). */
  private readonly guestConsole = new ConsoleOutputBatch((text) => super.sendEvent(new OutputEvent(text, 'stdout')));

  constructor(private readonly options: MiradorDebugSessionOptions) {
    super();
    // gdb counts lines and columns from 1 (DebugSession assumes 0 unless told).
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  /**
   * The guest's console waits a few milliseconds for more text; any other event sends it first, so a client never sees
   * a stop or the exit before the console text that came before it.
   */
  override sendEvent(event: DebugProtocol.Event): void {
    const body = event.body as { category?: string; output?: string } | undefined;
    if (event.event === 'output' && body?.category === 'stdout' && body.output !== undefined && this.options.batchConsole !== false) {
      this.guestConsole.add(body.output);
      return;
    }
    this.guestConsole.flush();
    super.sendEvent(event);
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      ...response.body,
      supportsConfigurationDoneRequest: true,
      supportsFunctionBreakpoints: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsDataBreakpoints: true,
      supportsLogPoints: true,
      supportsGotoTargetsRequest: true,
      supportsSetVariable: true,
      supportsInstructionBreakpoints: true,
      supportsSteppingGranularity: true,
      supportsRestartRequest: true,
      supportsTerminateRequest: true,
      supportsDisassembleRequest: true,
      supportsReadMemoryRequest: true,
      supportsWriteMemoryRequest: true,
      supportsEvaluateForHovers: true,
    };
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
  }

  // ---- launch, restart, end ------------------------------------------------------------------------------------

  protected override launchRequest(response: DebugProtocol.LaunchResponse, args: MiradorLaunchRequestArguments): void {
    if (this.launching || this.ending) {
      this.sendErrorResponse(response, { id: LAUNCH_ERROR_INVALID_ARGUMENTS, format: 'this session has already launched a guest; start a new debug session', showUser: true });
      return;
    }
    this.launchArgs = args;
    this.launching = this.startRun(args).then((failure) => this.answerLaunch(response, failure));
  }

  private answerLaunch(response: DebugProtocol.Response, failure: { id: number; message: string } | undefined): void {
    if (failure) this.sendErrorResponse(response, { id: failure.id, format: escapeFormat(failure.message), showUser: true });
    else this.sendResponse(response);
    const run = this.run;
    if (!run) return;
    run.responded = true;
    if (run.pendingExit) void this.reportExit(run, run.pendingExit);
  }

  /** Resolves with undefined when the guest started (its exit may already be on its way), or with why it did not. */
  private async startRun(args: MiradorLaunchRequestArguments, restart = false): Promise<{ id: number; message: string } | undefined> {
    const run: GuestRun = {
      phases: new BootPhaseClock((body) => this.sendEvent(new Event(BOOT_PHASE_EVENT, body))),
      consoleDecoder: new StringDecoder('utf8'),
      stderrDecoder: new StringDecoder('utf8'),
      responded: false,
      silent: false,
    };
    this.run = run;
    const debugging = args.noDebug !== true;
    try {
      const entryStop = parseEntryStop(args.stopOnEntry);
      if (!entryStop) throw new MiradorError('invalid-params', `${ENTRY_STOP_FORMS}, not ${JSON.stringify(args.stopOnEntry)}.`);
      run.runDir = await mkdtemp(path.join(os.tmpdir(), 'mirador-run-'));
      const workspaceFolder = this.options.workspaceFolder ?? process.cwd();
      const plan = await this.options.planLaunch({ launch: args, workspaceFolder, runDir: run.runDir });
      if (this.ending || run.silent) throw new MiradorError('unavailable', 'the session ended before the guest started');
      const gdbPath = debugging && plan.gdb ? await this.requireGdb() : undefined;
      this.sendEvent(new Event(LAUNCH_PLAN_EVENT, launchPlanEventBody(plan)));
      this.sendEvent(new OutputEvent(describeLaunch(plan), 'console'));
      if (debugging && !plan.gdb) {
        this.output(`Mirador: the ${plan.target} target has no gdb stub here, so boot stepping is not available there: running without the debugger.\n`, 'important');
      }
      if (plan.capture.kind !== 'none') {
        const current = () => run === this.run && !run.silent;
        run.capture = new RunCapture(plan.capture, {
          packets: (body) => current() && this.sendEvent(new Event(PACKETS_EVENT, body)),
          syslog: (body) => current() && this.sendEvent(new Event(SYSLOG_EVENT, body)),
          notice: (text) => current() && this.output(`Mirador: ${text}\n`, 'important'),
        });
        // Listening before the VMM starts: QEMU connects to the socket at once, and tcpdump must not miss the first frames.
        await run.capture.start();
      }
      const vmm = this.startVmm(run, plan);
      const { pid } = await vmm.start();
      run.phases.mark('vmm-start');
      this.sendEvent(new Event('process', { name: plan.command, systemProcessId: pid, isLocalProcess: true, startMethod: 'launch' }));
      if (gdbPath) await this.attachDebugger(run, plan, gdbPath, path.resolve(workspaceFolder, args.kernel ?? ''), entryStop, restart);
      else this.engineReady.resolve(undefined);
      return undefined;
    } catch (error) {
      this.engineReady.resolve(undefined);
      if (error instanceof VmmGoneError) return undefined;
      if (run.vmm) await run.vmm.stop();
      await run.capture?.stop();
      const invalid = error instanceof MiradorError && (error.code === 'invalid-params' || error.code === 'not-found');
      return { id: invalid ? LAUNCH_ERROR_INVALID_ARGUMENTS : LAUNCH_ERROR_FAILED, message: error instanceof Error ? error.message : String(error) };
    }
  }

  private async requireGdb(): Promise<string> {
    const location = await locateGdb();
    if ('problem' in location) throw new MiradorError('unavailable', location.problem);
    return location.found;
  }

  private startVmm(run: GuestRun, plan: LaunchPlan): VmmProcess {
    const vmm = new VmmProcess(plan, {
      onConsole: (chunk) => {
        if (chunk.length > 0) run.phases.mark('first-console-byte');
        this.output(run.consoleDecoder.write(chunk), 'stdout');
      },
      onStderr: (chunk) => this.output(run.stderrDecoder.write(chunk), 'stderr'),
      onExited: (exit) => {
        // Terminated must not overtake the launch response.
        if (run.responded) void this.reportExit(run, exit);
        else run.pendingExit = exit;
      },
    });
    run.vmm = vmm;
    return vmm;
  }

  /** gdb connects while the VMM holds the CPU at its first instruction; the guest runs once configuration is done. */
  private async attachDebugger(run: GuestRun, plan: LaunchPlan, gdbPath: string, image: string, entryStop: EntryStop, restart: boolean): Promise<void> {
    const engine = await GuestDebugger.connect({
      gdbPath,
      plan,
      image: await readImageFacts(image),
      runDir: run.runDir!,
      entryStop,
      vmmGone: run.vmm!.exited,
      observer: {
        onStopped: (stop) => this.reportStop(run, stop),
        onContinued: () => {
          run.inspection?.forget();
          this.sendEvent(new ContinuedEvent(1, true));
        },
        onBootPhase: (phase) => run.phases.mark(phase),
        onOutput: (text, category) => this.output(text, category),
        onGdbExited: (description) => {
          this.output(`Mirador: ${description}; stopping the guest.\n`, 'important');
          void run.vmm?.stop();
        },
      },
    });
    run.engine = engine;
    run.inspection = new DapInspection(engine.state, (line) => this.convertDebuggerLineToClient(line));
    // After the launch response: the client's breakpoints and configurationDone come meanwhile and wait for this.
    void (async () => {
      try {
        await engine.prepareLandmarks();
        if (restart) {
          // A restart keeps the client's breakpoints (it does not send them again), under the same DAP ids.
          this.breakpointIds.forgetGdbNumbers();
          for (const [group, requests] of this.breakpointGroups) {
            const outcomes = await engine.setBreakpoints(group, requests);
            this.breakpointIds.assign(group, outcomes.map((outcome) => outcome.id), true);
          }
        }
        this.engineReady.resolve(engine);
        await this.configured.promise;
        await engine.start();
      } catch (error) {
        this.engineReady.resolve(engine);
        if (!run.silent && run.vmm) this.output(`Mirador: the debugger could not start the guest: ${(error as Error).message}\n`, 'important');
      }
    })();
  }

  private reportStop(run: GuestRun, stop: EngineStop): void {
    if (run !== this.run || run.silent) return;
    run.inspection?.forget();
    const event = new StoppedEvent(stop.reason, stop.threadId, stop.text) as DebugProtocol.StoppedEvent;
    event.body.allThreadsStopped = true;
    const hit = this.breakpointIds.toDap(stop.breakpointIds);
    if (hit.length > 0) event.body.hitBreakpointIds = hit;
    if (stop.text) event.body.description = stop.text;
    this.sendEvent(event);
  }

  private output(text: string, category: 'stdout' | 'stderr' | 'console' | 'important'): void {
    if (text !== '') this.sendEvent(new OutputEvent(text, category));
  }

  private reportExit(run: GuestRun, exit: VmmExit): Promise<void> {
    run.exitReported ??= (async () => {
      // gdb goes first: once a client sees `terminated`, no process of this run is left.
      await run.engine?.close();
      // The capture's last frames and its `ended` event come before the client hears the run is over.
      await run.capture?.finish();
      if (run.silent) return;
      run.phases.mark('exit');
      this.output(run.consoleDecoder.end(), 'stdout');
      this.output(run.stderrDecoder.end(), 'stderr');
      const stderrTail = run.vmm?.stderrLines() ?? [];
      const body: VmmExitedEventBody = { ...exit, stderrTail };
      this.sendEvent(new Event(VMM_EXITED_EVENT, body));
      if (exit.outcome === 'failed') {
        const said = stderrTail.slice(-3).join(' | ');
        this.output(`Mirador: ${exit.description}${said ? `: ${said}` : ''}\n`, 'important');
      }
      if (exit.outcome === 'guest-exited') this.sendEvent(new ExitedEvent(exit.guestStatus!));
      else if (exit.outcome === 'failed') this.sendEvent(new ExitedEvent(shellStatus(exit) || 1));
      this.sendEvent(new TerminatedEvent());
    })();
    return run.exitReported;
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.sendResponse(response);
    this.configured.resolve();
  }

  /** Stops this run's guest and debugger without reporting their end, then launches again with the same (or new) arguments. */
  protected override restartRequest(response: DebugProtocol.RestartResponse, args: DebugProtocol.RestartArguments | undefined): void {
    const launchArgs = (args?.arguments as MiradorLaunchRequestArguments | undefined) ?? this.launchArgs;
    if (!launchArgs || this.ending) {
      this.sendErrorResponse(response, { id: LAUNCH_ERROR_INVALID_ARGUMENTS, format: 'nothing to restart: launch first', showUser: true });
      return;
    }
    const previous = this.launching ?? Promise.resolve();
    this.launching = (async () => {
      await previous;
      const old = this.run;
      if (old) {
        old.silent = true;
        await old.vmm?.stop();
        await old.engine?.close();
        await old.capture?.stop();
        if (old.runDir) await rm(old.runDir, { recursive: true, force: true });
      }
      this.engineReady = deferred();
      this.launchArgs = launchArgs;
      this.answerLaunch(response, await this.startRun(launchArgs, true));
    })();
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.sendResponse(response);
    void this.stopGuest().then((stopped) => {
      // Without a VMM there is no exit to report, but the client still waits for `terminated`.
      if (!stopped) this.sendEvent(new TerminatedEvent());
    });
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    // A VMM cannot outlive its adapter (it dies with it), so disconnecting always stops the guest.
    void this.stopGuest().then(() => {
      this.sendResponse(response);
      this.shutdown();
    });
  }

  /** Ends the session: the DAP client left (disconnect, stdin closed) or the process was told to stop. */
  override shutdown(): void {
    void this.end();
  }

  end(): Promise<void> {
    this.ending ??= (async () => {
      await this.stopGuest();
      if (this.run?.runDir) await rm(this.run.runDir, { recursive: true, force: true });
      this.options.onEnded?.();
    })();
    return this.ending;
  }

  /** Resolves true when there was a VMM (now stopped, its exit reported), false when none was started. */
  private async stopGuest(): Promise<boolean> {
    await this.launching?.catch(() => undefined);
    const run = this.run;
    if (!run?.vmm) {
      await run?.engine?.close();
      return false;
    }
    // The VMM first: it then records that we stopped it (gdb leaving first would kill it from its side).
    const exit = await run.vmm.stop();
    await this.reportExit(run, exit);
    return true;
  }

  /** For a dying process: kills the VMM and gdb at once and removes the run folder, synchronously. */
  killNow(): void {
    // The console text still waiting for its batch goes to the client while it can.
    this.guestConsole.flush();
    this.run?.vmm?.killNow();
    this.run?.engine?.killNow();
    this.run?.capture?.killNow();
    if (this.run?.runDir) rmSync(this.run.runDir, { recursive: true, force: true });
  }

  // ---- breakpoints ---------------------------------------------------------------------------------------------

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    const file = args.source.path ?? args.source.name ?? '';
    const requests: BreakpointRequest[] = (args.breakpoints ?? []).map((breakpoint) => ({
      kind: 'source',
      location: file,
      line: this.convertClientLineToDebugger(breakpoint.line),
      condition: breakpoint.condition,
      hitCondition: breakpoint.hitCondition,
      logMessage: breakpoint.logMessage,
    }));
    void this.placeBreakpoints(response, `source:${file}`, requests, (outcome) => (outcome.line !== undefined ? { source: args.source, line: this.convertDebuggerLineToClient(outcome.line) } : { source: args.source }));
  }

  protected override setFunctionBreakPointsRequest(response: DebugProtocol.SetFunctionBreakpointsResponse, args: DebugProtocol.SetFunctionBreakpointsArguments): void {
    const requests: BreakpointRequest[] = args.breakpoints.map((breakpoint) => ({ kind: 'function', location: breakpoint.name, condition: breakpoint.condition, hitCondition: breakpoint.hitCondition }));
    void this.placeBreakpoints(response, 'function', requests, (outcome) => this.placeOf(outcome));
  }

  /** Data breakpoints watch expressions (`count`, `mbi->flags`, `*(int *)0x9000`); a variable of the Variables view is not one. */
  protected override dataBreakpointInfoRequest(response: DebugProtocol.DataBreakpointInfoResponse, args: DebugProtocol.DataBreakpointInfoArguments): void {
    if (args.variablesReference !== undefined) {
      response.body = { dataId: null, description: 'Watch an expression instead: Breakpoints › Add Data Breakpoint… (a variable here has no address to give).' };
    } else {
      response.body = { dataId: args.name, description: args.name, accessTypes: ['write', 'read', 'readWrite'], canPersist: true };
    }
    this.sendResponse(response);
  }

  protected override setDataBreakpointsRequest(response: DebugProtocol.SetDataBreakpointsResponse, args: DebugProtocol.SetDataBreakpointsArguments): void {
    const requests: BreakpointRequest[] = args.breakpoints.map((breakpoint) => ({
      kind: 'data',
      location: breakpoint.dataId,
      access: breakpoint.accessType ?? 'write',
      condition: breakpoint.condition,
      hitCondition: breakpoint.hitCondition,
    }));
    void this.placeBreakpoints(response, 'data', requests, () => ({}));
  }

  protected override setInstructionBreakpointsRequest(response: DebugProtocol.SetInstructionBreakpointsResponse, args: DebugProtocol.SetInstructionBreakpointsArguments): void {
    let requests: BreakpointRequest[];
    try {
      requests = args.breakpoints.map((breakpoint) => ({ kind: 'instruction', location: `0x${(BigInt(breakpoint.instructionReference) + BigInt(breakpoint.offset ?? 0)).toString(16)}`, condition: breakpoint.condition }));
    } catch {
      this.sendErrorResponse(response, { id: REQUEST_FAILED, format: 'an instructionReference is not an address (write it as 0x0010002c)' });
      return;
    }
    void this.placeBreakpoints(response, 'instruction', requests, (outcome) => ({ ...this.placeOf(outcome), ...(outcome.address ? { instructionReference: outcome.address } : {}) }));
  }

  private placeOf(outcome: BreakpointOutcome): Partial<DebugProtocol.Breakpoint> {
    if (!outcome.fullname || outcome.line === undefined) return {};
    return { source: { name: path.basename(outcome.fullname), path: outcome.fullname }, line: this.convertDebuggerLineToClient(outcome.line) };
  }

  private async placeBreakpoints(
    response: DebugProtocol.Response & { body: { breakpoints: DebugProtocol.Breakpoint[] } },
    group: string,
    requests: BreakpointRequest[],
    place: (outcome: BreakpointOutcome) => Partial<DebugProtocol.Breakpoint>,
  ): Promise<void> {
    this.breakpointGroups.set(group, requests);
    const engine = await this.engineReady.promise;
    let outcomes: BreakpointOutcome[];
    try {
      outcomes = engine && !engine.guestExited ? await engine.setBreakpoints(group, requests) : requests.map(() => ({ verified: false, message: 'Not debugging: this launch runs without gdb.' }));
    } catch (error) {
      outcomes = requests.map(() => ({ verified: false, message: (error as Error).message }));
    }
    const ids = this.breakpointIds.assign(group, outcomes.map((outcome) => outcome.id), false);
    response.body = {
      breakpoints: outcomes.map((outcome, index) => ({
        id: ids[index],
        verified: outcome.verified,
        ...(outcome.verified ? place(outcome) : {}),
        ...(outcome.message ? { message: outcome.message } : {}),
      })),
    };
    this.sendResponse(response);
  }

  // ---- run control ---------------------------------------------------------------------------------------------

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: this.run?.engine?.threadList() ?? [{ id: 1, name: 'guest' }] };
    this.sendResponse(response);
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    this.control(response, (engine) => engine.continue(), { allThreadsContinued: true });
  }

  protected override nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    this.control(response, (engine) => engine.next(granularity(args.granularity), args.threadId));
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): void {
    this.control(response, (engine) => engine.stepIn(granularity(args.granularity), args.threadId));
  }

  /** Jump to Cursor: one target, the line asked for (gdb moves it to the line's code when it jumps). */
  protected override gotoTargetsRequest(response: DebugProtocol.GotoTargetsResponse, args: DebugProtocol.GotoTargetsArguments): void {
    const file = args.source.path ?? args.source.name ?? '';
    const id = this.gotoTargets.push({ file, line: this.convertClientLineToDebugger(args.line) });
    response.body = { targets: [{ id, label: `${path.basename(file)}:${args.line}`, line: args.line }] };
    this.sendResponse(response);
  }

  protected override gotoRequest(response: DebugProtocol.GotoResponse, args: DebugProtocol.GotoArguments): void {
    const target = this.gotoTargets[args.targetId - 1];
    if (!target) {
      this.sendErrorResponse(response, { id: REQUEST_FAILED, format: `no goto target ${args.targetId}: ask gotoTargets first` });
      return;
    }
    this.control(response, (engine) => engine.jumpTo(target.file, target.line));
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse, args: DebugProtocol.StepOutArguments): void {
    this.control(response, (engine) => engine.stepOut(args.threadId));
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.control(response, (engine) => engine.pause());
  }

  private control(response: DebugProtocol.Response, action: (engine: GuestDebugger) => Promise<void>, body?: object): void {
    const run = this.run;
    if (!run?.engine) return this.fail(response, new Error('Not debugging: this launch runs without gdb.'));
    run.inspection?.forget();
    action(run.engine).then(
      () => {
        if (body) response.body = body;
        this.sendResponse(response);
      },
      (error: unknown) => this.fail(response, error),
    );
  }

  // ---- inspection ----------------------------------------------------------------------------------------------

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    this.inspect(response, (inspection) => inspection.stackTrace(args));
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    this.inspect(response, async (inspection) => inspection.scopes(args));
  }

  protected override setVariableRequest(response: DebugProtocol.SetVariableResponse, args: DebugProtocol.SetVariableArguments): void {
    this.inspect(response, (inspection) => inspection.setVariable(args));
  }

  protected override variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    this.inspect(response, (inspection) => inspection.variables(args));
  }

  protected override readMemoryRequest(response: DebugProtocol.ReadMemoryResponse, args: DebugProtocol.ReadMemoryArguments): void {
    this.inspect(response, (inspection) => inspection.readMemory(args));
  }

  protected override writeMemoryRequest(response: DebugProtocol.WriteMemoryResponse, args: DebugProtocol.WriteMemoryArguments): void {
    this.inspect(response, async (inspection) => {
      const written = await inspection.writeMemory(args);
      this.sendEvent(new MemoryEvent(args.memoryReference, args.offset ?? 0, written.bytesWritten));
      return { bytesWritten: written.bytesWritten };
    });
  }

  protected override disassembleRequest(response: DebugProtocol.DisassembleResponse, args: DebugProtocol.DisassembleArguments): void {
    this.inspect(response, (inspection) => inspection.disassemble(args));
  }

  /** gdb expressions; in the debug console, `-exec <gdb command>` runs a gdb command and prints what it printed. */
  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    const command = /^\s*-exec\s+(.+)$/s.exec(args.expression)?.[1];
    if (command !== undefined) {
      const engine = this.run?.engine;
      if (!engine) return this.fail(response, new Error('Not debugging: this launch runs without gdb.'));
      engine.state.console(command).then(
        (printed) => {
          this.output(printed.endsWith('\n') || printed === '' ? printed : `${printed}\n`, 'console');
          response.body = { result: '', variablesReference: 0 };
          this.sendResponse(response);
        },
        (error: unknown) => this.fail(response, error),
      );
      return;
    }
    this.inspect(response, (inspection) => inspection.evaluate(args.expression, args.frameId));
  }

  private inspect<B>(response: DebugProtocol.Response, answer: (inspection: DapInspection) => Promise<B>): void {
    const inspection = this.run?.inspection;
    if (!inspection) return this.fail(response, new Error('Not debugging: this launch runs without gdb.'));
    if (this.run?.engine?.isRunning) return this.fail(response, new Error('The guest is running: pause it first.'));
    answer(inspection).then(
      (body) => {
        response.body = body;
        this.sendResponse(response);
      },
      (error: unknown) => this.fail(response, error),
    );
  }

  // ---- capture ------------------------------------------------------------------------------------------------

  /** The packet requests of packets-protocol.ts, on the current run's capture (live, or kept after the VMM exited). */
  protected override customRequest(command: string, response: DebugProtocol.Response, args: unknown): void {
    if (!PACKET_REQUESTS.has(command)) return super.customRequest(command, response, args);
    const table = this.run?.capture?.table;
    if (!table) return this.fail(response, new Error('This run records no traffic: set "capture": true, with a network, in its run configuration.'));
    answerPacketRequest(command, args, table, this.options.workspaceFolder ?? process.cwd()).then(
      (body) => {
        response.body = body;
        this.sendResponse(response);
      },
      (error: unknown) => {
        if (!(error instanceof PacketFilterError)) return this.fail(response, error);
        // DAP message variables are strings: the column arrives as "13".
        this.sendErrorResponse(response, { id: FILTER_ERROR_INVALID, format: escapeFormat(error.message), variables: { column: String(error.column) }, showUser: false });
      },
    );
  }

  private fail(response: DebugProtocol.Response, error: unknown): void {
    this.sendErrorResponse(response, { id: REQUEST_FAILED, format: escapeFormat(error instanceof Error ? error.message : String(error)), showUser: false });
  }
}

function granularity(value: DebugProtocol.SteppingGranularity | undefined): StepGranularity {
  return value === 'instruction' ? 'instruction' : value === 'line' ? 'line' : 'statement';
}

/** DAP clients substitute `{name}` in an error's format string; a message must reach them literally. */
function escapeFormat(message: string): string {
  return message.replace(/[{}]/g, (brace) => (brace === '{' ? '(' : ')'));
}
