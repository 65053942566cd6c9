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
}

/** Where the TCP dissector finds a segment's stream: the live table, or a recorded state when a frame is dissected again. */
export interface TcpStreamLookup {
  lookup(source: string, sourcePort: number, destination: string, destinationPort: number, synOnly: boolean): TcpStream;
}

export class TcpStreamTable implements TcpStreamLookup {
  private readonly streams = new Map<string, TcpStream>();
  private count = 0;

  /** The stream of a segment; a new SYN (without ACK) on a known 4-tuple starts a new stream, as Wireshark does. */
  lookup(source: string, sourcePort: number, destination: string, destinationPort: number, synOnly: boolean): TcpStream {
    const from = `${source}:${sourcePort}`;
    const to = `${destination}:${destinationPort}`;
    const key = from < to ? `${from}|${to}` : `${to}|${from}`;
    let stream = this.streams.get(key);
    if (!stream || (synOnly && stream.directions.has(from) && stream.directions.size === 2)) {
      stream = { index: this.count++, directions: new Map() };
      this.streams.set(key, stream);
    }
    return stream;
  }
}
