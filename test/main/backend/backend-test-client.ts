// Test helper: a real backend on a temporary workspace, and a client speaking the contract to it over an in-memory channel.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import type { EventName, EventPayload, RequestName, RequestParams, RequestResult } from '../../../main/api';
import { createBackend, type Backend, type Disposable } from '../../../main/backend/backend';
import { ChannelMessageReader, ChannelMessageWriter } from '../../../main/backend/message-channel';
import { createInMemoryChannelPair, type ClosableChannel } from '../../../main/electron/in-memory-channel-pair';

export const APP_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

export class BackendTestClient {
  readonly events: Array<{ event: EventName; payload: unknown }> = [];
  private constructor(
    private readonly connection: MessageConnection,
    private readonly channel: ClosableChannel,
    private readonly attachment: Disposable,
  ) {}

  static connect(backend: Backend): BackendTestClient {
    const [clientSide, backendSide] = createInMemoryChannelPair();
    const attachment = backend.attach(backendSide);
    const connection = createMessageConnection(new ChannelMessageReader(clientSide), new ChannelMessageWriter(clientSide));
    const client = new BackendTestClient(connection, clientSide, attachment);
    connection.onNotification((event: string, payload: unknown) => void client.events.push({ event: event as EventName, payload }));
    connection.listen();
    return client;
  }

  request<K extends RequestName>(method: K, params?: RequestParams<K>): Promise<RequestResult<K>> {
    return this.connection.sendRequest(method, params) as Promise<RequestResult<K>>;
  }

  eventsOf<K extends EventName>(event: K): EventPayload<K>[] {
    return this.events.filter((entry) => entry.event === event).map((entry) => entry.payload as EventPayload<K>);
  }

  /** Resolves with the first event (already received or to come) that satisfies `match`. */
  async waitFor<K extends EventName>(event: K, match: (payload: EventPayload<K>) => boolean, timeoutMs = 15_000): Promise<EventPayload<K>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.eventsOf(event).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${event} event matched within ${timeoutMs} ms; got ${JSON.stringify(this.eventsOf(event)).slice(0, 2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Like a closed browser tab: the channel ends, the backend cleans up after the connection. */
  disconnect(): void {
    this.connection.dispose();
    this.channel.close();
    this.attachment.dispose();
  }
}

export async function startTestBackend(workspace: string): Promise<{ backend: Backend; userDataDir: string; cleanup(): Promise<void> }> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mirador-backend-data-'));
  const backend = await createBackend({ workspace, userDataDir, appRoot: APP_ROOT, host: {}, version: 'test' });
  return {
    backend,
    userDataDir,
    async cleanup() {
      await backend.dispose();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The pids of this process's children whose command is the OCaml toplevel. */
export function toplevelChildren(): number[] {
  const children: number[] = [];
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8').trim();
      const [, command, rest] = /^\d+ \((.*)\) (.*)$/.exec(stat) ?? [];
      const [state, parent] = rest?.split(' ') ?? [];
      if (Number(parent) === process.pid && state !== 'Z' && command !== undefined && /^ocaml/.test(command)) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

function readdirSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
