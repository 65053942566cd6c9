// The debugging engine, free of DAP: drives gdb against a VMM's stub, keeps breakpoints, runs the guest, classifies stops.
import { writeFile } from 'node:fs/promises';
import type { LaunchPlan } from '../../api/launch-protocol';
import { BreakpointBook, type BreakpointOutcome, type BreakpointRequest } from './breakpoint-book';
import { planGdbConnection, type GdbConnectionPlan, type ImageFacts } from './gdb-connection-plan';
import { GdbDriver, type StepKind } from './gdb-driver';
import { GdbCommandError } from './gdb-mi-process';
import { readStop, type GdbFrame, type GdbStop } from './gdb-results';
import type { EntryStop } from './entry-stop';
import { GuestStateReader } from './guest-state-reader';
import type { MiAsyncRecord, MiStreamRecord } from './mi-record';

export type EngineStopReason = 'entry' | 'breakpoint' | 'function breakpoint' | 'instruction breakpoint' | 'data breakpoint' | 'goto' | 'step' | 'pause' | 'exception';

export interface EngineStop {
  reason: EngineStopReason;
  threadId: number;
  breakpointIds: number[];
  /** For people: "SIGSEGV", "application main reached"... */
  text?: string;
  frame?: GdbFrame;
}

export type EngineBootPhase = 'kernel-entry' | 'application-main';

export interface GuestDebuggerObserver {
  onStopped(stop: EngineStop): void;
  /** The guest runs again without the client asking (a `-exec continue` typed in the debug console). */
  onContinued(): void;
  onBootPhase(phase: EngineBootPhase): void;
  onOutput(text: string, category: 'console' | 'important'): void;
  /** gdb went away on its own; the session cannot go on. */
  onGdbExited(description: string): void;
}

export interface GuestDebuggerOptions {
  gdbPath: string;
  plan: LaunchPlan;
  image: ImageFacts;
  runDir: string;
  entryStop: EntryStop;
  observer: GuestDebuggerObserver;
  /** Settles when the VMM is gone: a connection still being attempted then gives up. */
  vmmGone: Promise<unknown>;
}

export type StepGranularity = 'statement' | 'line' | 'instruction';

/** Raised when the VMM died while gdb was connecting: the VMM's own exit report says why. */
export class VmmGoneError extends Error {}

/** Landmarks are the engine's own temporary breakpoints: boot phases, and the stop `stopOnEntry` asked for. */
interface Landmark {
  phases: EngineBootPhase[];
  entryStop: boolean;
}

const APPLICATION_MAIN_SYMBOLS = ['kernel_main', 'main'];
const DEFAULT_THREAD = 1;

export class GuestDebugger {
  private running = false;
  private exited = false;
  private userStepping = false;
  private expectRunning = false;
  /** The temporary breakpoint a Jump to Cursor waits at (its stop is reported as `goto`). */
  private jumpBreakpoint: string | undefined;
  private readonly landmarks = new Map<bigint, Landmark>();
  private readonly threads = new Map<number, string>();
  private internalPause: ((outcome: 'internal' | 'other') => void) | undefined;
  private lock: Promise<unknown> = Promise.resolve();
  private opened = false;
  private lastFrame: GdbFrame | undefined;
  private stopHandling: Promise<void> = Promise.resolve();
  private gdbGone = false;
  private closing = false;
  private book!: BreakpointBook;
  /** False when the image has no line information: steps then go by instruction. */
  hasLineInfo = true;

  /** Stack, variables, registers, memory and the console, for the stop the guest is in. */
  readonly state: GuestStateReader;

  private constructor(
    private readonly gdb: GdbDriver,
    private readonly connection: GdbConnectionPlan,
    private readonly options: GuestDebuggerOptions,
  ) {
    this.state = new GuestStateReader(gdb);
  }

  /** Starts gdb, loads the image, connects to the stub (the guest is then stopped where the VMM holds it). */
  static async connect(options: GuestDebuggerOptions): Promise<GuestDebugger> {
    const connection = planGdbConnection(options.plan, options.image, options.runDir);
    // gdb's records reach the engine, which exists only once gdb runs.
    const route: { engine?: GuestDebugger } = {};
    const gdb = await GdbDriver.start(
      { gdbPath: options.gdbPath, cwd: options.plan.cwd },
      {
        onAsync: (record) => route.engine?.onAsync(record),
        onStream: (record) => route.engine?.onStream(record),
        onExit: (exit) => route.engine?.onGdbExit(exit),
      },
    );
    const engine = new GuestDebugger(gdb, connection, options);
    route.engine = engine;
    try {
      await engine.open();
      return engine;
    } catch (error) {
      await gdb.exit(500);
      throw error;
    }
  }

  private async open(): Promise<void> {
    for (const file of this.connection.files) await writeFile(file.path, file.content, { mode: 0o600 });
    for (const command of this.connection.setup) await this.gdb.mi.request(command);
    // Landmarks waiting to be hit hold hardware slots too, where slots are few.
    this.book = new BreakpointBook(this.gdb, this.connection.breakpoints, () => this.landmarks.size);
    this.hasLineInfo = (await this.gdb.sourceFiles()).length > 0;
    const gone = this.options.vmmGone.then(() => {
      throw new VmmGoneError('the VMM exited before gdb could connect');
    });
    gone.catch(() => undefined);
    await Promise.race([this.gdb.connectRemote(this.connection.host, this.connection.port), gone]);
    this.opened = true;
    if (this.threads.size === 0) this.threads.set(DEFAULT_THREAD, `CPU ${DEFAULT_THREAD}`);
    for (const notice of this.connection.notices) this.options.observer.onOutput(`Mirador: ${notice}\n`, 'console');
    if (!this.hasLineInfo) {
      this.options.observer.onOutput(
        `Mirador: ${this.options.image.path} has no debugging information (no DWARF line table): stepping goes by instruction and the disassembly shows where the guest is. Build with -g for source-level debugging.\n`,
        'important',
      );
    }
  }

  get isRunning(): boolean {
    return this.running;
  }

  threadList(): { id: number; name: string }[] {
    return [...this.threads].map(([id, name]) => ({ id, name }));
  }

  /** Places the landmarks: the stop `stopOnEntry` asked for, and boot-phase breakpoints where the stub can afford them. */
  async prepareLandmarks(): Promise<void> {
    const { entryStop, image } = this.options;
    const entryLocation = image.entry !== null ? `*0x${image.entry.toString(16)}` : '_start';
    if (entryStop.kind === 'entry') await this.placeLandmark(entryLocation, { entryStop: true });
    if (entryStop.kind === 'symbol') {
      const placed = await this.placeLandmark(entryStop.name, { entryStop: true });
      if (!placed) this.options.observer.onOutput(`Mirador: stopOnEntry names "${entryStop.name}", which is not a symbol of ${image.path}; the guest runs without that stop.\n`, 'important');
    }
    if (!this.connection.bootPhaseBreakpoints) return;
    await this.placeLandmark(entryLocation, { phase: 'kernel-entry' });
    for (const symbol of APPLICATION_MAIN_SYMBOLS) if (await this.placeLandmark(symbol, { phase: 'application-main' })) break;
  }

  private async placeLandmark(location: string, what: { phase?: EngineBootPhase; entryStop?: boolean }): Promise<boolean> {
    try {
      const breakpoint = await this.gdb.insertBreakpoint({ location, temporary: true, hardware: this.connection.breakpoints.hardware });
      if (!breakpoint.address?.startsWith('0x')) return false;
      const address = BigInt(breakpoint.address);
      const landmark = this.landmarks.get(address) ?? { phases: [], entryStop: false };
      if (what.phase) landmark.phases.push(what.phase);
      if (what.entryStop) landmark.entryStop = true;
      this.landmarks.set(address, landmark);
      return true;
    } catch (error) {
      if (error instanceof GdbCommandError) return false;
      throw error;
    }
  }

  /** After configurationDone: report the reset-vector stop, or let the guest run. */
  start(): Promise<void> {
    // In the lock: breakpoints still being placed are in before the guest runs or the stop is reported.
    return this.exclusive(async () => {
      if (this.options.entryStop.kind !== 'reset') return this.resumeNow('continue', false);
      this.options.observer.onStopped({ reason: 'entry', threadId: DEFAULT_THREAD, breakpointIds: [], text: this.connection.resetStopText, ...(this.lastFrame ? { frame: this.lastFrame } : {}) });
      this.state.prefetch(DEFAULT_THREAD);
    });
  }

  /** Replaces one group of the user's breakpoints; a running guest is paused for it and resumed after. */
  setBreakpoints(group: string, requests: BreakpointRequest[]): Promise<BreakpointOutcome[]> {
    return this.exclusive(async () => {
      const resumeAfter = await this.pauseInternally();
      try {
        return await this.book.replace(group, requests);
      } finally {
        if (resumeAfter) await this.resumeNow('continue', false);
      }
    });
  }

  continue(): Promise<void> {
    return this.exclusive(() => this.resumeNow('continue', false));
  }

  /** Without line information (no DWARF, BIOS code at the reset vector) a source step has no line to reach. */
  next(granularity: StepGranularity = 'statement', threadId?: number): Promise<void> {
    return this.exclusive(() => this.resumeNow(this.byInstruction(granularity) ? 'next-instruction' : 'next', true, threadId));
  }

  stepIn(granularity: StepGranularity = 'statement', threadId?: number): Promise<void> {
    return this.exclusive(() => this.resumeNow(this.byInstruction(granularity) ? 'step-instruction' : 'step', true, threadId));
  }

  stepOut(threadId?: number): Promise<void> {
    return this.exclusive(() => this.resumeNow('finish', true, threadId));
  }

  async pause(): Promise<void> {
    if (this.running) await this.gdb.interrupt();
  }

  /**
   * Jump to Cursor (DAP `goto`): execution goes on from `line` of `file` without running what lies between; a
   * temporary breakpoint there makes the guest stop at once, reported as a `goto` stop. Skipped code stays skipped.
   */
  jumpTo(file: string, line: number): Promise<void> {
    return this.exclusive(async () => {
      const target = await this.gdb.insertBreakpoint({ source: { file, line }, temporary: true, hardware: this.connection.breakpoints.hardware });
      this.jumpBreakpoint = target.number;
      await this.state.forget();
      this.expectRunning = true;
      try {
        await this.gdb.jump(target.fullname ?? file, target.line ?? line);
      } catch (error) {
        this.expectRunning = false;
        this.jumpBreakpoint = undefined;
        await this.gdb.deleteBreakpoints([target.number]).catch(() => undefined);
        throw error;
      }
    });
  }

  private byInstruction(granularity: StepGranularity): boolean {
    return granularity === 'instruction' || !this.hasLineInfo || this.lastFrame?.line === undefined;
  }

  private async resumeNow(kind: StepKind, userStep: boolean, threadId?: number): Promise<void> {
    await this.state.forget();
    this.userStepping = userStep;
    // Our own resumes announce nothing; a `*running` nobody asked for (a console `-exec continue`) is reported.
    this.expectRunning = true;
    try {
      // `running` follows gdb's `*running` and `*stopped` records, never this answer: a fast stop can be read in the
      // same chunk as `^running`, before this continuation runs.
      await this.gdb.resume(kind, threadId);
    } catch (error) {
      this.expectRunning = false;
      this.userStepping = false;
      throw error;
    }
  }

  /** Stops a running guest for our own purposes; true when it was running (and should be resumed after). */
  private async pauseInternally(): Promise<boolean> {
    if (!this.running) return false;
    const outcome = new Promise<'internal' | 'other'>((resolve) => (this.internalPause = resolve));
    await this.gdb.interrupt();
    // A breakpoint hit just before the interrupt is the user's stop: reported as such, and not resumed.
    return (await outcome) === 'internal';
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.lock.then(work, work);
    this.lock = result.catch(() => undefined);
    return result;
  }

  private onAsync(record: MiAsyncRecord): void {
    if (record.type === 'notify') {
      const id = Number(record.results.id);
      if (record.asyncClass === 'thread-created' && Number.isInteger(id)) this.threads.set(id, `CPU ${id}`);
      if (record.asyncClass === 'thread-exited' && Number.isInteger(id)) this.threads.delete(id);
      if (record.asyncClass === 'thread-group-exited') this.exited = true;
      return;
    }
    if (record.type !== 'exec') return;
    if (record.asyncClass === 'running') {
      this.running = true;
      if (this.expectRunning) this.expectRunning = false;
      else if (this.opened) this.options.observer.onContinued();
      return;
    }
    if (record.asyncClass === 'stopped') {
      this.running = false;
      const stop = readStop(record.results);
      this.lastFrame = stop.frame;
      // Before the connection is open, the one stop is the stub's answer to connecting: the guest waits there.
      if (!this.opened) return;
      // Stops are handled one after the other: a landmark's auto-continue must not overtake the next stop.
      this.stopHandling = this.stopHandling.then(() => this.onStopped(stop)).catch((error: unknown) => this.options.observer.onOutput(`Mirador: ${(error as Error).message}\n`, 'important'));
    }
  }

  private async onStopped(stop: GdbStop): Promise<void> {
    const internal = this.internalPause;
    if (internal) {
      this.internalPause = undefined;
      const interrupted = stop.reason === 'signal-received' && stop.signalName === 'SIGINT';
      internal(interrupted ? 'internal' : 'other');
      if (interrupted) return;
    }
    if (stop.reason?.startsWith('exited')) return;
    const threadId = stop.threadId !== undefined && /^\d+$/.test(stop.threadId) ? Number(stop.threadId) : DEFAULT_THREAD;
    const userStepping = this.userStepping;
    this.userStepping = false;
    const report = (reason: EngineStopReason, breakpointIds: number[] = [], text?: string) => {
      // gdb starts on the stack while the stop event is on its way.
      this.state.prefetch(threadId);
      this.options.observer.onStopped({ reason, threadId, breakpointIds, ...(text ? { text } : {}), ...(stop.frame ? { frame: stop.frame } : {}) });
    };

    if (stop.reason === 'watchpoint-trigger' || stop.reason === 'read-watchpoint-trigger' || stop.reason === 'access-watchpoint-trigger') {
      const number = Number(stop.watchpointNumber);
      const change = stop.oldValue !== undefined && stop.newValue !== undefined ? `${stop.oldValue} → ${stop.newValue}` : stop.newValue;
      return report('data breakpoint', Number.isInteger(number) ? [number] : [], change);
    }
    // gdb deletes a watchpoint on a local whose frame returned, and stops to say so.
    if (stop.reason === 'watchpoint-scope') return report('data breakpoint', [], 'the watched expression went out of scope: gdb removed its data breakpoint');
    if (stop.reason === 'breakpoint-hit' && this.jumpBreakpoint !== undefined && stop.breakpointNumber === this.jumpBreakpoint) {
      this.jumpBreakpoint = undefined;
      return report('goto');
    }
    if (stop.reason === 'breakpoint-hit') {
      const pc = stop.frame?.address && /^0x[0-9a-f]+$/i.test(stop.frame.address) ? BigInt(stop.frame.address) : undefined;
      const landmark = pc === undefined ? undefined : this.landmarks.get(pc);
      if (landmark && pc !== undefined) {
        this.landmarks.delete(pc);
        for (const phase of landmark.phases) this.options.observer.onBootPhase(phase);
      }
      const hits = pc === undefined ? [] : await this.hitUserBreakpoints(pc);
      // Logpoints say their message and let the guest go on; only a breakpoint that stops is reported.
      const users = hits.filter((hit) => hit.logMessage === undefined);
      for (const hit of hits) if (hit.logMessage !== undefined) this.options.observer.onOutput(`${await this.interpolate(hit.logMessage)}\n`, 'console');
      if (users.length > 0) {
        const kind = users[0]!.kind;
        return report(kind === 'function' ? 'function breakpoint' : kind === 'instruction' ? 'instruction breakpoint' : 'breakpoint', users.map((user) => user.id));
      }
      if (landmark?.entryStop) return report('entry');
      if (landmark || hits.length > 0) {
        // A boot phase passed on the way, or logpoints said their piece: keep going, unless the user was stepping.
        if (userStepping) return report('step');
        return this.exclusive(() => this.resumeNow('continue', false));
      }
      // A breakpoint made outside the book (a `-exec break` in the debug console).
      const number = stop.breakpointNumber !== undefined ? Number(stop.breakpointNumber) : undefined;
      return report('breakpoint', number !== undefined && Number.isInteger(number) ? [number] : []);
    }
    if (stop.reason === 'end-stepping-range' || stop.reason === 'function-finished' || stop.reason === 'location-reached') return report('step');
    if (stop.reason === 'signal-received') {
      if (stop.signalName === 'SIGINT') return report('pause');
      // QEMU reports a single step it did not expect, or a guest trap, as SIGTRAP.
      if (stop.signalName === 'SIGTRAP' && userStepping) return report('step');
      return report('exception', [], stop.signalName ?? 'signal');
    }
    return report(userStepping ? 'step' : 'pause');
  }

  /** A logpoint's message with each `{expression}` replaced by its value in the stopped frame (or gdb's error). */
  private async interpolate(message: string): Promise<string> {
    const parts = message.split(/(\{[^{}]+\})/);
    const values = await Promise.all(
      parts.map((part) => (part.startsWith('{') && part.endsWith('}') ? this.gdb.evaluate(part.slice(1, -1)).catch((error: Error) => `<${error.message}>`) : Promise.resolve(part))),
    );
    return values.join('');
  }

  /** The user's breakpoints at `pc` whose condition (if any) holds now. */
  private async hitUserBreakpoints(pc: bigint): Promise<{ id: number; kind: BreakpointRequest['kind']; logMessage?: string }[]> {
    const hits: { id: number; kind: BreakpointRequest['kind']; logMessage?: string }[] = [];
    for (const candidate of this.book.at(pc)) {
      if (candidate.condition) {
        const value = await this.gdb.evaluate(candidate.condition).catch(() => '0');
        if (/^(0|false|0x0+)$/.test(value.trim())) continue;
      }
      hits.push({ id: candidate.id, kind: candidate.kind, ...(candidate.logMessage !== undefined ? { logMessage: candidate.logMessage } : {}) });
    }
    return hits;
  }

  private onStream(record: MiStreamRecord): void {
    // gdb's own messages (warnings, "Remote connection closed"); console echoes of stops are left out as noise.
    if (record.type === 'log') this.options.observer.onOutput(record.text, 'console');
  }

  private onGdbExit(exit: { code: number | null; signal: NodeJS.Signals | null; stderr: string[] }): void {
    this.gdbGone = true;
    this.running = false;
    this.internalPause?.('other');
    if (this.closing) return;
    const said = exit.stderr.length > 0 ? `: ${exit.stderr.slice(-2).join(' | ')}` : '';
    this.options.observer.onGdbExited(`gdb ended unexpectedly (${exit.signal ?? `status ${exit.code}`})${said}`);
  }

  get guestExited(): boolean {
    return this.exited;
  }

  /** Asks gdb to leave (it detaches from the stub) and kills it if it does not; the VMM is the caller's to stop. */
  async close(): Promise<void> {
    this.closing = true;
    if (!this.gdbGone) await this.gdb.exit(1000);
  }

  killNow(): void {
    this.closing = true;
    this.gdb.killNow();
  }
}

