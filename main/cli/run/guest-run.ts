// Drives one `mirador run` through the debug adapter, as any DAP client would: launch with noDebug, stream, stop, report.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { LaunchArguments } from '../../api/launch-protocol';
import { EXPORT_CAPTURE_REQUEST, type ExportCaptureArguments } from '../../api/packets-protocol';
import { LAUNCH_ERROR_INVALID_ARGUMENTS, LAUNCH_PLAN_EVENT, VMM_EXITED_EVENT, type LaunchPlanEventBody, type VmmExitedEventBody } from '../../debug/adapter/adapter-events';
import { ConsoleLineWatch } from './console-line-watch';
import { DapClient, type DapEvent } from './dap-client';

export interface GuestRunRequest {
  appRoot: string;
  /** The project folder: the adapter runs there and relative paths resolve against it. */
  workspace: string;
  launch: LaunchArguments;
  until?: RegExp;
  timeoutMs?: number;
  pcap?: string;
}

export interface GuestRunIo {
  /** The guest's console, as it arrives. */
  console(text: string): void;
  /** The VMM's own stderr, as it arrives. */
  vmmStderr(text: string): void;
  /** One line about how the run ended, for people. */
  reason(line: string): void;
}

export type StopCause = { kind: 'until' } | { kind: 'timeout' } | { kind: 'signal'; signal: NodeJS.Signals; status: number };

/** Exit status for `--timeout`, the one coreutils' timeout(1) uses. */
export const TIMEOUT_STATUS = 124;
/** How long the adapter may take to stop the guest after being asked, before it is killed (and the guest with it). */
const STOP_DEADLINE_MS = 5000;

export class GuestRun {
  private adapter: ChildProcess | undefined;
  private client: DapClient | undefined;
  private stopCause: StopCause | undefined;
  private vmmExit: VmmExitedEventBody | undefined;
  private exitedCode: number | undefined;
  private capture: LaunchPlanEventBody['capture'] | undefined;
  private consoleOpen = true;
  private watch: ConsoleLineWatch | undefined;
  private readonly terminated: Promise<void>;
  private markTerminated!: () => void;
  private adapterStderr = '';

  constructor(
    private readonly request: GuestRunRequest,
    private readonly io: GuestRunIo,
  ) {
    this.terminated = new Promise((resolve) => (this.markTerminated = resolve));
    if (request.until) this.watch = new ConsoleLineWatch(request.until);
  }

  /** Resolves with the exit status of `mirador run`. */
  async run(): Promise<number> {
    const timer = this.request.timeoutMs === undefined ? undefined : setTimeout(() => this.stop({ kind: 'timeout' }), this.request.timeoutMs);
    try {
      return await this.runAdapter();
    } finally {
      clearTimeout(timer);
    }
  }

  /** Asks the adapter to stop the guest (idempotent); the run then ends with this cause. */
  stop(cause: StopCause): void {
    if (this.stopCause) return;
    this.stopCause = cause;
    void this.client?.request('terminate');
    const adapter = this.adapter;
    // An adapter that cannot stop its guest in time is killed; its exit hooks (or the parent-death signal) take the VMM.
    setTimeout(() => adapter && adapter.exitCode === null && adapter.kill('SIGTERM'), STOP_DEADLINE_MS).unref();
  }

  /** For a process that is dying: the adapter's own hooks then stop the guest. */
  killAdapterNow(): void {
    if (this.adapter && this.adapter.exitCode === null && this.adapter.signalCode === null) this.adapter.kill('SIGTERM');
  }

  private async runAdapter(): Promise<number> {
    // A separate adapter process, so `mirador run` takes exactly the path of the IDE and of other editors.
    const adapter = spawn(process.execPath, [path.join(this.request.appRoot, 'out', 'main', 'cli.js'), 'debug-adapter'], {
      cwd: this.request.workspace,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: a terminal's Ctrl-C reaches only us, and we stop the guest in order.
      detached: true,
    });
    this.adapter = adapter;
    adapter.stderr!.on('data', (chunk: Buffer) => (this.adapterStderr = (this.adapterStderr + chunk.toString()).slice(-4000)));
    const adapterClosed = new Promise<void>((resolve) => adapter.once('close', () => resolve()));
    void adapterClosed.then(() => this.markTerminated());
    const spawnFailed = new Promise<string>((resolve) => adapter.once('error', (error) => resolve(error.message)));
    const client = new DapClient(adapter, (event) => this.onEvent(event), (message) => {
      this.io.reason(`mirador run: ${message}`);
      adapter.kill('SIGTERM');
    });
    this.client = client;

    const initialize = await Promise.race([
      client.request('initialize', { clientID: 'mirador-run', adapterID: 'mirador', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' }),
      spawnFailed.then((message) => ({ success: false, message: `the debug adapter could not start: ${message}` }) as const),
    ]);
    if (!initialize.success) return this.fail(`mirador run: ${initialize.message ?? 'the debug adapter did not initialize'}${this.adapterSaid()}`, 1, adapterClosed);
    if (this.stopCause) {
      // Interrupted before anything started: nothing to stop.
      await client.request('disconnect', { terminateDebuggee: true });
      await adapterClosed;
      return this.status();
    }
    const launch = await client.request('launch', { ...this.request.launch, noDebug: true });
    if (!launch.success) {
      const invalid = launch.body?.error?.id === LAUNCH_ERROR_INVALID_ARGUMENTS;
      return this.fail(`mirador run: ${launch.message ?? 'the launch failed'}${this.adapterSaid()}`, invalid ? 2 : 1, adapterClosed);
    }
    if (this.stopCause) void client.request('terminate');

    await this.terminated;
    await this.savePcap(client);
    await client.request('disconnect', { terminateDebuggee: true });
    await adapterClosed;
    return this.status();
  }

  private onEvent(event: DapEvent): void {
    const body = event.body ?? {};
    switch (event.event) {
      case 'initialized':
        void this.client?.request('configurationDone');
        break;
      case 'output':
        if (body.category === 'stdout') this.consoleText(String(body.output ?? ''));
        else if (body.category === 'stderr') this.io.vmmStderr(String(body.output ?? ''));
        break;
      case LAUNCH_PLAN_EVENT:
        this.capture = (body as unknown as LaunchPlanEventBody).capture;
        break;
      case VMM_EXITED_EVENT:
        this.vmmExit = body as unknown as VmmExitedEventBody;
        break;
      case 'exited':
        this.exitedCode = Number(body.exitCode);
        break;
      case 'terminated':
        this.markTerminated();
        break;
    }
  }

  private consoleText(text: string): void {
    if (!this.consoleOpen) return;
    const end = this.watch ? this.watch.push(text) : -1;
    if (end < 0) {
      this.io.console(text);
      return;
    }
    // The matching line is the last one printed: what follows belongs to a guest we are stopping.
    this.io.console(text.slice(0, end));
    this.consoleOpen = false;
    this.stop({ kind: 'until' });
  }

  /** The adapter holds the run's frames: it writes them, pcapng for a .pcapng name and classic pcap otherwise. */
  private async savePcap(client: DapClient): Promise<void> {
    const target = this.request.pcap;
    if (!target) return;
    if (!this.capture || this.capture.kind === 'none') {
      this.io.reason(`mirador run: the ${this.request.launch.target} target did not record traffic, so ${target} was not written`);
      return;
    }
    const args: ExportCaptureArguments = { path: path.resolve(target), format: /\.pcapng$/i.test(target) ? 'pcapng' : 'pcap' };
    const exported = await client.request(EXPORT_CAPTURE_REQUEST, args);
    if (!exported.success) this.io.reason(`mirador run: could not write ${target}: ${exported.message ?? 'the debug adapter did not say why'}`);
  }

  private status(): number {
    const cause = this.stopCause;
    const pattern = this.request.until ? ` waiting for ${this.request.until}` : '';
    if (cause?.kind === 'until') return 0;
    if (cause?.kind === 'timeout') {
      this.io.reason(`mirador run: timed out after ${formatSeconds(this.request.timeoutMs!)}${pattern}; the guest was stopped`);
      return TIMEOUT_STATUS;
    }
    if (cause?.kind === 'signal') {
      // A reader that stopped reading (`| head`) expects silence, as from any other command.
      if (cause.signal !== 'SIGPIPE') this.io.reason(`mirador run: interrupted by ${cause.signal}; the guest was stopped`);
      return cause.status;
    }
    const exit = this.vmmExit;
    if (!exit) {
      this.io.reason(`mirador run: the debug adapter ended before the guest did${this.adapterSaid()}`);
      return 1;
    }
    if (exit.outcome === 'guest-exited') {
      if (this.watch?.finish()) return 0;
      if (this.request.until) {
        this.io.reason(`mirador run: ${exit.description} before a console line matched ${this.request.until}`);
        return exit.guestStatus || 1;
      }
      return exit.guestStatus ?? 0;
    }
    const said = exit.outcome === 'failed' && exit.stderrTail.length > 0 ? `: ${exit.stderrTail.slice(-2).join(' | ')}` : '';
    this.io.reason(`mirador run: ${exit.description}${said}`);
    return exit.outcome === 'failed' ? (this.exitedCode || 1) : 1;
  }

  private async fail(line: string, status: number, adapterClosed: Promise<void>): Promise<number> {
    this.io.reason(line);
    this.adapter?.stdin?.end();
    await Promise.race([adapterClosed, new Promise((resolve) => setTimeout(resolve, STOP_DEADLINE_MS))]);
    this.killAdapterNow();
    return status;
  }

  private adapterSaid(): string {
    const lines = this.adapterStderr.trim().split('\n').filter(Boolean);
    return lines.length > 0 ? ` (the debug adapter said: ${lines.slice(-2).join(' | ')})` : '';
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
