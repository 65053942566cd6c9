// Where the Packets panel's rows come from: a capture file the backend opened, or a run's live capture in the debug adapter.
// Both speak main/api/packets-protocol.ts; the panel sees only this interface.
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

export interface PacketSourceSubscription {
  dispose(): void;
}

export interface PacketSource {
  /** What the panel calls it: the file name, or the run's configuration name. */
  readonly name: string;
  /** A run's capture grows while the guest runs; a file is read once. */
  readonly kind: 'file' | 'live';
  rows(start: number, count: number): Promise<PacketRowsResult>;
  detail(number: number): Promise<PacketDetailResult>;
  /** Applies a display filter ('' for none); rejects with PacketFilterError when it does not compile. */
  setFilter(filter: string): Promise<SetFilterResult>;
  exportCapture(args: ExportCaptureArguments): Promise<ExportCaptureResult>;
  followStream(number: number): Promise<FollowStreamResult>;
  /** Statistics › Conversations: the TCP and UDP conversations of every frame held. */
  conversations(): Promise<ConversationsResult>;
  /** New frames (and the counts) as they arrive; `ended` once no more will come. */
  onUpdate(listener: (update: PacketsEventBody) => void): PacketSourceSubscription;
  /** Lets the capture go where it lives (a file's PacketTable in the backend); a run's capture ends with its session. */
  close(): void;
}

/** A display filter the capture rejected: the message and the 1-based column of the mistake, when known. */
export class PacketFilterError extends Error {
  constructor(
    message: string,
    readonly column: number | undefined,
  ) {
    super(message);
    this.name = 'PacketFilterError';
  }
}

/** Finds "column N" in an error message when the transport carried no column of its own. */
export function columnInMessage(message: string): number | undefined {
  const match = /\bcolumn (\d+)\b/i.exec(message);
  return match ? Number(match[1]) : undefined;
}
