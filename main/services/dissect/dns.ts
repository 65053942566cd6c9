// DNS (and mDNS): header, questions and resource records with compressed names; the Info line lists them like Wireshark.
import { fieldFilter } from './field-filter';
import { formatIpv4, formatIpv6 } from './address-format';
import type { DetailNode, Dissection } from './dissection';
import { readDnsName } from './dns-name';

/** Record type names as tshark 4.0 prints them (read back from tshark for every type it names). */
const TYPE_NAMES: Record<number, string> = {
  0: 'Unused', 1: 'A', 2: 'NS', 3: 'MD', 4: 'MF', 5: 'CNAME', 6: 'SOA', 7: 'MB', 8: 'MG', 9: 'MR', 10: 'NULL',
  11: 'WKS', 12: 'PTR', 13: 'HINFO', 14: 'MINFO', 15: 'MX', 16: 'TXT', 17: 'RP', 18: 'AFSDB', 19: 'X25', 20: 'ISDN',
  21: 'RT', 22: 'NSAP', 23: 'NSAP-PTR', 24: 'SIG', 25: 'KEY', 26: 'PX', 27: 'GPOS', 28: 'AAAA', 29: 'LOC', 30: 'NXT',
  31: 'EID', 32: 'NIMLOC', 33: 'SRV', 34: 'ATMA', 35: 'NAPTR', 36: 'KX', 37: 'CERT', 38: 'A6', 39: 'DNAME',
  40: 'SINK', 41: 'OPT', 42: 'APL', 43: 'DS', 44: 'SSHFP', 45: 'IPSECKEY', 46: 'RRSIG', 47: 'NSEC', 48: 'DNSKEY',
  49: 'DHCID', 50: 'NSEC3', 51: 'NSEC3PARAM', 52: 'TLSA', 55: 'HIP', 57: 'RKEY', 58: 'TALINK', 59: 'CDS',
  60: 'CDNSKEY', 61: 'OPENPGPKEY', 62: 'CSYNC', 63: 'ZONEMD', 64: 'SVCB', 65: 'HTTPS', 99: 'SPF', 100: 'UINFO',
  101: 'UID', 102: 'GID', 103: 'UNSPEC', 104: 'NID', 105: 'L32', 106: 'L64', 107: 'LP', 108: 'EUI48', 109: 'EUI64',
  249: 'TKEY', 250: 'TSIG', 251: 'IXFR', 252: 'AXFR', 253: 'MAILA', 254: 'MAILB', 255: 'ANY', 256: 'URI', 257: 'CAA',
  32768: 'TA', 32769: 'DLV',
};
const RCODE_NAMES = ['No error', 'Format error', 'Server failure', 'No such name', 'Not implemented', 'Refused'];

export function dnsTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `Unknown (${type})`;
}

/**
 * A message over TCP: its two-byte length at `lengthAt` in the frame. One put together from several segments is read
 * from `reassembled` (the message without its length); its lines then point at this segment's share, `lengthAt` to
 * `shownEnd`, since its bytes are not all in this frame.
 */
export interface DnsOverTcp {
  lengthAt: number;
  reassembled?: Buffer;
  shownEnd?: number;
}

export function dissectDns(d: Dissection, offset: number, end: number, protocol: 'DNS' | 'MDNS', overTcp?: DnsOverTcp): void {
  const reassembled = overTcp?.reassembled;
  const bytes = reassembled ?? d.data;
  if (reassembled) {
    offset = 0;
    end = reassembled.length;
  }
  const layerAt = overTcp ? overTcp.lengthAt : offset;
  // -1: lines point at their own bytes; else every line points at the segment's start (a reassembled message).
  const shownAt = reassembled ? layerAt : -1;
  const tree = d.layer(protocol === 'DNS' ? 'dns' : 'mdns', protocol === 'DNS' ? 'Domain Name System' : 'Multicast Domain Name System', layerAt, reassembled ? (overTcp!.shownEnd ?? layerAt) - layerAt : end - layerAt);
  if (protocol === 'MDNS') d.protocols.push('dns');
  if (overTcp) {
    d.field('dns.length', end - offset);
    if (tree) line(d, tree, `Length: ${end - offset}`, overTcp.lengthAt, 2, shownAt);
  }
  if (end - offset < 12) {
    d.columns(protocol, '');
    d.markMalformed(protocol, `header needs 12 bytes, has ${end - offset}`, shownAt < 0 ? offset : shownAt);
    return;
  }
  const id = bytes.readUInt16BE(offset);
  const flags = bytes.readUInt16BE(offset + 2);
  const response = (flags & 0x8000) !== 0;
  const opcode = (flags >> 11) & 0xf;
  const rcode = flags & 0xf;
  const counts = [bytes.readUInt16BE(offset + 4), bytes.readUInt16BE(offset + 6), bytes.readUInt16BE(offset + 8), bytes.readUInt16BE(offset + 10)];
  d.field('dns.id', id);
  d.field('dns.flags.response', response ? 1 : 0);
  if (response) d.field('dns.flags.rcode', rcode);
  d.field('dns.count.queries', counts[0]!);
  d.field('dns.count.answers', counts[1]!);
  if (tree) line(d, tree, `Transaction ID: 0x${id.toString(16).padStart(4, '0')}`, offset, 2, shownAt, false, fieldFilter('dns.id', `0x${id.toString(16).padStart(4, '0')}`));
  if (tree) line(d, tree, `Flags: 0x${flags.toString(16).padStart(4, '0')} ${response ? 'Standard query response' : 'Standard query'}${response ? `, ${RCODE_NAMES[rcode] ?? `rcode ${rcode}`}` : ''}`, offset + 2, 2, shownAt);
  if (tree) line(d, tree, `Questions: ${counts[0]}, Answer RRs: ${counts[1]}, Authority RRs: ${counts[2]}, Additional RRs: ${counts[3]}`, offset + 4, 8, shownAt);
  const operation = opcode === 0 ? 'Standard query' : opcode === 4 ? 'Zone change notification' : opcode === 5 ? 'Dynamic update' : `Unknown operation (${opcode})`;
  let info = `${operation}${response ? ' response' : ''} 0x${id.toString(16).padStart(4, '0')}`;
  if (response && rcode !== 0) info += ` ${RCODE_NAMES[rcode] ?? `Unknown error (${rcode})`}`;
  d.columns(protocol, info);
  let at = offset + 12;
  const queries = line(d, tree, 'Queries', at, 0, shownAt, true);
  for (let index = 0; index < counts[0]!; index++) {
    const name = readDnsName(bytes, offset, at, end);
    if (typeof name === 'string') return fail(d, protocol, info, name, at, shownAt);
    if (name.end + 4 > end) return fail(d, protocol, info, 'question cut short', at, shownAt);
    const type = bytes.readUInt16BE(name.end);
    d.field('dns.qry.name', name.name);
    d.field('dns.qry.type', type);
    const questionClass = bytes.readUInt16BE(name.end + 2);
    info += ` ${dnsTypeName(type)} ${name.name}`;
    // mDNS spends the class's top bit on "unicast response wanted" (RFC 6762 5.4).
    if (protocol === 'MDNS') info += questionClass & 0x8000 ? ', "QU" question' : ', "QM" question';
    if (queries) line(d, queries, `${name.name}: type ${dnsTypeName(type)}, class ${bytes.readUInt16BE(name.end + 2) & 0x7fff}`, at, name.end + 4 - at, shownAt, false, fieldFilter('dns.qry.name', name.name, true));
    at = name.end + 4;
  }
  const sections = ['Answers', 'Authoritative nameservers', 'Additional records'];
  for (let section = 0; section < 3; section++) {
    const count = counts[section + 1]!;
    if (count === 0) continue;
    const branch = line(d, tree, sections[section]!, at, 0, shownAt, true);
    for (let index = 0; index < count; index++) {
      const name = readDnsName(bytes, offset, at, end);
      if (typeof name === 'string') return fail(d, protocol, info, name, at, shownAt);
      if (name.end + 10 > end) return fail(d, protocol, info, 'resource record cut short', at, shownAt);
      const type = bytes.readUInt16BE(name.end);
      const ttl = bytes.readUInt32BE(name.end + 4);
      const dataLength = bytes.readUInt16BE(name.end + 8);
      const data = name.end + 10;
      if (data + dataLength > end) return fail(d, protocol, info, 'record data runs past the message', at, shownAt);
      const value = recordData(d, bytes, offset, type, data, dataLength, end);
      if (value === undefined) return fail(d, protocol, info, `bad ${dnsTypeName(type)} record data`, data, shownAt);
      d.field('dns.resp.name', name.name);
      d.field('dns.resp.type', type);
      // mDNS spends the class's top bit on "flush your cache of this name's records" (RFC 6762 10.2).
      const flush = protocol === 'MDNS' && (bytes.readUInt16BE(name.end + 2) & 0x8000) !== 0 ? ', cache flush' : '';
      info += value ? ` ${dnsTypeName(type)}${flush} ${value}` : ` ${dnsTypeName(type)}${flush}`;
      if (branch) line(d, branch, `${name.name}: type ${dnsTypeName(type)}, class ${bytes.readUInt16BE(name.end + 2) & 0x7fff}${value ? `, ${value}` : ''}, ttl ${ttl}`, at, data + dataLength - at, shownAt, false, fieldFilter('dns.resp.name', name.name, true));
      at = data + dataLength;
    }
  }
  d.columns(protocol, info);
}

function fail(d: Dissection, protocol: string, info: string, reason: string, at: number, shownAt: number): void {
  d.columns(protocol, info);
  d.markMalformed(protocol, reason, shownAt < 0 ? at : shownAt);
}

/** A tree line over its bytes, or (`shownAt` ≥ 0: a message put together from segments) at the segment's start. */
function line(d: Dissection, parent: DetailNode[] | undefined, label: string, at: number, length: number, shownAt: number, branch = false, filter?: string): DetailNode[] | undefined {
  return shownAt < 0 ? d.item(parent, label, at, length, branch, filter) : d.item(parent, label, shownAt, 0, branch, filter);
}

/** The record's data as Wireshark's Info shows it ('' for types it only names); undefined when malformed. */
function recordData(d: Dissection, bytes: Buffer, message: number, type: number, at: number, length: number, end: number): string | undefined {
  switch (type) {
    case 1: {
      if (length !== 4) return undefined;
      const address = formatIpv4(bytes, at);
      d.field('dns.a', address);
      return address;
    }
    case 28: {
      if (length !== 16) return undefined;
      const address = formatIpv6(bytes, at);
      d.field('dns.aaaa', address);
      return address;
    }
    case 2:
    case 5:
    case 12: {
      const name = readDnsName(bytes, message, at, Math.min(end, at + length));
      if (typeof name === 'string') return undefined;
      if (type === 5) d.field('dns.cname', name.name);
      return name.name;
    }
    case 15: {
      if (length < 3) return undefined;
      const name = readDnsName(bytes, message, at + 2, Math.min(end, at + length));
      return typeof name === 'string' ? undefined : `${bytes.readUInt16BE(at)} ${name.name}`;
    }
    case 6:
    case 47: {
      // SOA shows its primary name server, NSEC the next owner name.
      const name = readDnsName(bytes, message, at, Math.min(end, at + length));
      return typeof name === 'string' ? undefined : name.name;
    }
    case 33: {
      // Priority, weight, port, target.
      if (length < 7) return undefined;
      const name = readDnsName(bytes, message, at + 6, Math.min(end, at + length));
      return typeof name === 'string' ? undefined : `${bytes.readUInt16BE(at)} ${bytes.readUInt16BE(at + 2)} ${bytes.readUInt16BE(at + 4)} ${name.name}`;
    }
    case 13: {
      // CPU and OS, each a length-prefixed string.
      const cpuEnd = at + 1 + (bytes[at] ?? 0);
      if (length < 2 || cpuEnd >= at + length || cpuEnd + 1 + bytes[cpuEnd]! > at + length) return undefined;
      return `${bytes.toString('latin1', at + 1, cpuEnd)} ${bytes.toString('latin1', cpuEnd + 1, cpuEnd + 1 + bytes[cpuEnd]!)}`;
    }
    default:
      return '';
  }
}
