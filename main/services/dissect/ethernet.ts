// Ethernet II (and 802.1Q / 802.1ad VLAN tags): MAC addresses, then the payload by EtherType.
import { fieldFilter } from './field-filter';
import { formatMac } from './address-format';
import { dissectArp } from './arp';
import { dissectData } from './data';
import type { Dissection } from './dissection';
import { dissectIpv4 } from './ipv4';
import { dissectIpv6 } from './ipv6';
import { VLAN_ETHER_TYPES } from './link-types';

export function dissectEthernet(d: Dissection, offset: number, end: number): void {
  const bytes = d.data;
  if (end - offset < 14) {
    d.layer('eth', 'Ethernet II', offset, end - offset);
    d.columns('Ethernet', '');
    d.markMalformed('Ethernet', `header needs 14 bytes, frame has ${end - offset}`, offset);
    return;
  }
  // MAC addresses become text only when something shows them: most frames' columns show IP addresses instead.
  const tree = d.layer('eth', d.tree ? `Ethernet II, Src: ${d.macLabel(bytes, offset + 6)}, Dst: ${d.macLabel(bytes, offset)}` : '', offset, 14);
  if (tree) {
    d.item(tree, `Destination: ${d.macLabel(bytes, offset)}`, offset, 6, false, fieldFilter('eth.dst', formatMac(bytes, offset)));
    d.item(tree, `Source: ${d.macLabel(bytes, offset + 6)}`, offset + 6, 6, false, fieldFilter('eth.src', formatMac(bytes, offset + 6)));
  }
  if (d.fields) {
    const destination = formatMac(bytes, offset);
    const source = formatMac(bytes, offset + 6);
    d.field('eth.dst', destination);
    d.field('eth.src', source);
    d.field('eth.addr', source);
    d.field('eth.addr', destination);
  }
  d.linkAddresses(offset);
  let type = bytes.readUInt16BE(offset + 12);
  let at = offset + 14;
  // The Ethernet header's own type, as tshark's eth.type: 0x8100 for a tagged frame (the tag holds the inner one).
  d.field('eth.type', type);
  if (tree) d.item(tree, `Type: ${etherTypeName(type)} (0x${type.toString(16).padStart(4, '0')})`, offset + 12, 2, false, fieldFilter('eth.type', `0x${type.toString(16).padStart(4, '0')}`));
  while (VLAN_ETHER_TYPES.has(type)) {
    if (end - at < 4) {
      d.layer('vlan', '802.1Q Virtual LAN', at, end - at);
      d.markMalformed('VLAN', 'tag cut short', at);
      return;
    }
    const tagControl = bytes.readUInt16BE(at);
    const vlanId = tagControl & 0x0fff;
    const inner = bytes.readUInt16BE(at + 2);
    // An 802.1ad service tag is its own protocol (ieee8021ad.id); only 802.1Q tags give vlan.id, as in tshark.
    const serviceTag = type === 0x88a8;
    const vlan = serviceTag
      ? d.layer('ieee8021ad', d.tree ? `IEEE 802.1ad, ID: ${vlanId}` : '', at, 4)
      : d.layer('vlan', d.tree ? `802.1Q Virtual LAN, PRI: ${tagControl >> 13}, DEI: ${(tagControl >> 12) & 1}, ID: ${vlanId}` : '', at, 4);
    if (vlan) d.item(vlan, `ID: ${vlanId}`, at, 2, false, fieldFilter(serviceTag ? 'ieee8021ad.id' : 'vlan.id', vlanId));
    if (vlan) d.item(vlan, `Type: ${etherTypeName(inner)} (0x${inner.toString(16).padStart(4, '0')})`, at + 2, 2);
    d.field(serviceTag ? 'ieee8021ad.id' : 'vlan.id', vlanId);
    type = inner;
    at += 4;
  }
  if (type < 0x0600) {
    // An 802.3 length field: LLC follows, which is not dissected here.
    d.columns('LLC', `802.3 frame, length ${type}`);
    dissectData(d, at, end);
    return;
  }
  dissectEtherType(d, type, at, end);
}

export function dissectEtherType(d: Dissection, type: number, offset: number, end: number): void {
  switch (type) {
    case 0x0800:
      return dissectIpv4(d, offset, end);
    case 0x86dd:
      return dissectIpv6(d, offset, end);
    case 0x0806:
    case 0x8035:
      // RARP has its own EtherType; the packet is ARP's, and its opcode names it RARP.
      return dissectArp(d, offset, end);
    default:
      d.columns(`0x${type.toString(16).padStart(4, '0')}`, `Ethernet II`);
      return dissectData(d, offset, end);
  }
}

function etherTypeName(type: number): string {
  switch (type) {
    case 0x0800:
      return 'IPv4';
    case 0x86dd:
      return 'IPv6';
    case 0x0806:
      return 'ARP';
    case 0x8035:
      return 'RARP';
    case 0x8100:
      return '802.1Q Virtual LAN';
    case 0x88a8:
      return '802.1ad';
    default:
      return 'Unknown';
  }
}
