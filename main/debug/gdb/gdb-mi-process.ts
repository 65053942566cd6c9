// One gdb process speaking MI: starts it from an argv, queues commands with tokens, matches each answer to its command.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { LineTail } from '../launch/line-tail';
import { withParentDeathSignal } from '../launch/parent-death-signal';
import { killProcessGroup, trackVmm } from '../launch/vmm-reaper';
import { miCommandLine, type MiCommand } from './mi-command-line';
import { parseMiLine } from './mi-output-parser';
import type { MiAsyncRecord, MiResultRecord, MiStreamRecord } from './mi-record';

/** `--nx`: no ~/.gdbinit may change what we parse; `--quiet`: no banner. */
export const GDB_MI_ARGS = ['--interpreter=mi3', '--nx', '--quiet'];

export interface GdbMiObserver {
  /** `*stopped`, `*running`, `=breakpoint-modified`, `=thread-group-exited`... */
  onAsync?(record: MiAsyncRecord): void;
  /** Console, target and log text that no command asked to collect. */
  onStream?(record: MiStreamRecord): void;
  /** gdb is gone (it exited, or was killed); pending commands have been rejected. */
  onExit?(exit: { code: number | null; signal: NodeJS.Signals | null; stderr: string[] }): void;
}

/** gdb answered `^error`: its message is for people ("No symbol \"x\" in current context."). */
export class GdbCommandError extends Error {
  constructor(
    message: string,
    readonly command: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'GdbCommandError';
  }
}

export interface GdbAnswer {
  record: MiResultRecord;
  /** Console and log text printed while the command ran, when it was sent with `collectOutput`. */
  output: string;
}

interface Pending {
  line: string;
  collectOutput: boolean;
  output: string;
  resolve(answer: GdbAnswer): void;
  reject(error: Error): void;
}

export interface GdbMiProcessOptions {
  gdbPath: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Wrap gdb so it dies if this process is SIGKILLed (default true). */
  parentDeathSignal?: boolean;
}

export class GdbMiProcess {
  private nextToken = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly stderrTail = new LineTail();
  private buffered = '';
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exitedPromise: Promise<void>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly observer: GdbMiObserver,
  ) {
    this.exitedPromise = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.exitInfo = { code, signal };
        const reason = new Error(`gdb exited (${signal ?? `status ${code}`})${this.saidOnStderr()}`);
        for (const pending of this.pending.values()) pending.reject(reason);
        this.pending.clear();
        this.observer.onExit?.({ code, signal, stderr: this.stderrTail.lines() });
        resolve();
      });
    });
    child.stdout.setEncoding('utf8').on('data', (text: string) => this.onStdout(text));
    child.stderr.on('data', (chunk: Buffer) => this.stderrTail.push(chunk));
    child.stdin.on('error', () => undefined);
  }

  /** Resolves once gdb runs; rejects when it cannot be started (the caller located it first, so this is rare). */
  static async start(options: GdbMiProcessOptions, observer: GdbMiObserver = {}): Promise<GdbMiProcess> {
    const { command, args } = options.parentDeathSignal === false ? { command: options.gdbPath, args: GDB_MI_ARGS } : await withParentDeathSignal(options.gdbPath, GDB_MI_ARGS);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), TERM: 'dumb' },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C meant for a terminal must not reach gdb (it would interrupt the guest).
      detached: true,
    });
    // Listed with the VMMs, so it dies with this process however that ends.
    trackVmm(child);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (error) => reject(new Error(`gdb could not be started: ${error.message}`)));
    });
    child.on('error', () => undefined);
    return new GdbMiProcess(child, observer);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** Sends one command; resolves with its `^done`/`^running`/`^connected`, rejects with GdbCommandError on `^error`. */
  send(command: MiCommand, options: { collectOutput?: boolean } = {}): Promise<GdbAnswer> {
    if (this.exitInfo) return Promise.reject(new Error(`gdb is not running${this.saidOnStderr()}`));
    const token = this.nextToken++;
    const line = miCommandLine(token, command);
    return new Promise<GdbAnswer>((resolve, reject) => {
      this.pending.set(token, { line, collectOutput: options.collectOutput === true, output: '', resolve, reject });
      this.child.stdin.write(`${line}\n`);
    });
  }

  /** The result of a command, for callers that only need it. */
  async request(command: MiCommand): Promise<MiResultRecord> {
    return (await this.send(command)).record;
  }

  /** `-gdb-exit`, then SIGKILL when gdb has not gone within `graceMs`; resolves once it is gone. */
  async exit(graceMs = 1000): Promise<void> {
    if (this.exitInfo) return;
    this.send({ operation: '-gdb-exit' }).catch(() => undefined);
    const gone = await Promise.race([this.exitedPromise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs).unref())]);
    if (!gone) {
      killProcessGroup(this.child, 'SIGKILL');
      await this.exitedPromise;
    }
  }

  /** Synchronous, for a dying process. */
  killNow(): void {
    killProcessGroup(this.child, 'SIGKILL');
  }

  get exited(): Promise<void> {
    return this.exitedPromise;
  }

  private onStdout(text: string): void {
    this.buffered += text;
    let newline: number;
    while ((newline = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 1);
      this.onLine(line);
    }
  }

  private onLine(line: string): void {
    const record = parseMiLine(line);
    switch (record.type) {
      case 'result': {
        const pending = record.token === undefined ? undefined : this.pending.get(record.token);
        if (!pending) return;
        this.pending.delete(record.token!);
        if (record.resultClass === 'error') {
          const message = typeof record.results.msg === 'string' ? record.results.msg : 'gdb reported an error';
          const code = typeof record.results.code === 'string' ? record.results.code : undefined;
          pending.reject(new GdbCommandError(message, pending.line, code));
        } else pending.resolve({ record, output: pending.output });
        return;
      }
      case 'exec':
      case 'status':
      case 'notify':
        this.observer.onAsync?.(record);
        return;
      case 'console':
      case 'log':
      case 'target': {
        // gdb runs one command at a time, so text printed now belongs to the oldest command still waiting.
        const oldest = this.pending.values().next().value as Pending | undefined;
        if (oldest?.collectOutput && record.type !== 'target') oldest.output += record.text;
        else this.observer.onStream?.(record);
        return;
      }
      default:
        return;
    }
  }

  private saidOnStderr(): string {
    const lines = this.stderrTail.lines();
    return lines.length > 0 ? `: ${lines.slice(-2).join(' | ')}` : '';
  }
}
