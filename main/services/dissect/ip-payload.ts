// Hands an IPv4 or IPv6 payload to the transport dissector its protocol number names.
import { dissectData } from './data';
import type { Dissection } from './dissection';
import { dissectIcmp } from './icmp';
import { dissectIcmpv6 } from './icmpv6';
import { dissectTcp } from './tcp';
import { dissectUdp } from './udp';

export function dissectIpPayload(d: Dissection, protocol: number, offset: number, end: number, source: string, destination: string): void {
  switch (protocol) {
    case 1:
      return dissectIcmp(d, offset, end, source, destination);
    case 6:
      return dissectTcp(d, offset, end, source, destination);
    case 17:
      return dissectUdp(d, offset, end);
    case 58:
      return dissectIcmpv6(d, offset, end, source, destination);
    default:
      d.columns(d.protocol, `${ipProtocolName(protocol)} (${protocol})`);
      return dissectData(d, offset, end);
  }
}

const NAMES: Record<number, string> = { 0: 'IPv6 Hop-by-Hop Option', 1: 'ICMP', 2: 'IGMP', 6: 'TCP', 17: 'UDP', 41: 'IPv6', 43: 'Routing', 44: 'Fragment', 47: 'GRE', 50: 'ESP', 51: 'AH', 58: 'ICMPv6', 59: 'No Next Header', 60: 'Destination Options', 132: 'SCTP' };

export function ipProtocolName(protocol: number): string {
  return NAMES[protocol] ?? `Unknown`;
}
