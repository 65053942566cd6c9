// ICMP for IPv4: echo with id/seq, and errors that quote the offending packet (dissected without touching the columns).
import type { Dissection } from './dissection';
import { icmpEchoKey, pairEcho } from './icmp-echo-table';
import { dissectIpv4 } from './ipv4';

const UNREACHABLE_CODES = ['Network unreachable', 'Host unreachable', 'Protocol unreachable', 'Port unreachable', 'Fragmentation needed', 'Source route failed', 'Destination network unknown', 'Destination host unknown', 'Source host isolated', 'Network administratively prohibited', 'Host administratively prohibited', 'Network unreachable for TOS', 'Host unreachable for TOS', 'Communication administratively filtered', 'Host precedence violation', 'Precedence cutoff in effect'];

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
  if (tree) d.item(tree, `Type: ${type}`, offset, 1);
  if (tree) d.item(tree, `Code: ${code}`, offset + 1, 1);
  if (tree) d.item(tree, `Checksum: 0x${bytes.readUInt16BE(offset + 2).toString(16).padStart(4, '0')}`, offset + 2, 2);
  if (type === 0 || type === 8) {
    const id = bytes.readUInt16BE(offset + 4);
    const sequence = bytes.readUInt16BE(offset + 6);
    d.field('icmp.ident', id);
    d.field('icmp.seq', sequence);
    if (tree) d.item(tree, `Identifier (BE): ${id} (0x${id.toString(16).padStart(4, '0')})`, offset + 4, 2);
    if (tree) d.item(tree, `Sequence Number (BE): ${sequence}`, offset + 6, 2);
    const swapped = ((sequence & 0xff) << 8) | (sequence >> 8);
    let info = `Echo (ping) ${(type === 8 ? 'request' : 'reply').padEnd(7)}  id=0x${id.toString(16).padStart(4, '0')}, seq=${sequence}/${swapped}${d.ipTtl >= 0 ? `, ttl=${d.ipTtl}` : ''}`;
    if (d.quoteDepth === 0) {
      const checksum = bytes.readUInt16BE(offset + 2);
      const isRequest = type === 8;
      info += pairEcho(d, isRequest, source, destination, (requester, responder) => icmpEchoKey(requester, responder, id, sequence, checksum, !isRequest), 'icmp.resp_to');
    }
    d.columns('ICMP', info);
    return;
  }
  const name = type === 3 ? 'Destination unreachable' : type === 11 ? 'Time-to-live exceeded' : type === 5 ? 'Redirect' : type === 12 ? 'Parameter problem' : `Type ${type}`;
  const detail = type === 3 ? UNREACHABLE_CODES[code] : type === 11 ? (code === 0 ? 'Time to live exceeded in transit' : 'Fragment reassembly time exceeded') : undefined;
  d.columns('ICMP', detail ? `${name} (${detail})` : name);
  if ((type === 3 || type === 11 || type === 5 || type === 12) && end - offset > 8) {
    d.quoteDepth++;
    try {
      dissectIpv4(d, offset + 8, end);
    } finally {
      d.quoteDepth--;
    }
  }
}
