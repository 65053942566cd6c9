// A run's live capture, held by the debug adapter: DAP custom requests for rows, detail, filter, export and streams, and
// the `mirador/packets` event for new frames.
import {
  EXPORT_CAPTURE_REQUEST,
  FILTER_ERROR_INVALID,
  FOLLOW_STREAM_REQUEST,
  CONVERSATIONS_REQUEST,
  type ConversationsResult,
  PACKET_DETAIL_REQUEST,
  PACKET_ROWS_REQUEST,
  PACKETS_EVENT,
  SET_FILTER_REQUEST,
  type ExportCaptureArguments,
  type ExportCaptureResult,
  type FollowStreamResult,
  type PacketDetailResult,
  type PacketRowsResult,
  type PacketsEventBody,
  type SetFilterResult,
} from '../../../main/api';
import { DapRequestError, type DapClient } from '../debug/dap-client';
import { columnInMessage, PacketFilterError, type PacketSource, type PacketSourceSubscription } from './packet-source';

export class DapPacketSource implements PacketSource {
  readonly kind = 'live';
  private readonly listeners = new Set<(update: PacketsEventBody) => void>();
  private ended: string | undefined;
  private last: PacketsEventBody = { total: 0, matched: 0, rows: [] };
  /** Whether the adapter has announced any frames: a run without a capture never does. */
  announced = false;

  constructor(
    private readonly client: DapClient,
    readonly name: string,
  ) {
    client.onEvent((event) => {
      if (event.event !== PACKETS_EVENT || this.ended !== undefined) return;
      const body = event.body as unknown as PacketsEventBody;
      this.announced = true;
      this.last = body;
      if (body.ended !== undefined) this.ended = body.ended;
      for (const listener of this.listeners) listener(body);
    });
    client.onEnd((reason) => {
      if (this.ended !== undefined) return;
      this.ended = reason ?? 'the run ended';
      const end: PacketsEventBody = { total: this.last.total, matched: this.last.matched, rows: [], ended: this.ended };
      for (const listener of this.listeners) listener(end);
    });
  }

  /** The DAP session this capture belongs to (the run controller's client). */
  get session(): DapClient {
    return this.client;
  }

  rows(start: number, count: number): Promise<PacketRowsResult> {
    return this.client.request<PacketRowsResult>(PACKET_ROWS_REQUEST, { start, count });
  }

  detail(number: number): Promise<PacketDetailResult> {
    return this.client.request<PacketDetailResult>(PACKET_DETAIL_REQUEST, { number });
  }

  async setFilter(filter: string): Promise<SetFilterResult> {
    try {
      return await this.client.request<SetFilterResult>(SET_FILTER_REQUEST, { filter });
    } catch (error) {
      if (error instanceof DapRequestError && error.errorId === FILTER_ERROR_INVALID) {
        const column = Number(error.variables?.column);
        throw new PacketFilterError(error.message, Number.isFinite(column) && column > 0 ? column : columnInMessage(error.message));
      }
      throw error;
    }
  }

  exportCapture(args: ExportCaptureArguments): Promise<ExportCaptureResult> {
    return this.client.request<ExportCaptureResult>(EXPORT_CAPTURE_REQUEST, args);
  }

  conversations(): Promise<ConversationsResult> {
    return this.client.request<ConversationsResult>(CONVERSATIONS_REQUEST, {});
  }

  followStream(number: number): Promise<FollowStreamResult> {
    return this.client.request<FollowStreamResult>(FOLLOW_STREAM_REQUEST, { number });
  }

  /**
   * A listener that comes after frames were announced first hears the counts so far (no rows): the next update's rows
   * continue from there, and the rows before are asked for like any others.
   */
  onUpdate(listener: (update: PacketsEventBody) => void): PacketSourceSubscription {
    this.listeners.add(listener);
    if (this.announced) listener({ total: this.last.total, matched: this.last.matched, rows: [], ...(this.ended !== undefined ? { ended: this.ended } : {}) });
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The capture lives and dies with the run's session; the panel only stops listening. */
  close(): void {
    this.listeners.clear();
  }
}
