// Packets part of the contract: a capture's rows, details, filter, export and streams, the same over DAP and the backend.
//
// A capture lives where it was made (the debug adapter for a run's live traffic, the backend for a file the user opens)
// in compact binary form. The UI never holds it: it asks for the rows it shows and for one packet's detail.
// Over DAP the requests below are custom requests named by the `*_REQUEST` constants, with these bodies as `arguments`
// and `body`; over the backend contract they are `packets/*` requests that also carry a `captureId`.

/** One row of the packet list: Wireshark's default columns. */
export interface PacketRow {
  /** 1-based frame number in the whole capture (not the filtered view). */
  number: number;
  /** Seconds since the first frame of the capture. */
  time: number;
  source: string;
  destination: string;
  protocol: string;
  length: number;
  info: string;
  /**
   * Colouring rule name, first match wins: `malformed`, `tcp-bad` (Wireshark's "Bad TCP"), `tcp-rst`, `icmp-error`, `tcp-syn` (SYN or FIN), `arp`, `icmp`,
   * `dns`, `dhcp`, `http`, `tls`, `tcp`, `udp`, `other`.
   */
  colour: string;
}

/** One line of the detail tree; `start`/`length` are the bytes it covers in the frame (for the hex pane's highlight). */
export interface PacketDetailNode {
  label: string;
  start: number;
  length: number;
  children?: PacketDetailNode[];
  /** A display filter for packets like this one in this respect (Wireshark's Apply as Filter): `ip.src == 10.0.2.15`, `dns`. */
  filter?: string;
}

/**
 * DAP event: new frames arrived (at most 20 events a second, each one batch; the first without delay). While a new filter
 * is still being applied to the frames held, events carry the counts and no rows. The last event of a run has `ended` and
 * comes before `terminated`; the capture stays browsable (rows, detail, export...) until the session is disconnected.
 */
export const PACKETS_EVENT = 'mirador/packets';
export interface PacketsEventBody {
  /** Frames in the capture so far. */
  total: number;
  /** Frames matching the current filter so far. */
  matched: number;
  /** The newly arrived rows that match the current filter, oldest first (at most 500; ask for more with rows). */
  rows: PacketRow[];
  /** When the capture ended (the VMM exited or the source failed), why; absent while it is live. */
  ended?: string;
}

/**
 * DAP event: syslog messages the guest sent over the network (UDP 514, as logs-syslog does) in frames that just
 * arrived, for the Log panel; sent with the `mirador/packets` event of the same frames.
 */
export const SYSLOG_EVENT = 'mirador/syslog';
export interface SyslogEventBody {
  messages: SyslogMessage[];
}
export interface SyslogMessage {
  /** The frame's number in the capture. */
  frame: number;
  /** -1 when the message had no `<PRI>`. */
  facility: number;
  level: number;
  /** The message after the priority (RFC 3164 or 5424 header included), unprintable bytes escaped as tshark shows them. */
  text: string;
  /** The sender's address (the Source column). */
  sender: string;
  /** The frame's Info column (`DAEMON.INFO: ...`), the line as the Packets panel shows it. */
  info: string;
}

/** DAP request: rows `start`..`start+count-1` of the filtered view (0-based indices into it). */
export const PACKET_ROWS_REQUEST = 'mirador/packetRows';
export interface PacketRowsArguments {
  start: number;
  count: number;
}
export interface PacketRowsResult {
  rows: PacketRow[];
  total: number;
  matched: number;
}

/** DAP request: one frame's detail tree and bytes. */
export const PACKET_DETAIL_REQUEST = 'mirador/packetDetail';
export interface PacketDetailArguments {
  /** 1-based frame number. */
  number: number;
}
export interface PacketDetailResult {
  number: number;
  tree: PacketDetailNode[];
  /** The captured bytes, base64. */
  bytes: string;
  /**
   * Filter that selects this packet's TCP or UDP conversation (for "Follow Stream"), when it has one: `tcp.stream eq N`, or
   * `ip.addr eq A and ip.addr eq B and udp.port eq P and udp.port eq Q` (`ipv6.addr` for IPv6).
   */
  streamFilter?: string;
}

/**
 * DAP request: set the display filter (empty string: none). An invalid filter is an error response with a column. The answer
 * comes once every frame held was filtered; frames arriving later are matched as they come. A later setFilter replaces a
 * scan still running, and both answers then describe the later filter.
 */
export const SET_FILTER_REQUEST = 'mirador/setFilter';
export interface SetFilterArguments {
  filter: string;
}
export interface SetFilterResult {
  filter: string;
  matched: number;
  total: number;
}
/**
 * `body.error.id` of a rejected filter; `body.error.format` says what is wrong and `body.error.variables.column` is the
 * 1-based column of the mistake, as a string (DAP message variables are strings). Over the backend contract the same
 * rejection is an `invalid-params` error whose `data.column` is a number.
 */
export const FILTER_ERROR_INVALID = 3101;

/** DAP request: write the capture (all frames, or the filtered view) as pcapng or pcap to a path. */
export const EXPORT_CAPTURE_REQUEST = 'mirador/exportCapture';
export interface ExportCaptureArguments {
  /** Absolute path, or relative to the session's cwd / the workspace. */
  path: string;
  format?: 'pcapng' | 'pcap';
  /** Only the frames matching the current filter. */
  filtered?: boolean;
}
export interface ExportCaptureResult {
  path: string;
  frames: number;
  bytes: number;
}

/** DAP request: Wireshark's Statistics › Conversations for TCP and UDP, over every frame held (no arguments). */
export const CONVERSATIONS_REQUEST = 'mirador/conversations';
export interface ConversationStatistics {
  protocol: 'tcp' | 'udp';
  /** A is the side that sent the conversation's first frame. */
  addressA: string;
  portA: number;
  addressB: string;
  portB: number;
  framesAToB: number;
  bytesAToB: number;
  framesBToA: number;
  bytesBToA: number;
  /** Seconds since the capture's first frame, and from the conversation's first frame to its last. */
  start: number;
  duration: number;
  /** The display filter that shows just this conversation. */
  filter: string;
}
export interface ConversationsResult {
  conversations: ConversationStatistics[];
}

/** DAP request: the payload of the TCP or UDP conversation a frame belongs to, in order, by direction. */
export const FOLLOW_STREAM_REQUEST = 'mirador/followStream';
export interface FollowStreamArguments {
  number: number;
}
export interface FollowStreamSegment {
  /** true when sent by the side that spoke first (the client). */
  fromClient: boolean;
  /** Payload bytes, base64. */
  bytes: string;
  /** Frame this payload came from. */
  number: number;
}
export interface FollowStreamResult {
  protocol: 'tcp' | 'udp';
  client: string;
  server: string;
  filter: string;
  segments: FollowStreamSegment[];
}
