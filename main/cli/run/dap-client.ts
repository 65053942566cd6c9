// A small DAP client over an adapter link's streams: requests with promised responses, events to one listener.
import type { DapMessage } from '../../api/debug-protocol';
import { DapFrameReader, encodeDapMessage } from '../../debug/protocol/dap-framing';
import type { AdapterLink } from './adapter-link';

export interface DapResponse extends DapMessage {
  type: 'response';
  request_seq: number;
  success: boolean;
  command: string;
  message?: string;
  body?: { error?: { id?: number; format?: string } } & Record<string, unknown>;
}

export interface DapEvent extends DapMessage {
  type: 'event';
  event: string;
  body?: Record<string, unknown>;
}

export class DapClient {
  private seq = 1;
  private readonly pending = new Map<number, (response: DapResponse) => void>();
  private readonly reader = new DapFrameReader();
  private closed = false;

  constructor(
    private readonly adapter: Pick<AdapterLink, 'toAdapter' | 'fromAdapter' | 'closed'>,
    private readonly onEvent: (event: DapEvent) => void,
    onProtocolError: (message: string) => void,
  ) {
    adapter.fromAdapter.on('data', (chunk: Buffer | string) => {
      let messages: DapMessage[];
      try {
        messages = this.reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      } catch (error) {
        onProtocolError(`the debug adapter wrote something that is not DAP (${(error as Error).message})`);
        return;
      }
      for (const message of messages) this.dispatch(message);
    });
    adapter.toAdapter.on('error', () => undefined);
    void adapter.closed.then(() => {
      this.closed = true;
      for (const [requestSeq, resolve] of this.pending) resolve(closedResponse(requestSeq));
      this.pending.clear();
    });
  }

  /** Resolves with the response, successful or not; an adapter that is gone answers with a failed response. */
  request(command: string, args?: object): Promise<DapResponse> {
    const seq = this.seq++;
    if (this.closed || !this.adapter.toAdapter.writable) return Promise.resolve(closedResponse(seq, command));
    return new Promise((resolve) => {
      this.pending.set(seq, resolve);
      this.adapter.toAdapter.write(encodeDapMessage({ seq, type: 'request', command, ...(args ? { arguments: args } : {}) }));
    });
  }

  private dispatch(message: DapMessage): void {
    if (message.type === 'response') {
      const response = message as DapResponse;
      const resolve = this.pending.get(response.request_seq);
      this.pending.delete(response.request_seq);
      resolve?.(response);
    } else if (message.type === 'event') {
      this.onEvent(message as DapEvent);
    }
  }
}

function closedResponse(requestSeq: number, command = ''): DapResponse {
  return { seq: 0, type: 'response', request_seq: requestSeq, success: false, command, message: 'the debug adapter has exited' };
}
