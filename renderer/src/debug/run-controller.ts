// Runs or debugs a configuration through the debug adapter (one DAP launch path; noDebug for runs) and keeps the history.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { BOOT_PHASE_EVENT, LAUNCH_PLAN_EVENT, VMM_EXITED_EVENT, type BootPhaseEventBody, type LaunchArguments, type LaunchPlan, type LaunchPlanEventBody, type VmmExitedEventBody } from '../../../main/api';
import type { BackendClient } from '../transport/backend-client';
import { DapClient, type DapEvent } from './dap-client';

export type RunState = 'starting' | 'running' | 'stopping' | 'exited' | 'failed';

export interface RunRecord {
  id: number;
  /** A run is a launch with noDebug; a debug session is the same launch with a debugger attached. */
  mode: 'run' | 'debug';
  name: string;
  target: string;
  startedAt: number;
  endedAt?: number;
  state: RunState;
  /** The guest's exit status when it reported one. */
  exitCode?: number;
  /** Why the run failed or what ended it, in words for the user. */
  message?: string;
  accelerator?: LaunchPlan['accelerator'];
  /** The VMM's last stderr lines when it failed: the network helper reads tap errors from them. */
  stderrTail?: string[];
}

export interface RunListener {
  onOutput(text: string, category: string, record: RunRecord): void;
  onChange(record: RunRecord): void;
  /** The adapter's boot timeline: VMM start, kernel entry, first console byte, application main, exit. */
  onBootPhase?(phase: BootPhaseEventBody, record: RunRecord): void;
  /** The run's DAP session exists (before `initialize`): other views may listen to it, as the Packets panel does. */
  onSession?(client: DapClient, record: RunRecord, configuration: LaunchArguments): void;
  /** The adapter said `terminated`; runs before its process is stopped (at most BEFORE_STOP_LIMIT_MS), to save its data. */
  beforeStop?(client: DapClient, record: RunRecord): Promise<void>;
}

/** What a debug session adds to a run: it sees the client, sends breakpoints before configurationDone, and hears the end. */
export interface DebugAttachment {
  attach(client: DapClient, capabilities: DebugProtocol.Capabilities, configuration: LaunchArguments): void;
  /** Between the adapter's `initialized` event and `configurationDone`. */
  configure(client: DapClient): Promise<void>;
  detach(client: DapClient): void;
}

const STOP_GRACE_MS = 5000;
/** How long the adapter is kept after `terminated` for listeners to save what it holds (a run's capture). */
const BEFORE_STOP_LIMIT_MS = 30_000;

export class RunController {
  private readonly history: RunRecord[] = [];
  private current: { record: RunRecord; client: DapClient } | undefined;
  private nextId = 1;

  constructor(
    private readonly backend: BackendClient,
    private readonly listener: RunListener,
  ) {}

  get runs(): readonly RunRecord[] {
    return this.history;
  }

  get active(): RunRecord | undefined {
    return this.current?.record;
  }

  /** Runs the configuration; with a debug attachment, debugs it (a launch without noDebug). */
  async run(configuration: LaunchArguments, debug?: DebugAttachment): Promise<RunRecord> {
    if (this.current) await this.stop();
    const record: RunRecord = {
      id: this.nextId++,
      mode: debug ? 'debug' : 'run',
      name: configuration.name ?? `${configuration.target} ${configuration.kernel ?? ''}`.trim(),
      target: configuration.target,
      startedAt: Date.now(),
      state: 'starting',
    };
    this.history.unshift(record);
    this.listener.onChange(record);
    let client: DapClient;
    try {
      client = await DapClient.start(this.backend);
    } catch (error) {
      return this.finish(record, 'failed', `Could not start the debug adapter: ${(error as Error).message}`);
    }
    this.current = { record, client };
    this.listener.onSession?.(client, record, configuration);
    client.onEvent((event) => this.onEvent(record, event));
    client.onEnd((reason) => {
      debug?.detach(client);
      if (reason) this.listener.onOutput(`${reason}\n`, 'stderr', record);
      const failed = record.state !== 'exited' && record.state !== 'stopping';
      this.finish(record, failed ? 'failed' : 'exited', failed ? (reason ?? record.message ?? 'the run ended unexpectedly') : (record.message ?? 'stopped'));
    });
    // Listening before `initialize` is sent: the adapter may send `initialized` right behind its response.
    const initialized = new Promise<void>((resolve) => client.onEvent((event) => event.event === 'initialized' && resolve()));
    try {
      const capabilities = (await client.request<DebugProtocol.Capabilities | undefined>('initialize', {
        clientID: 'mirador',
        clientName: 'Mirador',
        adapterID: 'mirador',
        linesStartAt1: true,
        columnsStartAt1: true,
        pathFormat: 'path',
        supportsVariableType: true,
        supportsMemoryReferences: true,
        supportsInvalidatedEvent: true,
      })) ?? {};
      debug?.attach(client, capabilities, configuration);
      const launched = client.request('launch', { ...configuration, noDebug: !debug });
      // A run needs no configuration; a debug session must send its breakpoints before the guest starts.
      await (debug ? Promise.race([initialized, launched.then(() => initialized)]) : Promise.race([initialized, launched]));
      if (debug) await debug.configure(client);
      if (capabilities.supportsConfigurationDoneRequest) await client.request('configurationDone');
      await launched;
      if (record.state === 'starting') this.update(record, { state: 'running' });
    } catch (error) {
      record.message = (error as Error).message;
      this.update(record, { state: 'failed', message: record.message });
      client.stop();
    }
    return record;
  }

  /** Asks the adapter to stop the guest; ends its process if it does not answer in time. */
  async stop(): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.update(current.record, { state: 'stopping' });
    const forced = setTimeout(() => current.client.stop(), STOP_GRACE_MS);
    try {
      await current.client.request('terminate');
    } catch {
      current.client.stop();
    } finally {
      clearTimeout(forced);
    }
  }

  private onEvent(record: RunRecord, event: DapEvent): void {
    const body = event.body ?? {};
    if (event.event === 'output') {
      const category = String(body.category ?? 'console');
      if (category !== 'telemetry') this.listener.onOutput(String(body.output ?? ''), category, record);
    } else if (event.event === BOOT_PHASE_EVENT) {
      this.listener.onBootPhase?.(body as unknown as BootPhaseEventBody, record);
    } else if (event.event === LAUNCH_PLAN_EVENT) {
      this.update(record, { accelerator: (body as unknown as LaunchPlanEventBody).accelerator });
    } else if (event.event === VMM_EXITED_EVENT) {
      const exit = body as unknown as VmmExitedEventBody;
      if (exit.outcome === 'guest-exited') this.update(record, { state: 'exited', exitCode: exit.guestStatus ?? undefined, message: exit.description });
      else if (exit.outcome === 'stopped') this.update(record, { state: 'exited', message: 'stopped' });
      else this.update(record, { state: 'failed', message: [exit.description, ...exit.stderrTail.slice(-2)].join(': '), stderrTail: exit.stderrTail });
    } else if (event.event === 'exited' && record.exitCode === undefined && record.state !== 'failed') {
      const exitCode = Number(body.exitCode);
      this.update(record, { state: 'exited', exitCode, message: `exited with status ${exitCode}` });
    } else if (event.event === 'terminated' && this.current?.record === record) {
      const client = this.current.client;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, BEFORE_STOP_LIMIT_MS)));
      void Promise.race([this.listener.beforeStop?.(client, record).catch(() => undefined), limit]).finally(() => {
        clearTimeout(timer);
        client.stop();
      });
    }
  }

  private finish(record: RunRecord, state: RunState, message?: string): RunRecord {
    if (this.current?.record === record) this.current = undefined;
    if (record.endedAt === undefined) this.update(record, { state, message, endedAt: Date.now() });
    return record;
  }

  private update(record: RunRecord, changes: Partial<RunRecord>): void {
    Object.assign(record, changes);
    this.listener.onChange(record);
  }
}
