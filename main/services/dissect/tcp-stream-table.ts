// Per-capture TCP conversation state: stream numbers, each direction's initial sequence number and window scale, TLS version.

export interface TcpDirection {
  baseSeq: number;
  /** Window scale shift from this side's SYN; -1 until known, -2 when the handshake showed none (then no scaling). */
  windowShift: number;
}

export interface TcpStream {
  index: number;
  /** Keyed by the sending side: "addr:port". */
  directions: Map<string, TcpDirection>;
  /** Set once a TLS ServerHello picks a version, so later records carry it in the Protocol column. */
  tlsVersion?: string;
  isTls?: boolean;
  /** A TLS 1.3 server asked the client to try again (Hello Retry Request): the handshake is not encrypted yet. */
  tlsRetryPending?: boolean;
  /** Started by a SYN on a 4-tuple an earlier stream had used (Wireshark's "TCP Port numbers reused"). */
  reusesPorts?: boolean;
}

/** Where the TCP dissector finds a segment's stream: the live table, or a recorded state when a frame is dissected again. */
export interface TcpStreamLookup {
  /** `from` and `to` are the sending and receiving sides as "addr:port"; `synSeq` a SYN's raw sequence number, else -1. */
  lookup(from: string, to: string, synSeq: number): TcpStream;
}

export class TcpStreamTable implements TcpStreamLookup {
  /** Keyed by the lower side, then the higher: both directions find the same stream without building a key per segment. */
  private readonly streams = new Map<string, Map<string, TcpStream>>();
  private count = 0;

  /**
   * The stream of a segment. A SYN (without ACK) on a known 4-tuple starts a new stream when its sequence number differs
   * from the one that side started with (port reuse), as Wireshark 4.0 decides; the same SYN again is a retransmission.
   */
  lookup(from: string, to: string, synSeq: number): TcpStream {
    const low = from < to ? from : to;
    const high = low === from ? to : from;
    let peers = this.streams.get(low);
    if (!peers) this.streams.set(low, (peers = new Map()));
    let stream = peers.get(high);
    const sender = stream?.directions.get(from);
    if (!stream || (synSeq >= 0 && sender !== undefined && sender.baseSeq !== synSeq)) {
      const replaced = stream !== undefined;
      stream = { index: this.count++, directions: new Map() };
      if (replaced) stream.reusesPorts = true;
      peers.set(high, stream);
    }
    return stream;
  }
}
