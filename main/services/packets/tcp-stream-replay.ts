// Gives the TCP dissector a recorded stream state instead of the live table, so a frame dissected again reads as it did first.
import type { TcpStream, TcpStreamLookup } from '../dissect/tcp-stream-table';
import type { TcpStreamSnapshot } from './tcp-stream-history';

export class TcpStreamReplay implements TcpStreamLookup {
  /** The state the next lookup answers with; set before each frame is dissected again. */
  next: TcpStreamSnapshot | undefined;

  lookup(): TcpStream {
    const snapshot = this.next;
    this.next = undefined;
    // A fresh copy each time: the dissector updates the stream it is given, and the snapshot must stay as it was.
    if (!snapshot) return { index: 0, directions: new Map() };
    const stream: TcpStream = {
      index: snapshot.index,
      directions: new Map(snapshot.directions.map(([key, baseSeq, windowShift]) => [key, { baseSeq, windowShift }])),
    };
    if (snapshot.tlsVersion !== undefined) stream.tlsVersion = snapshot.tlsVersion;
    if (snapshot.isTls) stream.isTls = true;
    if (snapshot.tlsRetryPending) stream.tlsRetryPending = true;
    return stream;
  }
}
