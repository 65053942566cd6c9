// The colouring rule a packet row falls under, first match wins, in the spirit of Wireshark's default rules.
import type { Dissection } from '../dissect/dissection';

/** Fields the rules read; a row's dissection must record them. */
export const COLOUR_FIELDS: ReadonlySet<string> = new Set([
  'tcp.flags.syn',
  'tcp.flags.fin',
  'tcp.flags.reset',
  'icmp.type',
  'icmpv6.type',
  'tcp.analysis.flags',
  'tcp.analysis.window_update',
  'tcp.analysis.keep_alive',
  'tcp.analysis.keep_alive_ack',
]);

const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);
const ICMPV6_ERRORS = new Set([1, 2, 3, 4]);

/**
 * One of: `malformed`, `tcp-bad` (Wireshark's "Bad TCP": retransmissions, duplicate ACKs, lost segments...), `tcp-rst`, `icmp-error`, `tcp-syn` (SYN or FIN, as Wireshark's "TCP SYN/FIN"), `arp`, `icmp`, `dns`,
 * `dhcp`, `http`, `tls`, `tcp`, `udp`, `other`.
 */
export function colourOf(d: Dissection): string {
  const has = (name: string) => d.protocols.includes(name);
  const first = (name: string) => d.fields?.get(name)?.[0];
  if (d.malformed) return 'malformed';
  if (has('tcp')) {
    const routine = first('tcp.analysis.window_update') === 1 || first('tcp.analysis.keep_alive') === 1 || first('tcp.analysis.keep_alive_ack') === 1;
    if (first('tcp.analysis.flags') === 1 && !routine) return 'tcp-bad';
    if (first('tcp.flags.reset') === 1) return 'tcp-rst';
  }
  if (has('icmp') && ICMP_ERRORS.has(Number(first('icmp.type')))) return 'icmp-error';
  if (has('icmpv6') && ICMPV6_ERRORS.has(Number(first('icmpv6.type')))) return 'icmp-error';
  if (has('tcp') && (first('tcp.flags.syn') === 1 || first('tcp.flags.fin') === 1)) return 'tcp-syn';
  if (has('arp')) return 'arp';
  if (has('icmp') || has('icmpv6')) return 'icmp';
  if (has('dns')) return 'dns';
  if (has('dhcp')) return 'dhcp';
  if (has('http')) return 'http';
  if (has('tls')) return 'tls';
  if (has('tcp')) return 'tcp';
  if (has('udp')) return 'udp';
  return 'other';
}
