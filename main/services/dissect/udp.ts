// UDP: ports and length, then DNS (53, mDNS 5353), DHCP (67/68), syslog (514) or data.
import { fieldFilter } from './field-filter';
import { dissectData } from './data';
import { dissectDhcp } from './dhcp';
import type { Dissection } from './dissection';
import { dissectDns } from './dns';
import { dissectSyslog, SYSLOG_PORT } from './syslog';

export function dissectUdp(d: Dissection, offset: number, end: number): void {
  const bytes = d.data;
  if (end - offset < 8) {
    d.layer('udp', 'User Datagram Protocol', offset, end - offset);
    d.columns('UDP', '');
    d.markMalformed('UDP', `header needs 8 bytes, has ${end - offset}`, offset);
    return;
  }
  const sourcePort = bytes.readUInt16BE(offset);
  const destinationPort = bytes.readUInt16BE(offset + 2);
  const length = bytes.readUInt16BE(offset + 4);
  const tree = d.layer('udp', d.tree ? `User Datagram Protocol, Src Port: ${sourcePort}, Dst Port: ${destinationPort}` : '', offset, 8);
  if (tree) {
    if (tree) d.item(tree, `Source Port: ${sourcePort}`, offset, 2, false, fieldFilter('udp.srcport', sourcePort));
    if (tree) d.item(tree, `Destination Port: ${destinationPort}`, offset + 2, 2, false, fieldFilter('udp.dstport', destinationPort));
    if (tree) d.item(tree, `Length: ${length}${d.quoteDepth === 0 && d.ipPayloadLength >= 0 && length > d.ipPayloadLength ? ` (bogus, payload length ${d.ipPayloadLength})` : ''}`, offset + 4, 2, false, fieldFilter('udp.length', length));
  }
  d.field('udp.srcport', sourcePort);
  d.field('udp.dstport', destinationPort);
  d.field('udp.port', sourcePort);
  d.field('udp.port', destinationPort);
  d.field('udp.length', length);
  // Over IPv6 the checksum is mandatory: tshark flags a zero one (what a payload's dissector writes replaces it).
  const illegalChecksum = bytes.readUInt16BE(offset + 6) === 0 && overIpv6(d);
  // A length past the IP payload (as IP states it; not in a lone fragment or a quoted packet): tshark's note.
  const badLength = d.quoteDepth === 0 && d.ipPayloadLength >= 0 && length > d.ipPayloadLength ? ` [BAD UDP LENGTH ${length} > IP PAYLOAD LENGTH]` : '';
  d.columns('UDP', `${sourcePort} → ${destinationPort}${badLength} Len=${Math.max(0, length - 8)}${illegalChecksum ? ' [ILLEGAL CHECKSUM (0)]' : ''}`);
  // tshark's note is an error of the Malformed group: the frame matches _ws.malformed, though its Info says no more.
  if (badLength && !d.protocols.includes('_ws.malformed')) d.protocols.push('_ws.malformed');
  if (length < 8) {
    d.markMalformed('UDP', `length field ${length} is less than the header`, offset + 4);
    return;
  }
  const payloadEnd = Math.min(end, offset + length);
  const payload = offset + 8;
  if (sourcePort === 53 || destinationPort === 53) return dissectDns(d, payload, payloadEnd, 'DNS');
  if (sourcePort === 5353 || destinationPort === 5353) return dissectDns(d, payload, payloadEnd, 'MDNS');
  if (sourcePort === 67 || sourcePort === 68 || destinationPort === 67 || destinationPort === 68) return dissectDhcp(d, payload, payloadEnd);
  if (sourcePort === SYSLOG_PORT || destinationPort === SYSLOG_PORT) return dissectSyslog(d, payload, payloadEnd);
  if (looksLikeDns(bytes, payload, payloadEnd)) return dissectDns(d, payload, payloadEnd, 'DNS');
  dissectData(d, payload, payloadEnd);
}

/** Whether the network layer under this UDP header is IPv6 (the last IP layer pushed so far). */
function overIpv6(d: Dissection): boolean {
  for (let index = d.protocols.length - 1; index >= 0; index--) {
    const name = d.protocols[index]!;
    if (name === 'ipv6') return true;
    if (name === 'ip') return false;
  }
  return false;
}

/** Only used for ports Wireshark would not know: a query/response with one question and sane counts. */
function looksLikeDns(bytes: Buffer, offset: number, end: number): boolean {
  if (end - offset < 17) return false;
  const flags = bytes.readUInt16BE(offset + 2);
  const questions = bytes.readUInt16BE(offset + 4);
  const opcode = (flags >> 11) & 0xf;
  return questions === 1 && opcode === 0 && bytes.readUInt16BE(offset + 6) < 50 && bytes.readUInt16BE(offset + 8) < 50 && bytes.readUInt16BE(offset + 10) < 50 && bytes[offset + 12]! > 0 && bytes[offset + 12]! < 64;
}
