// ARP over Ethernet/IPv4: who-has, is-at, gratuitous announcements.
import { formatIpv4, formatMac } from './address-format';
import type { Dissection } from './dissection';

export function dissectArp(d: Dissection, offset: number, end: number): void {
  const bytes = d.data;
  const tree = d.layer('arp', 'Address Resolution Protocol', offset, Math.min(28, end - offset));
  if (end - offset < 8) {
    d.columns('ARP', '');
    d.markMalformed('ARP', 'header cut short', offset);
    return;
  }
  const hardwareLength = bytes[offset + 4]!;
  const protocolLength = bytes[offset + 5]!;
  const opcode = bytes.readUInt16BE(offset + 6);
  d.field('arp.opcode', opcode);
  if (tree) d.item(tree, `Opcode: ${opcode === 1 ? 'request' : opcode === 2 ? 'reply' : 'unknown'} (${opcode})`, offset + 6, 2);
  if (hardwareLength !== 6 || protocolLength !== 4) {
    d.columns('ARP', `Opcode ${opcode}, hardware length ${hardwareLength}, protocol length ${protocolLength}`);
    return;
  }
  if (end - offset < 28) {
    d.columns('ARP', `Opcode ${opcode}`);
    d.markMalformed('ARP', `needs 28 bytes, has ${end - offset}`, offset);
    return;
  }
  const senderMac = formatMac(bytes, offset + 8);
  const senderIp = formatIpv4(bytes, offset + 14);
  const targetMac = formatMac(bytes, offset + 18);
  const targetIp = formatIpv4(bytes, offset + 24);
  if (tree) d.item(tree, `Sender MAC address: ${senderMac}`, offset + 8, 6);
  if (tree) d.item(tree, `Sender IP address: ${senderIp}`, offset + 14, 4);
  if (tree) d.item(tree, `Target MAC address: ${targetMac}`, offset + 18, 6);
  if (tree) d.item(tree, `Target IP address: ${targetIp}`, offset + 24, 4);
  d.field('arp.src.hw_mac', senderMac);
  d.field('arp.src.proto_ipv4', senderIp);
  d.field('arp.dst.hw_mac', targetMac);
  d.field('arp.dst.proto_ipv4', targetIp);
  if (senderIp === targetIp) d.columns('ARP', `Gratuitous ARP for ${senderIp} (${opcode === 1 ? 'Request' : 'Reply'})`);
  else if (opcode === 1) d.columns('ARP', `Who has ${targetIp}? Tell ${senderIp}`);
  else if (opcode === 2) d.columns('ARP', `${senderIp} is at ${senderMac}`);
  else d.columns('ARP', `Opcode ${opcode}`);
}
