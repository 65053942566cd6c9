// State that outlives one frame while dissecting a capture in order: TCP streams (relative sequence numbers, TLS versions)
// ICMP echo requests (so replies name their request), each TCP flow's sequence analysis, and HTTP messages, TLS
// records and DNS messages spanning segments; and, as tshark by default, IP fragments put together and MAC addresses named.
import { DnsTcpMessageTable, type DnsTcpReassemblyLookup } from './dns-tcp-reassembly';
import { HttpMessageTable, type HttpReassemblyLookup } from './http-reassembly';
import { IcmpEchoTable, type IcmpEchoLookup } from './icmp-echo-table';
import { IpFragmentTable, type IpReassemblyLookup } from './ip-reassembly';
import { systemMacNames, type MacNames } from './mac-names';
import { TcpSequenceAnalysis, type TcpAnalysisLookup } from './tcp-sequence-analysis';
import { TcpStreamTable, type TcpStreamLookup } from './tcp-stream-table';
import { TlsRecordTable, type TlsReassemblyLookup } from './tls-reassembly';

/** Wireshark's two defaults a user may turn off: tshark -n, and -o ip.defragment:FALSE -o ipv6.defragment:FALSE. */
export interface DissectionSettings {
  /** MAC addresses named ("RealtekU_12:34:56", "Broadcast") from Wireshark's manuf, wka and ethers files. */
  nameResolution: boolean;
  /** IPv4 and IPv6 fragments put together. */
  reassembly: boolean;
}

export class DissectionSession {
  /** A capture held for browsing passes lookups that record what each frame found (so a frame can be dissected again alone). */
  constructor(
    readonly tcpStreams: TcpStreamLookup = new TcpStreamTable(),
    readonly icmpEchoes: IcmpEchoLookup = new IcmpEchoTable(),
    readonly tcpAnalysis: TcpAnalysisLookup = new TcpSequenceAnalysis(),
    readonly httpMessages: HttpReassemblyLookup = new HttpMessageTable(),
    readonly tlsRecords: TlsReassemblyLookup = new TlsRecordTable(),
    readonly dnsMessages: DnsTcpReassemblyLookup = new DnsTcpMessageTable(),
    /** Undefined: fragments are shown one by one (tshark -o ip.defragment:FALSE -o ipv6.defragment:FALSE). */
    readonly ipFragments: IpReassemblyLookup | undefined = undefined,
    /** Undefined: MAC addresses stay numbers (tshark -n). */
    readonly macNames: MacNames | undefined = undefined,
  ) {}

  /** What tshark and Wireshark do unless told otherwise: IP fragments put together, MAC addresses named. */
  static wiresharkDefaults(settings: Partial<DissectionSettings> = {}): DissectionSession {
    const { nameResolution = true, reassembly = true } = settings;
    return new DissectionSession(undefined, undefined, undefined, undefined, undefined, undefined, reassembly ? new IpFragmentTable() : undefined, nameResolution ? systemMacNames() : undefined);
  }
}
