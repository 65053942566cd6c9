// IPv4: header fields, fragments put together when the session reassembles (tshark's default), then the payload by protocol number.
import { fieldFilter } from './field-filter';
import { formatIpv4 } from './address-format';
import { dissectData } from './data';
import type { DetailNode, Dissection } from './dissection';
import { dissectIpPayload, ipProtocolName } from './ip-payload';
import { dissectReassembledDatagram } from './reassembled-datagram';

export function dissectIpv4(d: Dissection, offset: number, end: number): void {
  const bytes = d.data;
  if (end - offset < 20) {
    d.layer('ip', 'Internet Protocol Version 4', offset, end - offset);
    d.columns('IPv4', '');
    d.markMalformed('IPv4', `header needs 20 bytes, has ${end - offset}`, offset);
    return;
  }
  const headerLength = (bytes[offset]! & 0x0f) * 4;
  const version = bytes[offset]! >> 4;
  const totalLength = bytes.readUInt16BE(offset + 2);
  const id = bytes.readUInt16BE(offset + 4);
  const flagsAndOffset = bytes.readUInt16BE(offset + 6);
  const ttl = bytes[offset + 8]!;
  const protocol = bytes[offset + 9]!;
  const source = formatIpv4(bytes, offset + 12);
  const destination = formatIpv4(bytes, offset + 16);
  const moreFragments = (flagsAndOffset & 0x2000) !== 0;
  const fragmentOffset = (flagsAndOffset & 0x1fff) * 8;
  const tree = d.layer('ip', d.tree ? `Internet Protocol Version 4, Src: ${source}, Dst: ${destination}` : '', offset, headerLength);
  // A bogus version or header length stops tshark before the addresses: no columns or fields from them.
  const plausible = version === 4 && headerLength >= 20;
  if (plausible) d.addresses(source, destination);
  if (d.quoteDepth === 0) d.ipTtl = ttl;
  if (d.fields && plausible) {
    d.field('ip.src', source);
    d.field('ip.dst', destination);
    d.field('ip.addr', source);
    d.field('ip.addr', destination);
    d.field('ip.proto', protocol);
    d.field('ip.ttl', ttl);
    d.field('ip.id', id);
    d.field('ip.len', totalLength);
    d.field('ip.flags.mf', moreFragments ? 1 : 0);
    d.field('ip.flags.df', flagsAndOffset & 0x4000 ? 1 : 0);
    // In 8-byte units, as tshark's field holds it (its tree line shows bytes).
    d.field('ip.frag_offset', fragmentOffset / 8);
  }
  if (tree) {
    // Apply as Filter only where the fields exist (a bogus header has none, as in tshark). No closure for this: one
    // capturing `plausible` would make every frame's call allocate a context, tree or not.
    d.item(tree, `Version: ${version}`, offset, 1);
    d.item(tree, `Header Length: ${headerLength} bytes`, offset, 1);
    d.item(tree, `Total Length: ${totalLength}`, offset + 2, 2);
    d.item(tree, `Identification: 0x${id.toString(16).padStart(4, '0')} (${id})`, offset + 4, 2, false, plausible ? fieldFilter('ip.id', `0x${id.toString(16).padStart(4, '0')}`) : undefined);
    d.item(tree, `Flags: ${flagsAndOffset & 0x4000 ? "Don't fragment" : moreFragments ? 'More fragments' : 'none'}`, offset + 6, 2);
    d.item(tree, `Fragment Offset: ${fragmentOffset}`, offset + 6, 2);
    d.item(tree, `Time to Live: ${ttl}`, offset + 8, 1, false, plausible ? fieldFilter('ip.ttl', ttl) : undefined);
    d.item(tree, `Protocol: ${ipProtocolName(protocol)} (${protocol})`, offset + 9, 1, false, plausible ? fieldFilter('ip.proto', protocol) : undefined);
    d.item(tree, `Source Address: ${source}`, offset + 12, 4, false, plausible ? fieldFilter('ip.src', source) : undefined);
    d.item(tree, `Destination Address: ${destination}`, offset + 16, 4, false, plausible ? fieldFilter('ip.dst', destination) : undefined);
  }
  d.columns('IPv4', '');
  if (version !== 4 || headerLength < 20 || headerLength > end - offset || totalLength < headerLength) {
    d.markMalformed('IPv4', `bad header (version ${version}, header length ${headerLength}, total length ${totalLength})`, offset);
    return;
  }
  // Trailing Ethernet padding is not payload; a total length past the capture means the frame was cut (snaplen).
  const payloadEnd = Math.min(end, offset + totalLength);
  const payloadStart = offset + headerLength;
  if (moreFragments || fragmentOffset > 0) {
    // tshark puts a datagram together only from fragments it has whole; a fragment an ICMP error quotes is one too.
    const fragments = d.session.ipFragments;
    if (fragments && totalLength > headerLength && offset + totalLength <= end) {
      const outcome = fragments.segment(`${source} ${destination} ${protocol} ${id}`, bytes, payloadStart, payloadEnd, fragmentOffset, moreFragments, d.frameNumber);
      if (outcome) {
        const share = { frameStart: payloadStart, frameEnd: payloadEnd, datagramOffset: fragmentOffset };
        dissectReassembledDatagram(d, tree, 'IPv4', outcome.payload, outcome.fragments, share, () => {
          d.ipPayloadLength = outcome.payload.length;
          dissectIpPayload(d, protocol, 0, outcome.payload.length, source, destination);
        });
        return;
      }
      showFragment(d, tree, protocol, fragmentOffset, id, offset, payloadStart, payloadEnd, true);
      return;
    }
    // Without reassembly, only the first fragment holds the transport header: later ones are data (ip.defragment off).
    if (fragmentOffset > 0) {
      showFragment(d, tree, protocol, fragmentOffset, id, offset, payloadStart, payloadEnd, false);
      return;
    }
    // A first fragment whose datagram is not put together (reassembly off, or its bytes cut short).
    if (d.quoteDepth === 0) d.loneFragment = true;
  } else if (d.quoteDepth === 0) d.ipPayloadLength = totalLength - headerLength;
  dissectIpPayload(d, protocol, payloadStart, payloadEnd, source, destination);
}

/**
 * A fragment shown as itself, its bytes as data: one held until its datagram is whole (`held`), or a later fragment not
 * put together (reassembly off, or its bytes cut short).
 */
function showFragment(d: Dissection, tree: DetailNode[] | undefined, protocol: number, fragmentOffset: number, id: number, offset: number, payloadStart: number, payloadEnd: number, held: boolean): void {
  d.columns('IPv4', `Fragmented IP protocol (proto=${ipProtocolName(protocol)} ${protocol}, off=${fragmentOffset}, ID=${id.toString(16).padStart(4, '0')})`);
  d.item(tree, held ? '[Fragment: its datagram is not whole yet]' : '[Fragment: not reassembled]', offset + 6, 2);
  dissectData(d, payloadStart, payloadEnd);
}
