// ICMPv6: errors quoting the packet, echo, and neighbour discovery (router/neighbour solicitation and advertisement, options).
import { formatIpv6, formatMac } from './address-format';
import type { Dissection } from './dissection';
import { dissectIpv6 } from './ipv6';
import { icmpv6EchoKey, pairEcho } from './icmp-echo-table';

const UNREACHABLE_CODES = ['No route to destination', 'Administratively prohibited', 'Beyond scope of source address', 'Address unreachable', 'Port unreachable', 'Source address failed ingress/egress policy', 'Reject route to destination'];

export function dissectIcmpv6(d: Dissection, offset: number, end: number, source = '', destination = ''): void {
  const bytes = d.data;
  const tree = d.layer('icmpv6', 'Internet Control Message Protocol v6', offset, end - offset);
  if (end - offset < 4) {
    d.columns('ICMPv6', '');
    d.markMalformed('ICMPv6', `needs 4 bytes, has ${end - offset}`, offset);
    return;
  }
  const type = bytes[offset]!;
  const code = bytes[offset + 1]!;
  d.field('icmpv6.type', type);
  d.field('icmpv6.code', code);
  if (tree) d.item(tree, `Type: ${type}`, offset, 1);
  if (tree) d.item(tree, `Code: ${code}`, offset + 1, 1);
  const need = (length: number) => {
    if (end - offset >= length) return true;
    d.markMalformed('ICMPv6', `type ${type} needs ${length} bytes, has ${end - offset}`, offset);
    return false;
  };
  switch (type) {
    case 1:
    case 2:
    case 3:
    case 4: {
      const name = ['', 'Destination Unreachable', 'Packet Too Big', 'Time Exceeded', 'Parameter Problem'][type]!;
      const detail = type === 1 ? UNREACHABLE_CODES[code] : type === 3 ? (code === 0 ? 'hop limit exceeded in transit' : 'fragment reassembly time exceeded') : undefined;
      d.columns('ICMPv6', detail ? `${name} (${detail})` : name);
      if (end - offset > 8) {
        d.quoteDepth++;
        try {
          dissectIpv6(d, offset + 8, end);
        } finally {
          d.quoteDepth--;
        }
      }
      return;
    }
    case 128:
    case 129: {
      d.columns('ICMPv6', `Echo (ping) ${type === 128 ? 'request' : 'reply'}`);
      if (!need(8)) return;
      const id = bytes.readUInt16BE(offset + 4);
      const sequence = bytes.readUInt16BE(offset + 6);
      let info = `Echo (ping) ${type === 128 ? 'request' : 'reply'} id=0x${id.toString(16).padStart(4, '0')}, seq=${sequence}${d.ipTtl >= 0 ? `, hop limit=${d.ipTtl}` : ''}`;
      if (d.quoteDepth === 0) {
        const checksum = bytes.readUInt16BE(offset + 2);
        const isRequest = type === 128;
        info += pairEcho(d, isRequest, source, destination, (requester, responder) => icmpv6EchoKey(requester, responder, id, sequence, checksum, !isRequest), 'icmpv6.resp_to');
      }
      d.columns('ICMPv6', info);
      return;
    }
    case 133:
    case 134: {
      const headerLength = type === 133 ? 8 : 16;
      d.columns('ICMPv6', type === 133 ? 'Router Solicitation' : 'Router Advertisement');
      if (!need(headerLength)) return;
      const link = neighbourOptions(d, tree, offset + headerLength, end);
      if (link) d.columns('ICMPv6', `${type === 133 ? 'Router Solicitation' : 'Router Advertisement'} from ${link}`);
      return;
    }
    case 135:
    case 136: {
      d.columns('ICMPv6', type === 135 ? 'Neighbor Solicitation' : 'Neighbor Advertisement');
      if (!need(24)) return;
      const target = formatIpv6(bytes, offset + 8);
      d.field('icmpv6.nd.ns.target_address', target);
      if (tree) d.item(tree, `Target Address: ${target}`, offset + 8, 16);
      const link = neighbourOptions(d, tree, offset + 24, end);
      if (type === 135) d.columns('ICMPv6', `Neighbor Solicitation for ${target}${link ? ` from ${link}` : ''}`);
      else {
        const flags = bytes[offset + 4]!;
        const names = [flags & 0x80 ? 'rtr' : '', flags & 0x40 ? 'sol' : '', flags & 0x20 ? 'ovr' : ''].filter(Boolean).join(', ');
        d.columns('ICMPv6', `Neighbor Advertisement ${target}${names ? ` (${names})` : ''}${link ? ` is at ${link}` : ''}`);
      }
      return;
    }
    case 143:
      d.columns('ICMPv6', 'Multicast Listener Report Message v2');
      return;
    default:
      d.columns('ICMPv6', `Unknown (${type})`);
  }
}

/** Walks ND options (8-byte units); returns the source or target link-layer address when one is present. */
function neighbourOptions(d: Dissection, tree: ReturnType<Dissection['layer']>, offset: number, end: number): string | undefined {
  const bytes = d.data;
  let link: string | undefined;
  let at = offset;
  while (at + 2 <= end) {
    const type = bytes[at]!;
    const length = bytes[at + 1]! * 8;
    if (length === 0 || at + length > end) {
      d.markMalformed('ICMPv6', `neighbour discovery option of length ${length} at ${at - offset}`, at);
      return link;
    }
    if ((type === 1 || type === 2) && length >= 8) {
      const address = formatMac(bytes, at + 2);
      link = address;
      d.field(type === 1 ? 'icmpv6.opt.linkaddr' : 'icmpv6.opt.linkaddr', address);
      if (tree) d.item(tree, `ICMPv6 Option (${type === 1 ? 'Source' : 'Target'} link-layer address : ${address})`, at, length);
    } else if (type === 3 && length >= 32) {
      const prefix = formatIpv6(bytes, at + 16);
      if (tree) d.item(tree, `ICMPv6 Option (Prefix information : ${prefix}/${bytes[at + 2]})`, at, length);
    } else if (type === 5 && length >= 8) {
      if (tree) d.item(tree, `ICMPv6 Option (MTU : ${bytes.readUInt32BE(at + 4)})`, at, length);
    } else {
      if (tree) d.item(tree, `ICMPv6 Option (type ${type})`, at, length);
    }
    at += length;
  }
  return link;
}
