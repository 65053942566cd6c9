// A capture file the user opened, held by the backend: the `packets/*` requests of the contract, and `packets/update` for
// the frames as the backend reads them.
import type {
  ConversationsResult,
  ExportCaptureArguments,
  ExportCaptureResult,
  FollowStreamResult,
  PacketDetailResult,
  PacketRowsResult,
  PacketsEventBody,
  SetFilterResult,
} from '../../../main/api';
import { BackendError, type BackendClient, type Subscription } from '../transport/backend-client';
import { columnInMessage, PacketFilterError, type PacketSource, type PacketSourceSubscription } from './packet-source';

export class BackendPacketSource implements PacketSource {
  readonly kind = 'file';
  private readonly listeners = new Set<(update: PacketsEventBody) => void>();
  private closed = false;
  /** Updates that arrived before anyone listened: handed to the first listener. */
  private pending: PacketsEventBody[] = [];

  private constructor(
    private readonly backend: BackendClient,
    readonly captureId: number,
    readonly name: string,
    /** The path it was opened with (workspace-relative or absolute). */
    readonly path: string,
    private readonly subscription: Subscription,
  ) {}

  /**
   * Opens a file in the backend. The backend starts reading at once and its first updates may overtake the answer, so
   * updates are listened to before asking and kept until the capture id is known.
   */
  static async open(backend: BackendClient, path: string): Promise<BackendPacketSource> {
    const early: ({ captureId: number } & PacketsEventBody)[] = [];
    let source: BackendPacketSource | undefined;
    const subscription = backend.on('packets/update', (update) => {
      if (!source) early.push(update);
      else if (update.captureId === source.captureId) source.emit(update);
    });
    try {
      const { captureId, name } = await backend.request('packets/open', { path });
      source = new BackendPacketSource(backend, captureId, name, path, subscription);
      source.pending = early.filter((update) => update.captureId === captureId);
      return source;
    } catch (error) {
      subscription.dispose();
      throw error;
    }
  }

  rows(start: number, count: number): Promise<PacketRowsResult> {
    return this.backend.request('packets/rows', { captureId: this.captureId, start, count });
  }

  detail(number: number): Promise<PacketDetailResult> {
    return this.backend.request('packets/detail', { captureId: this.captureId, number });
  }

  async setFilter(filter: string): Promise<SetFilterResult> {
    try {
      return await this.backend.request('packets/setFilter', { captureId: this.captureId, filter });
    } catch (error) {
      if (error instanceof BackendError && error.code === 'invalid-params') throw new PacketFilterError(error.message, error.column ?? columnInMessage(error.message));
      throw error;
    }
  }

  exportCapture(args: ExportCaptureArguments): Promise<ExportCaptureResult> {
    return this.backend.request('packets/export', { captureId: this.captureId, ...args });
  }

  conversations(): Promise<ConversationsResult> {
    return this.backend.request('packets/conversations', { captureId: this.captureId });
  }

  followStream(number: number): Promise<FollowStreamResult> {
    return this.backend.request('packets/followStream', { captureId: this.captureId, number });
  }

  onUpdate(listener: (update: PacketsEventBody) => void): PacketSourceSubscription {
    this.listeners.add(listener);
    const pending = this.pending.splice(0);
    for (const update of pending) listener(update);
    return { dispose: () => this.listeners.delete(listener) };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.subscription.dispose();
    void this.backend.request('packets/close', { captureId: this.captureId }).catch(() => undefined);
  }

  private emit(update: PacketsEventBody): void {
    if (!this.listeners.size) this.pending.push(update);
    for (const listener of this.listeners) listener(update);
  }
}
