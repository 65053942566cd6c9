// Test helper: the real backend (createBackend) attached to an in-memory channel, with a vscode-jsonrpc client on the other end.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import type { EventName, EventPayload, RequestName, RequestParams, RequestResult } from '../../../main/api';
import { createBackend, type Backend } from '../../../main/backend/backend';
import { ChannelMessageReader, ChannelMessageWriter, type TextMessageChannel } from '../../../main/backend/message-channel';

const APP_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** Two ends of a text channel; frames cross asynchronously, as on a real socket. */
function channelPair(): [TextMessageChannel, TextMessageChannel, () => void] {
  const listeners: [((text: string) => void)[], ((text: string) => void)[]] = [[], []];
  const closers: (() => void)[] = [];
  const end = (side: 0 | 1): TextMessageChannel => ({
    send: (text) => setImmediate(() => listeners[1 - side]!.forEach((listener) => listener(text))),
    onMessage: (listener) => listeners[side].push(listener),
    onClose: (listener) => closers.push(listener),
  });
  return [end(0), end(1), () => closers.forEach((close) => close())];
}

export class BackendConnection {
  private constructor(
    readonly backend: Backend,
    readonly client: MessageConnection,
    private readonly userDataDir: string,
    private readonly close: () => void,
  ) {}

  static async open(workspace?: string): Promise<BackendConnection> {
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'mirador-backend-user-'));
    const backend = await createBackend({ userDataDir, appRoot: APP_ROOT, host: {}, version: 'test', ...(workspace ? { workspace } : {}) });
    const [serverEnd, clientEnd, close] = channelPair();
    backend.attach(serverEnd);
    const client = createMessageConnection(new ChannelMessageReader(clientEnd), new ChannelMessageWriter(clientEnd));
    client.listen();
    return new BackendConnection(backend, client, userDataDir, close);
  }

  request<K extends RequestName>(method: K, params: RequestParams<K>): Promise<RequestResult<K>> {
    return this.client.sendRequest(method, params) as Promise<RequestResult<K>>;
  }

  onEvent<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): void {
    this.client.onNotification(event, listener as (payload: unknown) => void);
  }

  async dispose(): Promise<void> {
    this.close();
    this.client.dispose();
    await this.backend.dispose();
    await rm(this.userDataDir, { recursive: true, force: true });
  }
}
