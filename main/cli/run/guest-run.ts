// Drives one `mirador run` through the debug adapter, as any DAP client would: launch with noDebug, stream, stop, report.
import path from 'node:path';
import type { LaunchArguments } from '../../api/launch-protocol';
import { EXPORT_CAPTURE_REQUEST, SYSLOG_EVENT, type ExportCaptureArguments, type SyslogEventBody } from '../../api/packets-protocol';
import { LAUNCH_ERROR_INVALID_ARGUMENTS, LAUNCH_PLAN_EVENT, VMM_EXITED_EVENT, type LaunchPlanEventBody, type VmmExitedEventBody } from '../../debug/adapter/adapter-events';
import { startInlineAdapter, type AdapterLink } from './adapter-link';
import { ConsoleLineWatch } from './console-line-watch';
import { DapClient, type DapEvent } from './dap-client';

export interface GuestRunRequest {
  /** The project folder: relative paths of the launch resolve against it. */
  workspace: string;
  launch: LaunchArguments;
  until?: RegExp;
  timeoutMs?: number;
  pcap?: string;
  /** Print each syslog message the guest sends (`[syslog SENDER] FACILITY.LEVEL: ...`); --until matches them too. */
  syslog?: boolean;
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
/** How long the adapter may take to stop the guest after being asked, before the guest is killed. */
const STOP_DEADLINE_MS = 5000;

export class GuestRun {
  private adapter: AdapterLink | undefined;
  private client: DapClient | undefined;
  private stopCause: StopCause | undefined;
  private vmmExit: VmmExitedEventBody | undefined;
  private exitedCode: number | undefined;
  private capture: LaunchPlanEventBody['capture'] | undefined;
  private consoleOpen = true;
  private watch: ConsoleLineWatch | undefined;
  private readonly terminated: Promise<void>;
  private markTerminated!: () => void;
  private adapterGone = false;
  private guestGone = false;

  constructor(
    private readonly request: GuestRunRequest,
    private readonly io: GuestRunIo,
  ) {
    this.terminated = new Promise((resolve) => (this.markTerminated = () => {
      this.guestGone = true;
      resolve();
    }));
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
    // A guest that does not stop in time is killed, with its gdb.
    // (Once the guest is gone, the capture export and the disconnect may take their time.)
    setTimeout(() => this.guestGone || this.killAdapterNow(), STOP_DEADLINE_MS).unref();
  }

  /** For a process that is dying, or a guest that would not stop: kills the VMM and gdb now. */
  killAdapterNow(): void {
    if (!this.adapterGone) this.adapter?.killNow();
  }

  private async runAdapter(): Promise<number> {
    const adapter = startInlineAdapter(this.request.workspace);
    this.adapter = adapter;
    const adapterClosed = adapter.closed.then(() => {
      this.adapterGone = true;
    });
    void adapterClosed.then(() => this.markTerminated());
    const client = new DapClient(adapter, (event) => this.onEvent(event), (message) => {
      this.io.reason(`mirador run: ${message}`);
      adapter.killNow();
    });
    this.client = client;

    const initialize = await client.request('initialize', { clientID: 'mirador-run', adapterID: 'mirador', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    if (!initialize.success) return this.fail(`mirador run: ${initialize.message ?? 'the debug adapter did not initialize'}`, 1, adapterClosed);
    if (this.stopCause) {
      // Interrupted before anything started: nothing to stop.
      await client.request('disconnect', { terminateDebuggee: true });
      await adapterClosed;
      return this.status();
    }
    const launch = await client.request('launch', { ...this.request.launch, noDebug: true });
    if (!launch.success) {
      const invalid = launch.body?.error?.id === LAUNCH_ERROR_INVALID_ARGUMENTS;
      return this.fail(`mirador run: ${launch.message ?? 'the launch failed'}`, invalid ? 2 : 1, adapterClosed);
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
      case SYSLOG_EVENT:
        if (this.request.syslog) for (const message of (body as unknown as SyslogEventBody).messages) this.syslogLine(`[syslog ${message.sender}] ${message.info}\n`);
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

  /** A whole line of its own, watched apart from the console (whose last line may still be unfinished). */
  private syslogLine(line: string): void {
    if (!this.consoleOpen) return;
    this.io.console(line);
    if (this.watch?.matches(line.slice(0, -1))) {
      this.consoleOpen = false;
      this.stop({ kind: 'until' });
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
      this.io.reason(`mirador run: the debug adapter ended before the guest did`);
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
    // Like a closed stdin for an adapter process: the session ends.
    this.adapter?.toAdapter.end();
    await Promise.race([adapterClosed, new Promise((resolve) => setTimeout(resolve, STOP_DEADLINE_MS))]);
    this.killAdapterNow();
    return status;
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
