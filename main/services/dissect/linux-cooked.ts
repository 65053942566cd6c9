// Linux "cooked" captures (tcpdump -i any): SLL and SLL2 headers, then the packet by its EtherType, as tshark reads them.
import { dissectData } from './data';
import type { Dissection } from './dissection';
import { dissectEtherType } from './ethernet';

const PACKET_TYPES = ['Unicast to us', 'Broadcast', 'Multicast', 'Unicast to another host', 'Sent by us'];

/** LINKTYPE_LINUX_SLL (113): packet type, ARPHRD type, address length and address, protocol; 16 bytes. */
export function dissectLinuxSll(d: Dissection, offset: number, end: number): void {
  if (end - offset < 16) return cutShort(d, 'Linux cooked capture v1', 16, offset, end);
  const bytes = d.data;
  cooked(d, 'Linux cooked capture v1', offset, 16, bytes.readUInt16BE(offset), bytes.readUInt16BE(offset + 4), offset + 6, bytes.readUInt16BE(offset + 14), end);
}

/** LINKTYPE_LINUX_SLL2 (276): protocol, reserved, interface index, ARPHRD type, packet type, address length, address; 20 bytes. */
export function dissectLinuxSll2(d: Dissection, offset: number, end: number): void {
  if (end - offset < 20) return cutShort(d, 'Linux cooked capture v2', 20, offset, end);
  const bytes = d.data;
  cooked(d, 'Linux cooked capture v2', offset, 20, bytes[offset + 10]!, bytes[offset + 11]!, offset + 12, bytes.readUInt16BE(offset), end);
}

function cooked(d: Dissection, name: string, offset: number, headerLength: number, packetType: number, addressLength: number, address: number, protocol: number, end: number): void {
  // The only link address is the sender's: with no network layer to name the peers, it is the Source column.
  const source = addressLength === 6 ? d.macName(d.data, address) : '';
  const tree = d.layer('sll', d.tree ? `${name}${source ? `, Source: ${d.macLabel(d.data, address)}` : ''}` : '', offset, headerLength);
  if (tree) d.item(tree, `Packet type: ${PACKET_TYPES[packetType] ?? 'Unknown'} (${packetType})`, offset, headerLength);
  d.field('sll.pkttype', packetType);
  d.field('sll.etype', protocol);
  if (source) d.addresses(source, '');
  if (protocol < 0x0600) {
    // Not an EtherType: 802.2 LLC, Novell 802.3, CAN... (not dissected here).
    d.columns('SLL', `Protocol 0x${protocol.toString(16).padStart(4, '0')}`);
    return dissectData(d, offset + headerLength, end);
  }
  dissectEtherType(d, protocol, offset + headerLength, end);
}

function cutShort(d: Dissection, name: string, need: number, offset: number, end: number): void {
  d.layer('sll', name, offset, end - offset);
  d.columns('SLL', '');
  d.markMalformed('SLL', `header needs ${need} bytes, has ${end - offset}`, offset);
}
