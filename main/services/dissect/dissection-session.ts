// State that outlives one frame while dissecting a capture in order: TCP streams (relative sequence numbers, TLS versions).
import { TcpStreamTable } from './tcp-stream-table';

export class DissectionSession {
  readonly tcpStreams = new TcpStreamTable();
}
