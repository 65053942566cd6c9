// DHCP/BOOTP: the fixed BOOTP header, the magic cookie, then options; Info names the message type and transaction id.
import { formatIpv4, formatMac } from './address-format';
import type { Dissection } from './dissection';

/** DHCP message type names as tshark 4.0 prints them (RFC 2132, 3203, 4388, 6926, 7724, and TLS). */
const MESSAGE_TYPES = ['', 'Discover', 'Offer', 'Request', 'Decline', 'ACK', 'NAK', 'Release', 'Inform', 'Force Renew', 'Lease query', 'Lease Unassigned', 'Lease Unknown', 'Lease Active', 'Bulk Lease Query', 'Lease Query Done', 'Active LeaseQuery', 'Lease Query Status', 'TLS'];
const MAGIC_COOKIE = 0x63825363;
const OPTION_NAMES: Record<number, string> = { 1: 'Subnet Mask', 3: 'Router', 6: 'Domain Name Server', 12: 'Host Name', 15: 'Domain Name', 50: 'Requested IP Address', 51: 'IP Address Lease Time', 53: 'DHCP Message Type', 54: 'DHCP Server Identifier', 55: 'Parameter Request List', 57: 'Maximum DHCP Message Size', 61: 'Client identifier' };

export function dissectDhcp(d: Dissection, offset: number, end: number): void {
  const bytes = d.data;
  const tree = d.layer('dhcp', 'Dynamic Host Configuration Protocol', offset, end - offset);
  if (end - offset < 240) {
    d.columns('DHCP', '');
    d.markMalformed('DHCP', `BOOTP header needs 240 bytes, has ${end - offset}`, offset);
    return;
  }
  const op = bytes[offset]!;
  const transaction = bytes.readUInt32BE(offset + 4);
  // The tree shows all eight digits; the Info column, like tshark's, at least four (`0xa03476b`).
  const transactionText = `0x${transaction.toString(16).padStart(8, '0')}`;
  const transactionInfo = `0x${transaction.toString(16).padStart(4, '0')}`;
  const clientMac = bytes[offset + 1] === 1 && bytes[offset + 2] === 6 ? formatMac(bytes, offset + 28) : undefined;
  d.field('dhcp.type', op);
  d.field('dhcp.id', transaction);
  if (clientMac) d.field('dhcp.hw.mac_addr', clientMac);
  if (tree) d.item(tree, `Message type: ${op === 1 ? 'Boot Request' : op === 2 ? 'Boot Reply' : 'Unknown'} (${op})`, offset, 1);
  if (tree) d.item(tree, `Transaction ID: ${transactionText}`, offset + 4, 4);
  for (const [label, at] of [['Client IP address', 12], ['Your (client) IP address', 16], ['Next server IP address', 20], ['Relay agent IP address', 24]] as const) {
    const address = formatIpv4(bytes, offset + at);
    if (tree) d.item(tree, `${label}: ${address}`, offset + at, 4);
    if (at === 16) d.field('dhcp.ip.your', address);
  }
  if (clientMac && tree) d.item(tree, `Client MAC address: ${d.macLabel(bytes, offset + 28)}`, offset + 28, 6);
  // Without a DHCP message type option it is plain BOOTP, which tshark names so (its filter name stays dhcp).
  d.columns('BOOTP', op === 1 ? (clientMac ? `Boot Request from ${clientMac} (${d.macName(bytes, offset + 28)})` : 'Boot Request') : 'Boot Reply');
  if (bytes.readUInt32BE(offset + 236) !== MAGIC_COOKIE) return;
  d.item(tree, 'Magic cookie: DHCP', offset + 236, 4);
  let at = offset + 240;
  while (at < end) {
    const code = bytes[at]!;
    if (code === 255) {
      d.item(tree, 'Option: (255) End', at, 1);
      break;
    }
    if (code === 0) {
      at++;
      continue;
    }
    if (at + 2 > end || at + 2 + bytes[at + 1]! > end) {
      d.markMalformed('DHCP', `option ${code} runs past the packet`, at);
      return;
    }
    const length = bytes[at + 1]!;
    const value = at + 2;
    if (code === 53 && length >= 1) {
      const type = bytes[value]!;
      d.field('dhcp.option.dhcp', type);
      d.columns('DHCP', `DHCP ${(MESSAGE_TYPES[type] ?? `Unknown (${type})`).padEnd(8)} - Transaction ID ${transactionInfo}`);
    }
    if (code === 12) d.field('dhcp.option.hostname', bytes.toString('latin1', value, value + length));
    if (code === 50 && length === 4) d.field('dhcp.option.requested_ip_address', formatIpv4(bytes, value));
    if (tree) d.item(tree, `Option: (${code}) ${OPTION_NAMES[code] ?? 'Unknown'}`, at, 2 + length);
    at = value + length;
  }
}
