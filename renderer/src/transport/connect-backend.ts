// Picks the transport this page was loaded with (http: a WebSocket; the Electron app protocol: a MessagePort).
import { WEBSOCKET_PATH } from '../../../main/api/channels';
import type { BackendClient } from './backend-client';
import { createJsonRpcBackendClient } from './jsonrpc-backend-client';
import { awaitMessagePortChannel } from './message-port-channel';
import { openWebSocketChannel } from './websocket-channel';

export async function connectBackend(): Promise<BackendClient> {
  const servedOverHttp = location.protocol === 'http:' || location.protocol === 'https:';
  const channel = servedOverHttp
    ? await openWebSocketChannel(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WEBSOCKET_PATH}`)
    : await awaitMessagePortChannel(10_000);
  return createJsonRpcBackendClient(channel);
}
