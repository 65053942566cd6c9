// ARP over Ethernet/IPv4: who-has, is-at, probes and announcements (RFC 5227), RARP, DRARP and Inverse ARP, as tshark names them.
import { fieldFilter } from './field-filter';
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
  if (tree) d.item(tree, `Opcode: ${opcode === 1 ? 'request' : opcode === 2 ? 'reply' : 'unknown'} (${opcode})`, offset + 6, 2, false, fieldFilter('arp.opcode', opcode));
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
  if (tree) d.item(tree, `Sender MAC address: ${d.macLabel(bytes, offset + 8)}`, offset + 8, 6, false, fieldFilter('arp.src.hw_mac', senderMac));
  if (tree) d.item(tree, `Sender IP address: ${senderIp}`, offset + 14, 4, false, fieldFilter('arp.src.proto_ipv4', senderIp));
  if (tree) d.item(tree, `Target MAC address: ${d.macLabel(bytes, offset + 18)}`, offset + 18, 6, false, opcode !== 7 ? fieldFilter('arp.dst.hw_mac', targetMac) : undefined);
  if (tree) d.item(tree, `Target IP address: ${targetIp}`, offset + 24, 4, false, opcode !== 7 ? fieldFilter('arp.dst.proto_ipv4', targetIp) : undefined);
  d.field('arp.src.hw_mac', senderMac);
  d.field('arp.src.proto_ipv4', senderIp);
  // tshark leaves a DRARP error's target out (it carries an error code there).
  if (opcode !== 7) {
    d.field('arp.dst.hw_mac', targetMac);
    d.field('arp.dst.proto_ipv4', targetIp);
  }
  const noTargetMac = bytes.readUInt32BE(offset + 18) === 0 && bytes.readUInt16BE(offset + 22) === 0;
  d.columns(PROTOCOLS[opcode] ?? 'ARP', arpInfo(opcode, senderMac, senderIp, targetMac, targetIp, noTargetMac));
}

/** The Protocol column by opcode: RARP (3, 4), DRARP (5-7), Inverse ARP (8, 9); ARP otherwise. */
const PROTOCOLS: Record<number, string> = { 3: 'RARP', 4: 'RARP', 5: 'DRARP', 6: 'DRARP', 7: 'DRARP', 8: 'Inverse ARP', 9: 'Inverse ARP' };

function arpInfo(opcode: number, senderMac: string, senderIp: string, targetMac: string, targetIp: string, noTargetMac: boolean): string {
  switch (opcode) {
    case 1:
      // RFC 5227: a probe asks from 0.0.0.0, an announcement asks for its own address; both leave the target MAC empty.
      if (senderIp === '0.0.0.0' && noTargetMac) return `Who has ${targetIp}? (ARP Probe)`;
      if (senderIp === targetIp) return noTargetMac ? `ARP Announcement for ${senderIp}` : `Gratuitous ARP for ${senderIp} (Request)`;
      return `Who has ${targetIp}? Tell ${senderIp}`;
    case 2:
      return senderIp === targetIp ? `Gratuitous ARP for ${senderIp} (Reply)` : `${senderIp} is at ${senderMac}`;
    case 3:
    case 5:
    case 8:
      return `Who is ${targetMac}? Tell ${senderMac}`;
    case 4:
    case 6:
      return `${targetMac} is at ${targetIp}`;
    case 9:
      return `${senderMac} is at ${senderIp}`;
    case 7:
      return 'DRARP Error';
    case 10:
      return 'ARP NAK';
    case 0:
      return 'Reserved opcode 0';
    default:
      return `Unknown ARP opcode 0x${opcode.toString(16).padStart(4, '0')}`;
  }
}
