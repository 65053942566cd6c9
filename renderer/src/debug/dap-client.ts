// A Debug Adapter Protocol client over the backend's relay: requests with matched responses, and events by name.
import type { DapMessage } from '../../../main/api';
import type { BackendClient, Subscription } from '../transport/backend-client';

export interface DapEvent {
  event: string;
  body?: Record<string, unknown>;
}

/** A failed DAP request; a response's structured error (DAP `body.error`: id and variables) is kept for callers that act on it. */
export class DapRequestError extends Error {
  constructor(
    message: string,
    readonly errorId?: number,
    readonly variables?: Record<string, string>,
  ) {
    super(message);
  }
}

export class DapClient {
  private seq = 1;
  private readonly pending = new Map<number, { resolve(body: unknown): void; reject(error: Error): void; command: string }>();
  private readonly eventListeners = new Set<(event: DapEvent) => void>();
  private readonly endListeners = new Set<(reason?: string) => void>();
  private readonly subscriptions: Subscription[] = [];
  private ended = false;

  private constructor(
    private readonly backend: BackendClient,
    readonly sessionId: number,
  ) {
    this.subscriptions.push(
      backend.on('debug/message', ({ sessionId, message }) => {
        if (sessionId === this.sessionId) this.receive(message);
      }),
      backend.on('debug/ended', ({ sessionId, reason }) => {
        if (sessionId === this.sessionId) this.end(reason);
      }),
    );
  }

  static async start(backend: BackendClient): Promise<DapClient> {
    const { sessionId } = await backend.request('debug/start');
    return new DapClient(backend, sessionId);
  }

  request<T = unknown>(command: string, args?: unknown): Promise<T> {
    if (this.ended) return Promise.reject(new DapRequestError(`the debug session has ended; ${command} was not sent`));
    const seq = this.seq++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (body: unknown) => void, reject, command });
      this.backend.request('debug/send', { sessionId: this.sessionId, message: { seq, type: 'request', command, arguments: args } }).catch((error: Error) => {
        this.pending.delete(seq);
        reject(error);
      });
    });
  }

  onEvent(listener: (event: DapEvent) => void): void {
    this.eventListeners.add(listener);
  }

  onEnd(listener: (reason?: string) => void): void {
    this.endListeners.add(listener);
  }

  stop(): void {
    void this.backend.request('debug/stop', { sessionId: this.sessionId }).catch(() => undefined);
  }

  private receive(message: DapMessage): void {
    if (message.type === 'response') {
      const waiting = this.pending.get(message.request_seq as number);
      if (!waiting) return;
      this.pending.delete(message.request_seq as number);
      if (message.success) waiting.resolve(message.body);
      else {
        const error = (message.body as { error?: { id?: number; format?: string; variables?: Record<string, string> } } | undefined)?.error;
        waiting.reject(new DapRequestError(String(message.message ?? error?.format ?? `${waiting.command} failed`), error?.id, error?.variables));
      }
    } else if (message.type === 'event') {
      const event = { event: String(message.event), body: message.body as Record<string, unknown> | undefined };
      for (const listener of this.eventListeners) listener(event);
    }
  }

  private end(reason?: string): void {
    if (this.ended) return;
    this.ended = true;
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const waiting of this.pending.values()) waiting.reject(new DapRequestError(reason ?? 'the debug session ended'));
    this.pending.clear();
    for (const listener of this.endListeners) listener(reason);
  }
}
