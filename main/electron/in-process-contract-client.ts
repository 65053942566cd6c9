// A client of the contract inside the main process, so native menu items act through the same requests as the UI.
import { createMessageConnection } from 'vscode-jsonrpc/node';
import type { RequestName, RequestParams, RequestResult } from '../api/contract';
import type { Backend, Disposable } from '../backend/backend';
import { ChannelMessageReader, ChannelMessageWriter } from '../backend/message-channel';
import { createInMemoryChannelPair } from './in-memory-channel-pair';

export interface ContractClient extends Disposable {
  request<K extends RequestName>(method: K, params: RequestParams<K>): Promise<RequestResult<K>>;
}

/**
 * E.g. File > Open Folder… sends `workspace/open` here; the backend then broadcasts `workspace/changed` to every
 * connection, so the window updates exactly as if it had asked itself.
 */
export function connectInProcessClient(backend: Backend): ContractClient {
  const [clientSide, backendSide] = createInMemoryChannelPair();
  const attachment = backend.attach(backendSide);
  const connection = createMessageConnection(new ChannelMessageReader(clientSide), new ChannelMessageWriter(clientSide));
  connection.listen();
  return {
    request: (method, params) => connection.sendRequest(method, params),
    dispose() {
      connection.dispose();
      attachment.dispose();
      clientSide.close();
    },
  };
}
