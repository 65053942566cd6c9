// Finds a frame's TCP or UDP header and payload straight from the bytes (Ethernet, VLAN, raw IP; IPv4, IPv6), for conversations.
import { formatIpv4, formatIpv6 } from '../dissect/address-format';
import { LINKTYPE_ETHERNET, LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_RAW, VLAN_ETHER_TYPES } from '../dissect/link-types';

export interface TransportLocation {
  protocol: 'tcp' | 'udp';
  ipVersion: 4 | 6;
  source: string;
  destination: string;
  sourcePort: number;
  destinationPort: number;
  payloadStart: number;
  payloadEnd: number;
  /** TCP only: raw sequence number and flags. */
  seq: number;
  flags: number;
}

/** IPv6 extension headers skipped on the way to the transport (hop-by-hop, routing, destination options). */
const IPV6_SKIPPABLE = new Set([0, 43, 60]);

export function locateTransport(data: Buffer, linkType: number): TransportLocation | undefined {
  let at = 0;
  let etherType: number;
  if (linkType === LINKTYPE_ETHERNET) {
    if (data.length < 14) return undefined;
    etherType = data.readUInt16BE(12);
    at = 14;
    while (VLAN_ETHER_TYPES.has(etherType)) {
      if (data.length < at + 4) return undefined;
      etherType = data.readUInt16BE(at + 2);
      at += 4;
    }
  } else if (linkType === LINKTYPE_RAW || linkType === LINKTYPE_IPV4 || linkType === LINKTYPE_IPV6) {
    if (data.length < 1) return undefined;
    etherType = data[0]! >> 4 === 6 ? 0x86dd : 0x0800;
  } else {
    return undefined;
  }
  if (etherType === 0x0800) return locateInIpv4(data, at);
  if (etherType === 0x86dd) return locateInIpv6(data, at);
  return undefined;
}

function locateInIpv4(data: Buffer, at: number): TransportLocation | undefined {
  if (data.length < at + 20 || data[at]! >> 4 !== 4) return undefined;
  const headerLength = (data[at]! & 0x0f) * 4;
  const totalLength = data.readUInt16BE(at + 2);
  // Later fragments carry no transport header.
  if ((data.readUInt16BE(at + 6) & 0x1fff) !== 0 || headerLength < 20 || totalLength < headerLength) return undefined;
  const end = Math.min(data.length, at + totalLength);
  return locateTransportHeader(data, data[at + 9]!, at + headerLength, end, 4, formatIpv4(data, at + 12), formatIpv4(data, at + 16));
}

function locateInIpv6(data: Buffer, at: number): TransportLocation | undefined {
  if (data.length < at + 40 || data[at]! >> 4 !== 6) return undefined;
  const end = Math.min(data.length, at + 40 + data.readUInt16BE(at + 4));
  let next = data[at + 6]!;
  let header = at + 40;
  while (IPV6_SKIPPABLE.has(next)) {
    if (end < header + 8) return undefined;
    next = data[header]!;
    header += (data[header + 1]! + 1) * 8;
  }
  return locateTransportHeader(data, next, header, end, 6, formatIpv6(data, at + 8), formatIpv6(data, at + 24));
}

function locateTransportHeader(data: Buffer, protocol: number, at: number, end: number, ipVersion: 4 | 6, source: string, destination: string): TransportLocation | undefined {
  if (protocol === 6) {
    if (end < at + 20) return undefined;
    const headerLength = (data[at + 12]! >> 4) * 4;
    if (headerLength < 20 || end < at + headerLength) return undefined;
    const flags = ((data[at + 12]! & 0x01) << 8) | data[at + 13]!;
    return { protocol: 'tcp', ipVersion, source, destination, sourcePort: data.readUInt16BE(at), destinationPort: data.readUInt16BE(at + 2), payloadStart: at + headerLength, payloadEnd: end, seq: data.readUInt32BE(at + 4), flags };
  }
  if (protocol === 17) {
    if (end < at + 8) return undefined;
    const length = data.readUInt16BE(at + 4);
    if (length < 8) return undefined;
    return { protocol: 'udp', ipVersion, source, destination, sourcePort: data.readUInt16BE(at), destinationPort: data.readUInt16BE(at + 2), payloadStart: at + 8, payloadEnd: Math.min(end, at + length), seq: 0, flags: 0 };
  }
  return undefined;
}
