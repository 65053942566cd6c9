// State that outlives one frame while dissecting a capture in order: TCP streams (relative sequence numbers, TLS versions)
// ICMP echo requests (so replies name their request), each TCP flow's sequence analysis, and HTTP messages, TLS
// records and DNS messages spanning segments.
import { DnsTcpMessageTable, type DnsTcpReassemblyLookup } from './dns-tcp-reassembly';
import { HttpMessageTable, type HttpReassemblyLookup } from './http-reassembly';
import { IcmpEchoTable, type IcmpEchoLookup } from './icmp-echo-table';
import { TcpSequenceAnalysis, type TcpAnalysisLookup } from './tcp-sequence-analysis';
import { TcpStreamTable, type TcpStreamLookup } from './tcp-stream-table';
import { TlsRecordTable, type TlsReassemblyLookup } from './tls-reassembly';

export class DissectionSession {
  /** A capture held for browsing passes lookups that record what each frame found (so a frame can be dissected again alone). */
  constructor(
    readonly tcpStreams: TcpStreamLookup = new TcpStreamTable(),
    readonly icmpEchoes: IcmpEchoLookup = new IcmpEchoTable(),
    readonly tcpAnalysis: TcpAnalysisLookup = new TcpSequenceAnalysis(),
    readonly httpMessages: HttpReassemblyLookup = new HttpMessageTable(),
    readonly tlsRecords: TlsReassemblyLookup = new TlsRecordTable(),
    readonly dnsMessages: DnsTcpReassemblyLookup = new DnsTcpMessageTable(),
  ) {}
}
