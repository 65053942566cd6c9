// Test helper: a DebugClient talking to the real built adapter, `node out/main/cli.js debug-adapter`, as an editor would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { CLI_ENTRY } from '../../cli/app-build';

/** DebugClient spawns `runtime executable` only; the adapter is a subcommand, so this client spawns it itself. */
export class SpawnedAdapterClient extends DebugClient {
  adapter!: ChildProcessWithoutNullStreams;
  stderr = '';
  readonly events: DebugProtocol.Event[] = [];
  readonly adapterExit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private resolveExit!: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void;

  constructor(
    private readonly cwd: string,
    /** The adapter's environment (default: the test's), e.g. a PATH without gdb. */
    private readonly env?: NodeJS.ProcessEnv,
  ) {
    super(process.execPath, CLI_ENTRY, 'mirador');
    this.defaultTimeout = 10_000;
    this.adapterExit = new Promise((resolve) => (this.resolveExit = resolve));
  }

  override start(): Promise<void> {
    this.adapter = spawn(process.execPath, [CLI_ENTRY, 'debug-adapter'], { cwd: this.cwd, stdio: 'pipe', ...(this.env ? { env: this.env } : {}) });
    this.adapter.stderr.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.adapter.on('close', (code, signal) => this.resolveExit({ code, signal }));
    this.connect(this.adapter.stdout, this.adapter.stdin);
    return Promise.resolve();
  }

  /** Every event, in order, besides DebugClient's one-shot waiters. */
  override emit(eventName: string | symbol, ...args: unknown[]): boolean {
    if (typeof eventName === 'string' && args[0] && (args[0] as DebugProtocol.Event).type === 'event') this.events.push(args[0] as DebugProtocol.Event);
    return super.emit(eventName, ...args);
  }

  /** A request answered with the whole response, failed or not (send() keeps only the message of a failure). */
  rawRequest(command: string, args?: object): Promise<DebugProtocol.Response> {
    const client = this as unknown as { doSend(command: string, args: object | undefined, callback: (response: DebugProtocol.Response) => void): void };
    return new Promise((resolve) => client.doSend(command, args, resolve));
  }

  output(category: string): string {
    return this.events
      .filter((event): event is DebugProtocol.OutputEvent => event.event === 'output' && (event as DebugProtocol.OutputEvent).body.category === category)
      .map((event) => event.body.output)
      .join('');
  }

  eventSequence(): string[] {
    return this.events.map((event) => event.event);
  }

  /** Ends the adapter after a test: a disconnect first (it then removes its run folder), SIGKILL if that hangs. */
  async stopAll(): Promise<void> {
    if (this.adapter.exitCode === null && this.adapter.signalCode === null) {
      const polite = this.disconnectRequest({ terminateDebuggee: true }).then(() => this.adapterExit);
      const gone = await Promise.race([polite.then(() => true, () => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000))]);
      if (!gone && this.adapter.exitCode === null && this.adapter.signalCode === null) this.adapter.kill('SIGKILL');
    }
    await this.adapterExit;
  }
}
