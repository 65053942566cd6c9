// State that outlives one frame while dissecting a capture in order: TCP streams (relative sequence numbers, TLS versions).
import { TcpStreamTable, type TcpStreamLookup } from './tcp-stream-table';

export class DissectionSession {
  /** A capture held for browsing passes a lookup that records each frame's stream state (so a frame can be dissected again alone). */
  constructor(readonly tcpStreams: TcpStreamLookup = new TcpStreamTable()) {}
}
