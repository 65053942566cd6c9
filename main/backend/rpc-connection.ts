// Serves the contract on one channel with vscode-jsonrpc, turning thrown errors into errors the UI can show.
import { createMessageConnection, ResponseError, type MessageConnection } from 'vscode-jsonrpc/node';
import { MIRADOR_RPC_ERROR, type EventName, type EventPayload, type MiradorErrorData, type RequestName } from '../api';
import { MiradorError } from '../services/mirador-error';
import { PacketFilterError } from '../services/packets/packet-filter-error';
import { ChannelMessageReader, ChannelMessageWriter, type TextMessageChannel } from './message-channel';
import type { ConnectionServices, RequestHandlers } from './request-handlers';

export interface RpcConnection {
  notify<K extends EventName>(event: K, payload: EventPayload<K>): void;
  onClose(listener: () => void): void;
  dispose(): void;
}

export function toResponseError(error: unknown): ResponseError<MiradorErrorData> {
  if (error instanceof PacketFilterError) return new ResponseError(MIRADOR_RPC_ERROR, error.message, { code: error.code, column: error.column });
  if (error instanceof MiradorError) return new ResponseError(MIRADOR_RPC_ERROR, error.message, { code: error.code });
  const message = error instanceof Error ? error.message : String(error);
  return new ResponseError(MIRADOR_RPC_ERROR, `Unexpected backend error: ${message}`, { code: 'internal' });
}

export function serveContract(
  channel: TextMessageChannel,
  handlers: RequestHandlers,
  services: () => ConnectionServices,
): RpcConnection {
  const connection: MessageConnection = createMessageConnection(new ChannelMessageReader(channel), new ChannelMessageWriter(channel));
  for (const method of Object.keys(handlers) as RequestName[]) {
    const handler = handlers[method] as (params: unknown, connection: ConnectionServices) => unknown;
    connection.onRequest(method, async (params: unknown) => {
      try {
        return (await handler(params, services())) ?? null;
      } catch (error) {
        return toResponseError(error);
      }
    });
  }
  connection.listen();
  return {
    notify: (event, payload) => {
      void connection.sendNotification(event, payload).catch(() => undefined);
    },
    onClose: (listener) => {
      connection.onClose(listener);
    },
    dispose: () => connection.dispose(),
  };
}
