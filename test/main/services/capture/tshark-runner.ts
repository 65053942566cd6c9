// Test helper: runs tshark (the reference dissector) and editcap/mergecap on fixture captures; argv arrays, no shell.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const CAPTURES = path.resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'captures');
export const LOOPBACK = path.join(CAPTURES, 'loopback.pcap');
export const SYNTHETIC = path.join(CAPTURES, 'synthetic.pcap');
/** A real Linux guest under QEMU, recorded by `mirador run --pcap` (make-linux-guest-capture.mjs). */
export const LINUX_GUEST = path.join(CAPTURES, 'linux-guest.pcap');
/** One hand-built TCP conversation with everything Wireshark's sequence analysis flags (make-tcp-analysis-capture.mjs). */
export const TCP_ANALYSIS = path.join(CAPTURES, 'tcp-analysis.pcap');
/** HTTP messages spanning TCP segments, on port 80 and on a port found by heuristics (make-http-reassembly-capture.mjs). */
export const HTTP_REASSEMBLY = path.join(CAPTURES, 'http-reassembly.pcap');
/** loopback.pcap's TLS 1.3 handshake sent again in small segments (make-tls-reassembly-capture.mjs). */
export const TLS_REASSEMBLY = path.join(CAPTURES, 'tls-reassembly.pcap');
/** Hand-built DNS answers of many record types and a query of every type tshark names (make-dns-records-capture.mjs). */
export const DNS_RECORDS = path.join(CAPTURES, 'dns-records.pcap');
/** Hand-built ICMP of every type and named code, errors quoting a cut packet, ARP of every opcode (make-icmp-arp-capture.mjs). */
export const ICMP_ARP = path.join(CAPTURES, 'icmp-arp.pcap');
/** Hand-built ICMPv6 of every type tshark names, with codes, NA flags, a redirect, an MLDv2 report (make-icmpv6-capture.mjs). */
export const ICMPV6 = path.join(CAPTURES, 'icmpv6.pcap');
/** Hand-built DHCP of every message type, BOOTP, IPv4 fragments and options, VLAN and QinQ, RARP (make-dhcp-vlan-capture.mjs). */
export const DHCP_VLAN = path.join(CAPTURES, 'dhcp-vlan.pcap');
/** Hand-built IPv6 extension headers, fragments, no next header, TCP flag combinations (make-ipv6-tcp-flags-capture.mjs). */
export const IPV6_TCP_FLAGS = path.join(CAPTURES, 'ipv6-tcp-flags.pcap');
/** What `tcpdump -i any` records: Linux cooked capture v1 and v2 (make-linux-cooked-captures.mjs). */
export const LINUX_SLL = path.join(CAPTURES, 'linux-sll.pcap');
export const LINUX_SLL2 = path.join(CAPTURES, 'linux-sll2.pcap');
/** What `tcpdump -i lo0` records on macOS and the BSDs: link types NULL and LOOP (make-bsd-loopback-captures.mjs). */
export const BSD_NULL = path.join(CAPTURES, 'bsd-null.pcap');
/** Syslog over UDP 514, RFC 3164 and 5424, odd priorities and escapes (make-syslog-capture.mjs). */
export const SYSLOG = path.join(CAPTURES, 'syslog.pcap');
export const BSD_LOOP = path.join(CAPTURES, 'bsd-loop.pcap');
/** Real HTTP/1.x variants on lo: pipelining, HEAD, 304, 1xx, chunked JSON, a body ended by the close (make-http-variants-capture.mjs). */
export const HTTP_VARIANTS = path.join(CAPTURES, 'http-variants.pcap');
/** DNS over TCP: messages whole in one segment, and messages spanning segments (make-dns-tcp-capture.mjs). */
export const DNS_TCP = path.join(CAPTURES, 'dns-tcp.pcap');
/** Real TLS 1.3 on lo: a Hello Retry Request, then a resumed session (make-tls13-retry-capture.mjs). */
export const TLS13_RETRY = path.join(CAPTURES, 'tls13-retry.pcap');
/** Real TLS 1.2 sessions on lo: encrypted Finished and alerts, plaintext alerts (make-tls12-capture.mjs). */
export const TLS12 = path.join(CAPTURES, 'tls12.pcap');
/** Hand-built IPv4 and IPv6 fragments in every order and shape tshark's reassembly meets (make-ip-fragments-capture.mjs). */
export const IP_FRAGMENTS = path.join(CAPTURES, 'ip-fragments.pcap');
/** MAC addresses of every kind Wireshark names: well-known, ranges, vendors, none (make-mac-names-capture.mjs). */
export const MAC_NAMES = path.join(CAPTURES, 'mac-names.pcap');

export function tool(program: string, args: string[]): string {
  const result = spawnSync(program, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** tshark's options for reading fragments one by one, as a DissectionSession made without an IP fragment table does. */
const ONE_BY_ONE = ['-o', 'ip.defragment:FALSE', '-o', 'ipv6.defragment:FALSE'];

/**
 * `tshark -r FILE -T fields -e ...` as rows of columns. IPv4 and IPv6 fragments are not put together (as a bare
 * DissectionSession); `wireshark`: tshark's defaults (fragments put together, MAC names), as wiresharkDefaults().
 */
export function tsharkFields(file: string, fields: string[], filter?: string, wireshark = false): string[][] {
  const args = ['-r', file, ...(wireshark ? [] : ONE_BY_ONE), '-T', 'fields', '-E', 'separator=/t', ...fields.flatMap((field) => ['-e', field])];
  if (filter) args.push('-Y', filter);
  return tool('tshark', args)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

export function tsharkCount(file: string, filter: string, wireshark = false): number {
  return tool('tshark', ['-r', file, ...(wireshark ? [] : ONE_BY_ONE), '-Y', filter]).split('\n').filter((line) => line !== '').length;
}

/** As tsharkFields and tsharkCount with tshark's defaults: what the Packets panel and `mirador dissect` show. */
export const wiresharkFields = (file: string, fields: string[], filter?: string): string[][] => tsharkFields(file, fields, filter, true);
export const wiresharkCount = (file: string, filter: string): number => tsharkCount(file, filter, true);

/** `tshark -z follow,PROTOCOL,raw,STREAM`: each direction's payload as hex, node 0 being the side that sent first. */
export function tsharkFollow(file: string, protocol: 'tcp' | 'udp', stream: number): { client: string; server: string; turns: { fromClient: boolean; hex: string }[] } {
  const out = tool('tshark', ['-r', file, '-q', '-z', `follow,${protocol},raw,${stream}`]);
  const client = /^Node 0: (.+)$/m.exec(out)?.[1] ?? '';
  const server = /^Node 1: (.+)$/m.exec(out)?.[1] ?? '';
  const body = out.slice(out.indexOf('Node 1:')).split('\n').slice(1);
  const turns = body.filter((line) => /^\t?[0-9a-f]+$/.test(line)).map((line) => ({ fromClient: !line.startsWith('\t'), hex: line.trim() }));
  return { client, server, turns };
}
