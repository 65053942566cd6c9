// IPv6: fixed header, the chain of extension headers (hop-by-hop, routing, fragment, destination options), then the
// payload; fragments put together when the session reassembles (tshark's default).
import { fieldFilter } from './field-filter';
import { formatIpv6 } from './address-format';
import { dissectData } from './data';
import type { DetailNode, Dissection } from './dissection';
import { dissectIpPayload, ipProtocolName } from './ip-payload';
import { dissectReassembledDatagram } from './reassembled-datagram';

const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const DESTINATION_OPTIONS = 60;
const NO_NEXT_HEADER = 59;

export function dissectIpv6(d: Dissection, offset: number, end: number): void {
  const bytes = d.data;
  if (end - offset < 40) {
    d.layer('ipv6', 'Internet Protocol Version 6', offset, end - offset);
    d.columns('IPv6', '');
    d.markMalformed('IPv6', `header needs 40 bytes, has ${end - offset}`, offset);
    return;
  }
  const payloadLength = bytes.readUInt16BE(offset + 4);
  const next = bytes[offset + 6]!;
  const hopLimit = bytes[offset + 7]!;
  const source = formatIpv6(bytes, offset + 8);
  const destination = formatIpv6(bytes, offset + 24);
  const tree = d.layer('ipv6', d.tree ? `Internet Protocol Version 6, Src: ${source}, Dst: ${destination}` : '', offset, 40);
  d.addresses(source, destination);
  d.columns('IPv6', '');
  d.field('ipv6.src', source);
  d.field('ipv6.dst', destination);
  d.field('ipv6.addr', source);
  d.field('ipv6.addr', destination);
  d.field('ipv6.nxt', next);
  d.field('ipv6.hlim', hopLimit);
  // ICMPv6 echo's Info line repeats the outer hop limit, as ICMP's repeats the TTL.
  if (d.quoteDepth === 0) d.ipTtl = hopLimit;
  if (tree) d.item(tree, `Payload Length: ${payloadLength}`, offset + 4, 2);
  if (tree) d.item(tree, `Next Header: ${ipProtocolName(next)} (${next})`, offset + 6, 1, false, fieldFilter('ipv6.nxt', next));
  if (tree) d.item(tree, `Hop Limit: ${hopLimit}`, offset + 7, 1, false, fieldFilter('ipv6.hlim', hopLimit));
  if (tree) d.item(tree, `Source Address: ${source}`, offset + 8, 16, false, fieldFilter('ipv6.src', source));
  if (tree) d.item(tree, `Destination Address: ${destination}`, offset + 24, 16, false, fieldFilter('ipv6.dst', destination));
  if (bytes[offset]! >> 4 !== 6) {
    d.markMalformed('IPv6', `version ${bytes[offset]! >> 4}`, offset);
    return;
  }
  const payloadEnd = Math.min(end, offset + 40 + payloadLength);
  // tshark puts a datagram together only from fragments it has whole, and never inside an ICMP error's quote.
  const whole = d.quoteDepth === 0 && offset + 40 + payloadLength <= end;
  dissectHeaderChain(d, tree, next, offset + 40, payloadEnd, offset + 40 + payloadLength, source, destination, whole);
}

/** The extension headers from `at`, then the payload they lead to (in the frame, or in a datagram put together). */
function dissectHeaderChain(d: Dissection, tree: DetailNode[] | undefined, next: number, at: number, payloadEnd: number, statedEnd: number, source: string, destination: string, whole: boolean): void {
  const bytes = d.data;
  let fragmented = false;
  while (next === HOP_BY_HOP || next === ROUTING || next === FRAGMENT || next === DESTINATION_OPTIONS) {
    if (payloadEnd - at < 8) {
      d.markMalformed('IPv6', `${ipProtocolName(next)} header cut short`, at);
      return;
    }
    const header = next;
    const length = header === FRAGMENT ? 8 : (bytes[at + 1]! + 1) * 8;
    if (at + length > payloadEnd) {
      d.markMalformed('IPv6', `${ipProtocolName(header)} header runs past the packet`, at);
      return;
    }
    next = bytes[at]!;
    const extension = tree ? d.item(tree, `${ipProtocolName(header)} Header, Next Header: ${ipProtocolName(next)} (${next})`, at, length, true) : undefined;
    d.protocols.push(header === HOP_BY_HOP ? 'ipv6.hopopts' : header === ROUTING ? 'ipv6.routing' : header === FRAGMENT ? 'ipv6.fraghdr' : 'ipv6.dstopts');
    if (header === FRAGMENT) {
      const fragment = bytes.readUInt16BE(at + 2);
      const fragmentOffset = fragment & 0xfff8;
      const more = (fragment & 1) === 1;
      const id = bytes.readUInt32BE(at + 4);
      if (extension) d.item(extension, `Offset: ${fragmentOffset}, More Fragments: ${more ? 'Yes' : 'No'}, Identification: 0x${id.toString(16).padStart(8, '0')}`, at + 2, 6);
      // tshark's names and units: the offset in 8-byte units.
      d.field('ipv6.fraghdr.offset', fragmentOffset / 8);
      d.field('ipv6.fraghdr.more', more ? 1 : 0);
      d.field('ipv6.fraghdr.ident', id);
      if (fragmentOffset > 0 || more) {
        const fragments = d.session.ipFragments;
        const payloadStart = at + length;
        if (fragments && whole && payloadEnd > payloadStart) {
          const outcome = fragments.segment(`${source} ${destination} ${id}`, bytes, payloadStart, payloadEnd, fragmentOffset, more, d.frameNumber);
          if (outcome) {
            const share = { frameStart: payloadStart, frameEnd: payloadEnd, datagramOffset: fragmentOffset };
            const headerAfter = next;
            dissectReassembledDatagram(d, tree, 'IPv6', outcome.payload, outcome.fragments, share, () => dissectHeaderChain(d, tree, headerAfter, 0, outcome.payload.length, outcome.payload.length, source, destination, false));
            return;
          }
        }
        // Not put together (yet, or reassembly off): the fragment alone, whose bytes after the first hold no next header.
        if (fragments || fragmentOffset > 0) {
          d.columns('IPv6', `IPv6 fragment (off=${fragmentOffset} more=${more ? 'y' : 'n'} ident=0x${id.toString(16).padStart(8, '0')} nxt=${next})`);
          dissectData(d, payloadStart, payloadEnd);
          return;
        }
        fragmented = true;
        if (d.quoteDepth === 0) d.loneFragment = true;
      }
    }
    at += length;
  }
  if (next === NO_NEXT_HEADER) {
    d.columns('IPv6', 'IPv6 no next header');
    return;
  }
  if (!fragmented && d.quoteDepth === 0) d.ipPayloadLength = statedEnd - at;
  dissectIpPayload(d, next, at, payloadEnd, source, destination);
}
