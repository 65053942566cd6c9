// BackendClient over vscode-jsonrpc: one JSON-RPC message per text frame of whichever channel connected us.
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createMessageConnection,
  ResponseError,
  type DataCallback,
  type Disposable,
  type Message,
} from 'vscode-jsonrpc/browser';
import type { EventName, EventPayload, MiradorErrorData, RequestName, RequestParams, RequestResult } from '../../../main/api';
import { BackendError, type BackendClient, type Subscription } from './backend-client';
import type { RendererTextChannel } from './text-channel';

class ChannelReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  private readonly pending: Message[] = [];

  constructor(channel: RendererTextChannel) {
    super();
    channel.onMessage((text) => {
      let message: Message;
      try {
        message = JSON.parse(text) as Message;
      } catch (error) {
        this.fireError(new Error(`Dropped a frame from the backend that is not JSON: ${(error as Error).message}`));
        return;
      }
      if (this.callback) this.callback(message);
      else this.pending.push(message);
    });
    channel.onClose(() => this.fireClose());
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    for (const message of this.pending.splice(0)) callback(message);
    return { dispose: () => (this.callback = undefined) };
  }
}

class ChannelWriter extends AbstractMessageWriter {
  constructor(private readonly channel: RendererTextChannel) {
    super();
  }
  async write(message: Message): Promise<void> {
    this.channel.send(JSON.stringify(message));
  }
  end(): void {}
}

export function createJsonRpcBackendClient(channel: RendererTextChannel): BackendClient {
  const connection = createMessageConnection(new ChannelReader(channel), new ChannelWriter(channel));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const disconnectListeners = new Set<() => void>();
  let disconnected = false;
  connection.onClose(() => {
    if (disconnected) return;
    disconnected = true;
    for (const listener of disconnectListeners) listener();
  });
  connection.listen();

  return {
    async request<K extends RequestName>(method: K, ...params: RequestParams<K> extends void ? [] : [RequestParams<K>]) {
      if (disconnected) throw new BackendError('The connection to the Mirador backend is lost; reload the window.', 'transport');
      try {
        return (await connection.sendRequest(method, ...(params as unknown[]))) as RequestResult<K>;
      } catch (error) {
        if (error instanceof ResponseError) {
          const data = error.data as MiradorErrorData | undefined;
          throw new BackendError(error.message, data?.code ?? 'internal', data?.column);
        }
        throw new BackendError((error as Error).message, 'transport');
      }
    },
    on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): Subscription {
      let set = listeners.get(event);
      if (!set) {
        const created = new Set<(payload: unknown) => void>();
        listeners.set(event, created);
        connection.onNotification(event, (payload: unknown) => created.forEach((l) => l(payload)));
        set = created;
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return { dispose: () => set.delete(wrapped) };
    },
    onDisconnect(listener) {
      disconnectListeners.add(listener);
      return { dispose: () => disconnectListeners.delete(listener) };
    },
  };
}
