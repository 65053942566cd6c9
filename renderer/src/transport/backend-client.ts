// The renderer's typed handle on the backend: requests and events of main/api's contract, whatever carries them.
import type { EventName, EventPayload, MiradorErrorData, RequestName, RequestParams, RequestResult } from '../../../main/api';

/** A failed backend request: `code` says why (see main/api/errors.ts), `message` is for the user. */
export class BackendError extends Error {
  constructor(
    message: string,
    readonly code: MiradorErrorData['code'] | 'transport',
    /** For a display filter that does not compile: the 1-based column of the mistake. */
    readonly column?: number,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

export interface Subscription {
  dispose(): void;
}

export interface BackendClient {
  request<K extends RequestName>(
    method: K,
    ...params: RequestParams<K> extends void ? [] : [RequestParams<K>]
  ): Promise<RequestResult<K>>;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): Subscription;
  /** Called once when the connection to the backend is lost. */
  onDisconnect(listener: () => void): Subscription;
}
