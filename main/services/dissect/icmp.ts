// ICMP for IPv4: echo with id/seq, and errors that quote the offending packet (dissected without touching the columns).
import { fieldFilter } from './field-filter';
import { dissectData } from './data';
import type { Dissection } from './dissection';
import { icmpEchoKey, pairEcho } from './icmp-echo-table';
import { dissectIpv4 } from './ipv4';

/** Message type names as tshark 4.0 prints them (read back from tshark for types 0-45 and a few above). */
const TYPE_NAMES: Record<number, string> = {
  0: 'Echo (ping) reply', 1: 'Reserved', 2: 'Reserved', 3: 'Destination unreachable', 4: 'Source quench (flow control)', 5: 'Redirect',
  6: 'Alternate host address', 8: 'Echo (ping) request', 9: 'Router advertisement', 10: 'Router solicitation', 11: 'Time-to-live exceeded',
  12: 'Parameter problem', 13: 'Timestamp request', 14: 'Timestamp reply', 15: 'Information request', 16: 'Information reply',
  17: 'Address mask request', 18: 'Address mask reply', 19: 'Reserved (for security)', 30: 'Traceroute', 31: 'Datagram Conversion Error',
  32: 'Mobile Host Redirect', 33: 'IPv6 Where-Are-You', 34: 'IPv6 I-Am-Here', 35: 'Mobile Registration Request',
  36: 'Mobile Registration Reply', 37: 'Domain Name Request', 38: 'Domain Name Reply', 39: 'SKIP', 40: 'Photuris',
  41: 'Experimental mobility protocols', 42: 'Extended Echo request', 43: 'Extended Echo reply',
};
/** Code names of the types that have them (others show no code); a code missing here is "Unknown code: N". */
const CODE_NAMES: Record<number, Record<number, string>> = {
  3: {
    0: 'Network unreachable', 1: 'Host unreachable', 2: 'Protocol unreachable', 3: 'Port unreachable', 4: 'Fragmentation needed', 5: 'Source route failed',
    6: 'Destination network unknown', 7: 'Destination host unknown', 8: 'Source host isolated', 9: 'Network administratively prohibited',
    10: 'Host administratively prohibited', 11: 'Network unreachable for TOS', 12: 'Host unreachable for TOS', 13: 'Communication administratively filtered',
    14: 'Host precedence violation', 15: 'Precedence cutoff in effect',
  },
  5: { 0: 'Redirect for network', 1: 'Redirect for host', 2: 'Redirect for TOS and network', 3: 'Redirect for TOS and host' },
  6: { 0: 'Alternate address for host' },
  9: { 0: 'Normal router advertisement', 16: 'Does not route common traffic' },
  11: { 0: 'Time to live exceeded in transit', 1: 'Fragment reassembly time exceeded' },
  12: { 0: 'Pointer indicates the error', 1: 'Required option missing', 2: 'Bad length' },
  40: { 0: 'Bad SPI', 1: 'Authentication Failed', 2: 'Decompression Failed', 3: 'Decryption Failed', 4: 'Need Authentication', 5: 'Need Authorization' },
  42: { 0: 'No error' },
  43: { 0: 'No error', 1: 'Malformed Query', 2: 'No Such Interface', 3: 'No Such Table Entry', 4: 'Multiple Interfaces Satisfy Query' },
};
/** Types whose second word is an identifier and sequence number, which Info shows. */
const WITH_ID_AND_SEQUENCE = new Set([0, 8, 13, 14, 15, 16, 17, 18]);
/** Errors that quote the packet that caused them. */
const QUOTING = new Set([3, 4, 5, 11, 12]);

/** The IPv4 addresses around the ICMP message, for pairing echo replies with requests. */
export function dissectIcmp(d: Dissection, offset: number, end: number, source = '', destination = ''): void {
  const bytes = d.data;
  const tree = d.layer('icmp', 'Internet Control Message Protocol', offset, end - offset);
  if (end - offset < 8) {
    d.columns('ICMP', '');
    d.markMalformed('ICMP', `needs 8 bytes, has ${end - offset}`, offset);
    return;
  }
  const type = bytes[offset]!;
  const code = bytes[offset + 1]!;
  d.field('icmp.type', type);
  d.field('icmp.code', code);
  if (tree) d.item(tree, `Type: ${type}`, offset, 1, false, fieldFilter('icmp.type', type));
  if (tree) d.item(tree, `Code: ${code}`, offset + 1, 1, false, fieldFilter('icmp.code', code));
  if (tree) d.item(tree, `Checksum: 0x${bytes.readUInt16BE(offset + 2).toString(16).padStart(4, '0')}`, offset + 2, 2);
  const name = typeName(type, code);
  if (name === undefined) {
    d.columns('ICMP', 'Unknown ICMP (obsolete or malformed?)');
    return;
  }
  // tshark pads the type to 20 characters, then adds the code's name and, for echo-like types, id and sequence.
  let info = name.padEnd(20);
  const codes = CODE_NAMES[type];
  if (codes) info += ` (${codes[code] ?? `Unknown code: ${code}`})`;
  if (WITH_ID_AND_SEQUENCE.has(type)) {
    const id = bytes.readUInt16BE(offset + 4);
    const sequence = bytes.readUInt16BE(offset + 6);
    d.field('icmp.ident', id);
    d.field('icmp.seq', sequence);
    if (tree) d.item(tree, `Identifier (BE): ${id} (0x${id.toString(16).padStart(4, '0')})`, offset + 4, 2, false, fieldFilter('icmp.ident', id));
    if (tree) d.item(tree, `Sequence Number (BE): ${sequence}`, offset + 6, 2, false, fieldFilter('icmp.seq', sequence));
    const swapped = ((sequence & 0xff) << 8) | (sequence >> 8);
    info += ` id=0x${id.toString(16).padStart(4, '0')}, seq=${sequence}/${swapped}${d.ipTtl >= 0 ? `, ttl=${d.ipTtl}` : ''}`;
    if ((type === 0 || type === 8) && d.quoteDepth === 0) {
      const checksum = bytes.readUInt16BE(offset + 2);
      const isRequest = type === 8;
      info += pairEcho(d, isRequest, source, destination, (requester, responder) => icmpEchoKey(requester, responder, id, sequence, checksum, !isRequest), 'icmp.resp_to');
    }
  }
  d.columns('ICMP', info);
  // An echo's payload is data, as in tshark.
  if (type === 0 || type === 8) dissectData(d, offset + 8, end);
  if (QUOTING.has(type) && end - offset > 8) {
    d.quoteDepth++;
    try {
      dissectIpv4(d, offset + 8, end);
    } finally {
      d.quoteDepth--;
    }
  }
}

/** The type's name; tshark 4.0 calls every router advertisement of code 0 or 16 a Mobile IP one, whatever follows. */
function typeName(type: number, code: number): string | undefined {
  if (type === 9 && (code === 0 || code === 16)) return 'Mobile IP Advertisement';
  return TYPE_NAMES[type];
}
