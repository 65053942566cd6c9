// The Mirador debug adapter: DAP requests in, launch-engine events out as DAP events (in the vscode-mock-debug style).
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { DebugSession, Event, ExitedEvent, InitializedEvent, OutputEvent, TerminatedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { LaunchArguments } from '../../api/launch-protocol';
import { MiradorError } from '../../services/mirador-error';
import { VmmProcess } from '../launch/vmm-process';
import { shellStatus, type VmmExit } from '../launch/vmm-exit';
import {
  LAUNCH_ERROR_DEBUG_UNSUPPORTED,
  LAUNCH_ERROR_FAILED,
  LAUNCH_ERROR_INVALID_ARGUMENTS,
  LAUNCH_PLAN_EVENT,
  VMM_EXITED_EVENT,
  launchPlanEventBody,
  type VmmExitedEventBody,
} from './adapter-events';
import { describeLaunch } from './launch-description';
import type { LaunchPlanner } from './launch-planner';

export type MiradorLaunchRequestArguments = LaunchArguments & DebugProtocol.LaunchRequestArguments;

export interface MiradorDebugSessionOptions {
  planLaunch: LaunchPlanner;
  /** Where relative paths of a launch resolve (default: the adapter's working folder). */
  workspaceFolder?: string;
  /** Called once the session is over: the VMM is gone and the run folder removed. The adapter process exits then. */
  onEnded?(): void;
}

export const DEBUG_UNSUPPORTED_MESSAGE = 'Mirador cannot debug yet: debugging arrives with issue #4; launch with noDebug (Run, Ctrl+F5)';

/**
 * Built on DebugSession rather than LoggingDebugSession: the latter serialises every event for its trace log even when
 * tracing is off, and console output is the hot path here.
 */
export class MiradorDebugSession extends DebugSession {
  private vmm: VmmProcess | undefined;
  private runDir: string | undefined;
  private launching: Promise<void> | undefined;
  private ending: Promise<void> | undefined;
  private readonly consoleDecoder = new StringDecoder('utf8');
  private readonly stderrDecoder = new StringDecoder('utf8');

  constructor(private readonly options: MiradorDebugSessionOptions) {
    super();
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      ...response.body,
      supportsConfigurationDoneRequest: true,
      supportsTerminateRequest: true,
    };
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
  }

  protected override launchRequest(response: DebugProtocol.LaunchResponse, args: MiradorLaunchRequestArguments): void {
    if (this.launching || this.ending) {
      this.sendErrorResponse(response, { id: LAUNCH_ERROR_INVALID_ARGUMENTS, format: 'this session has already launched a guest; start a new debug session', showUser: true });
      return;
    }
    if (args.noDebug !== true) {
      this.sendErrorResponse(response, { id: LAUNCH_ERROR_DEBUG_UNSUPPORTED, format: DEBUG_UNSUPPORTED_MESSAGE, showUser: true });
      return;
    }
    this.launching = this.launch(response, args);
  }

  private async launch(response: DebugProtocol.LaunchResponse, args: MiradorLaunchRequestArguments): Promise<void> {
    let exitBeforeResponse: VmmExit | undefined;
    let responded = false;
    try {
      this.runDir = await mkdtemp(path.join(os.tmpdir(), 'mirador-run-'));
      const plan = await this.options.planLaunch({
        launch: args,
        workspaceFolder: this.options.workspaceFolder ?? process.cwd(),
        runDir: this.runDir,
      });
      if (this.ending) throw new MiradorError('unavailable', 'the session ended before the guest started');
      this.sendEvent(new Event(LAUNCH_PLAN_EVENT, launchPlanEventBody(plan)));
      this.sendEvent(new OutputEvent(describeLaunch(plan), 'console'));
      const vmm = new VmmProcess(plan, {
        onConsole: (chunk) => this.output(this.consoleDecoder.write(chunk), 'stdout'),
        onStderr: (chunk) => this.output(this.stderrDecoder.write(chunk), 'stderr'),
        onExited: (exit) => {
          // Terminated must not overtake the launch response.
          if (responded) this.reportExit(exit);
          else exitBeforeResponse = exit;
        },
      });
      this.vmm = vmm;
      const { pid } = await vmm.start();
      this.sendEvent(new Event('process', { name: plan.command, systemProcessId: pid, isLocalProcess: true, startMethod: 'launch' }));
      this.sendResponse(response);
      responded = true;
      if (exitBeforeResponse) this.reportExit(exitBeforeResponse);
    } catch (error) {
      const invalid = error instanceof MiradorError && (error.code === 'invalid-params' || error.code === 'not-found');
      const message = error instanceof Error ? error.message : String(error);
      this.sendErrorResponse(response, { id: invalid ? LAUNCH_ERROR_INVALID_ARGUMENTS : LAUNCH_ERROR_FAILED, format: escapeFormat(message), showUser: true });
    }
  }

  private output(text: string, category: 'stdout' | 'stderr' | 'console' | 'important'): void {
    if (text !== '') this.sendEvent(new OutputEvent(text, category));
  }

  private reportExit(exit: VmmExit): void {
    this.output(this.consoleDecoder.end(), 'stdout');
    this.output(this.stderrDecoder.end(), 'stderr');
    const stderrTail = this.vmm?.stderrLines() ?? [];
    const body: VmmExitedEventBody = { ...exit, stderrTail };
    this.sendEvent(new Event(VMM_EXITED_EVENT, body));
    if (exit.outcome === 'failed') {
      const said = stderrTail.slice(-3).join(' | ');
      this.output(`Mirador: ${exit.description}${said ? `: ${said}` : ''}\n`, 'important');
    }
    if (exit.outcome === 'guest-exited') this.sendEvent(new ExitedEvent(exit.guestStatus!));
    else if (exit.outcome === 'failed') this.sendEvent(new ExitedEvent(shellStatus(exit) || 1));
    this.sendEvent(new TerminatedEvent());
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
      if (this.runDir) await rm(this.runDir, { recursive: true, force: true });
      this.options.onEnded?.();
    })();
    return this.ending;
  }

  /** Resolves true when there was a VMM (now stopped), false when none was started. */
  private async stopGuest(): Promise<boolean> {
    await this.launching?.catch(() => undefined);
    if (!this.vmm) return false;
    await this.vmm.stop();
    return true;
  }

  /** For a dying process: kills the VMM at once and removes the run folder, synchronously. */
  killNow(): void {
    this.vmm?.killNow();
    if (this.runDir) rmSync(this.runDir, { recursive: true, force: true });
  }
}

/** DAP clients substitute `{name}` in an error's format string; a message must reach them literally. */
function escapeFormat(message: string): string {
  return message.replace(/[{}]/g, (brace) => (brace === '{' ? '(' : ')'));
}
