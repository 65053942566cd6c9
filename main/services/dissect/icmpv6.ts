// ICMPv6: errors quoting the packet, echo, and neighbour discovery (router/neighbour solicitation and advertisement, options).
import { formatIpv6, formatMac } from './address-format';
import type { Dissection } from './dissection';
import { dissectIpv6 } from './ipv6';
import { icmpv6EchoKey, pairEcho } from './icmp-echo-table';

/** Names and code names as tshark 4.0 prints them (read back from tshark), for the types only named in Info. */
const TYPE_NAMES: Record<number, string> = {
  100: 'Private experimentation', 101: 'Private experimentation', 127: 'Reserved for expansion of ICMPv6 error messages',
  130: 'Multicast Listener Query', 131: 'Multicast Listener Report', 132: 'Multicast Listener Done', 137: 'Redirect',
  138: 'Router Renumbering', 139: 'Node Information Query', 140: 'Node Information Reply', 141: 'Inverse Neighbor Discovery Solicitation',
  142: 'Inverse Neighbor Discovery Advertisement', 144: 'Home Agent Address Discovery Request', 145: 'Home Agent Address Discovery Reply',
  146: 'Mobile Prefix Solicitation', 147: 'Mobile Prefix Advertisement', 148: 'Certification Path Solicitation',
  149: 'Certification Path Advertisement', 151: 'Multicast Router Advertisement', 152: 'Multicast Router Solicitation',
  153: 'Multicast Router Termination', 155: 'RPL Control', 156: 'Locator Update', 157: 'Duplicate Address Request',
  158: 'Duplicate Address Confirmation', 159: 'MPL Control Message', 160: 'Extended Echo request', 161: 'Extended Echo reply',
  200: 'Private experimentation', 201: 'Private experimentation', 255: 'Reserved for expansion of ICMPv6 informational messages',
};
const CODE_NAMES: Record<number, Record<number, string>> = {
  1: {
    0: 'no route to destination', 1: 'Administratively prohibited', 2: 'Beyond scope of source address', 3: 'Address unreachable', 4: 'Port unreachable',
    5: 'Source address failed ingress/egress policy', 6: 'Reject route to destination', 7: 'Error in Source Routing Header',
  },
  3: { 0: 'hop limit exceeded in transit', 1: 'fragment reassembly time exceeded' },
  4: { 0: 'erroneous header field encountered', 1: 'unrecognized Next Header type encountered', 2: 'unrecognized IPv6 option encountered', 3: 'IPv6 First Fragment has incomplete IPv6 Header Chain' },
  138: { 0: 'Command', 1: 'Result', 255: 'Sequence number reset' },
  139: { 0: 'Query subject = IPv6 addresses', 1: 'Query subject = DNS name or empty', 2: 'Query subject = IPv4 addresses' },
  140: { 0: 'Successful', 1: 'Refused', 2: 'Unknown query type' },
  155: {
    0: 'DODAG Information Solicitation', 1: 'DODAG Information Object', 2: 'Destination Advertisement Object',
    3: 'Destination Advertisement Object Acknowledgment', 4: 'P2P Discovery Reply Object', 5: 'P2P Discovery Reply Object Acknowledgement',
  },
  160: { 0: 'No error' },
  161: { 0: 'No error', 1: 'Malformed Query', 2: 'No Such Interface', 3: 'No Such Table Entry', 4: 'Multiple Interfaces Satisfy Query' },
};

/** `name (code name)` for the types with code names; an unknown code reads "Unknown" for unreachable, "Unknown (n)" otherwise. */
function withCode(name: string, type: number, code: number): string {
  const codes = CODE_NAMES[type];
  if (!codes) return name;
  return `${name} (${codes[code] ?? (type === 1 ? 'Unknown' : `Unknown (${code})`)})`;
}

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
      d.columns('ICMPv6', withCode(name, type, code));
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
        d.columns('ICMPv6', `Neighbor Advertisement ${target} (${names || 'none'})${link ? ` is at ${link}` : ''}`);
      }
      return;
    }
    case 143:
      d.columns('ICMPv6', 'Multicast Listener Report Message v2');
      return;
    default: {
      const name = TYPE_NAMES[type];
      d.columns('ICMPv6', name === undefined ? `Unknown (${type})` : withCode(name, type, code));
    }
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
    // A zero length would loop for ever: tshark notes it (not malformed) and stops there.
    if (length === 0) {
      if (tree) d.item(tree, `[Invalid option length 0 at ${at - offset}]`, at, end - at);
      return link;
    }
    if (at + length > end) {
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
