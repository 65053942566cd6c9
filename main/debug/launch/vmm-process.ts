// Runs one launch plan: writes its files, starts the VMM, streams its console, stops it as the plan says, reads its exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { LaunchPlan } from '../../api/launch-protocol';
import { locateCommand } from './command-location';
import { LineTail } from './line-tail';
import { withParentDeathSignal } from './parent-death-signal';
import { sendQmpQuit } from './qmp-quit';
import { classifyVmmExit, type VmmExit } from './vmm-exit';
import { killProcessGroup, trackVmm } from './vmm-reaper';

export interface VmmObserver {
  onStarted?(info: { pid: number }): void;
  /** Bytes of the guest's serial console, in order. */
  onConsole?(chunk: Buffer): void;
  /** Bytes the VMM itself wrote on stderr (its warnings and errors, not the guest's). */
  onStderr?(chunk: Buffer): void;
  /** Once, after the last console byte. */
  onExited?(exit: VmmExit): void;
}

export interface VmmProcessOptions {
  /** How long a polite stop may take before the next, ruder one (QMP quit → SIGTERM → SIGKILL). */
  stopGraceMs?: number;
  /** Wrap the VMM so it dies if this process is SIGKILLed (default true). */
  parentDeathSignal?: boolean;
}

/** Exit classification needs the VMM's stdio drained; a grandchild holding the pipes must not hold up the exit. */
const DRAIN_AFTER_EXIT_MS = 300;
const CONSOLE_SOCKET_WAIT_MS = 5000;

export class VmmProcess {
  private child: ChildProcess | undefined;
  private stopRequested = false;
  private stopping: Promise<VmmExit> | undefined;
  private readonly stderrTail = new LineTail();
  private readonly exitedPromise: Promise<VmmExit>;
  private resolveExited!: (exit: VmmExit) => void;
  private exitResult: VmmExit | undefined;
  private consoleSocket: net.Socket | undefined;

  constructor(
    readonly plan: LaunchPlan,
    private readonly observer: VmmObserver = {},
    private readonly options: VmmProcessOptions = {},
  ) {
    this.exitedPromise = new Promise((resolve) => (this.resolveExited = resolve));
  }

  /** Resolves when the VMM is running (its pid known); rejects when it cannot be started at all. */
  async start(): Promise<{ pid: number }> {
    if (this.child) throw new Error('this VMM was already started');
    for (const file of this.plan.files ?? []) {
      const target = path.resolve(this.plan.cwd, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content, { mode: 0o600 });
    }
    const env = { ...process.env, ...this.plan.env };
    // Located first: behind the parent-death wrapper, a missing VMM would look like a wrapper that exited 127.
    const location = await locateCommand(this.plan.command, this.plan.cwd, env);
    if ('problem' in location) {
      this.finish(null, null, location.problem);
      throw new Error(location.problem);
    }
    const { command, args } = this.options.parentDeathSignal === false ? { command: location.found, args: this.plan.args } : await withParentDeathSignal(location.found, this.plan.args);
    if (this.exitResult) throw new Error('the guest was stopped before it started');
    const child = spawn(command, args, {
      cwd: this.plan.cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so stopping it reaches whatever it started and a terminal's Ctrl-C reaches us, not it:
      // we decide how the guest stops. Not unref'd: we still wait for it.
      detached: true,
    });
    this.child = child;
    // Listed at once (the pid is known when spawn returns), so no moment exists where a dying adapter would miss it.
    trackVmm(child);
    child.stdin!.on('error', () => undefined);
    if (this.plan.console.kind === 'stdio') child.stdout!.on('data', (chunk: Buffer) => this.observer.onConsole?.(chunk));
    else child.stdout!.resume();
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrTail.push(chunk);
      this.observer.onStderr?.(chunk);
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('spawn', () => resolve(child.pid!));
      child.once('error', (error: NodeJS.ErrnoException) => {
        const reason = `${this.plan.command} could not be started: ${error.message}`;
        this.finish(null, null, reason);
        reject(new Error(reason));
      });
    });
    // Later errors (a signal to a process that just exited) must not crash the adapter.
    child.on('error', () => undefined);
    this.watchExit(child);
    this.observer.onStarted?.({ pid });
    if (this.plan.console.kind === 'unix-socket') this.attachConsoleSocket(this.plan.console.path);
    return { pid };
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get exited(): Promise<VmmExit> {
    return this.exitedPromise;
  }

  /** Bytes for the guest's serial console (what a user types). */
  writeConsole(data: string | Buffer): void {
    if (this.plan.console.kind === 'unix-socket') this.consoleSocket?.write(data);
    else this.child?.stdin?.write(data);
  }

  /** Stops the VMM the way its plan says, then harder if it does not go; resolves with its exit. */
  stop(): Promise<VmmExit> {
    if (this.exitResult) return Promise.resolve(this.exitResult);
    if (!this.child) {
      // Not started yet (or never): start() sees this and spawns nothing.
      this.stopRequested = true;
      this.exitResult = { code: null, signal: null, guestStatus: null, outcome: 'stopped', description: 'the guest was stopped before it started' };
      this.observer.onExited?.(this.exitResult);
      this.resolveExited(this.exitResult);
      return this.exitedPromise;
    }
    this.stopping ??= this.stopInStages(this.child);
    return this.stopping;
  }

  /** Synchronous last resort, for a process that is dying itself. */
  killNow(): void {
    this.stopRequested = true;
    if (this.child) killProcessGroup(this.child, 'SIGKILL');
  }

  private async stopInStages(child: ChildProcess): Promise<VmmExit> {
    this.stopRequested = true;
    const grace = this.options.stopGraceMs ?? 3000;
    const stop = this.plan.stop;
    let politeSent = false;
    if (stop.kind === 'qmp-quit') politeSent = await sendQmpQuit(stop.socket, Math.min(grace, 1000));
    else if (stop.kind === 'signal') {
      killProcessGroup(child, stop.signal);
      politeSent = true;
    } else politeSent = await runStopCommand(stop.command, stop.args, this.plan.cwd, grace);
    if (this.exitResult) return this.exitResult;
    if (politeSent && (await this.exitsWithin(grace))) return this.exitResult!;
    killProcessGroup(child, 'SIGTERM');
    if (await this.exitsWithin(grace)) return this.exitResult!;
    killProcessGroup(child, 'SIGKILL');
    return this.exitedPromise;
  }

  private exitsWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      void this.exitedPromise.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private watchExit(child: ChildProcess): void {
    let drained = false;
    child.once('close', (code, signal) => {
      drained = true;
      this.finish(code, signal, undefined);
    });
    child.once('exit', (code, signal) => {
      setTimeout(() => !drained && this.finish(code, signal, undefined), DRAIN_AFTER_EXIT_MS).unref();
    });
  }

  private finish(code: number | null, signal: NodeJS.Signals | null, spawnError: string | undefined): void {
    if (this.exitResult) return;
    this.consoleSocket?.destroy();
    this.exitResult = classifyVmmExit(this.plan, {
      command: this.plan.command,
      code,
      signal,
      stopRequested: this.stopRequested,
      stderrLines: this.stderrTail.lines(),
      spawnError,
    });
    this.observer.onExited?.(this.exitResult);
    this.resolveExited(this.exitResult);
  }

  /** The last lines the VMM wrote on stderr, for error reports. */
  stderrLines(): string[] {
    return this.stderrTail.lines();
  }

  private attachConsoleSocket(socketPath: string): void {
    const deadline = Date.now() + CONSOLE_SOCKET_WAIT_MS;
    const attempt = () => {
      if (this.exitResult) return;
      const socket = net.connect(socketPath);
      socket.once('connect', () => {
        this.consoleSocket = socket;
        socket.on('data', (chunk: Buffer) => this.observer.onConsole?.(chunk));
      });
      socket.once('error', () => {
        socket.destroy();
        // The VMM creates the socket shortly after it starts.
        if (Date.now() < deadline) setTimeout(attempt, 20);
        else this.observer.onStderr?.(Buffer.from(`mirador: the console socket ${socketPath} did not open within ${CONSOLE_SOCKET_WAIT_MS / 1000} s\n`));
      });
    };
    attempt();
  }
}

function runStopCommand(command: string, args: string[], cwd: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: 'ignore', timeout: timeoutMs });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}
