// Dissection compared frame by frame with tshark on real loopback traffic and hand-built guest frames; fuzzed input never throws.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../../../main/services/capture/capture-file-reader';
import { encodePcap } from '../../../../main/services/capture/pcap-writer';
import type { CaptureFrame } from '../../../../main/services/capture/capture-frame';
import { DissectionSession } from '../../../../main/services/dissect/dissection-session';
import { dissectFrame } from '../../../../main/services/dissect/frame-dissector';
import type { DetailNode, Dissection } from '../../../../main/services/dissect/dissection';
import { compileDisplayFilter } from '../../../../main/services/display-filter/display-filter';
import { BSD_LOOP, BSD_NULL, DHCP_VLAN, DNS_RECORDS, DNS_TCP, HTTP_REASSEMBLY, HTTP_VARIANTS, ICMP_ARP, ICMPV6, IPV6_TCP_FLAGS, IP_FRAGMENTS, LINUX_GUEST, LINUX_SLL, LINUX_SLL2, LOOPBACK, MAC_NAMES, SYNTHETIC, SYSLOG, TCP_ANALYSIS, TLS12, TLS13_RETRY, TLS_REASSEMBLY, tool, tsharkFields } from '../capture/tshark-runner';

const KEY_FIELDS = ['ip.src', 'ip.dst', 'ipv6.src', 'ipv6.dst', 'tcp.srcport', 'tcp.dstport', 'tcp.seq', 'tcp.ack', 'tcp.len', 'tcp.stream', 'udp.srcport', 'udp.dstport', 'dns.qry.name', 'dns.a', 'dns.cname', 'http.request.method', 'http.request.uri', 'http.response.code', 'tls.handshake.extensions_server_name', 'arp.src.proto_ipv4', 'arp.dst.proto_ipv4', 'dhcp.option.dhcp', 'dhcp.id', 'icmp.type', 'icmpv6.type', 'eth.src', 'vlan.id', 'icmp.resp_to', 'dns.flags.rcode', 'http.content_type', 'dhcp.ip.your', 'tls.record.content_type', 'tls.record.opaque_type', 'dns.length', 'eth.type', 'syslog.facility', 'syslog.level', 'syslog.msg'];

function framesOf(file: string): CaptureFrame[] {
  const frames: CaptureFrame[] = [];
  readCaptureFile(file, (frame) => frames.push(frame));
  return frames;
}

function dissectAll(file: string, options: { tree?: boolean; fields?: ReadonlySet<string> } = {}): Dissection[] {
  const session = new DissectionSession();
  return framesOf(file).map((frame, index) => dissectFrame(session, frame, index + 1, options));
}

/** Our value of a field as tshark prints it: values joined by commas, numbers in decimal (hex for dhcp.id, eth.type). */
function asTshark(d: Dissection, field: string): string {
  const values = d.fields?.get(field) ?? [];
  // tshark reports only the outer IP/port of an ICMP-quoted packet once per layer; it lists both.
  const hex = field === 'dhcp.id' ? 8 : field === 'eth.type' ? 4 : 0;
  // tshark -T fields writes a newline, return or tab inside a text value as \n, \r, \t.
  const text = (value: string) => value.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return values.map((value) => (hex ? `0x${value.toString(16).padStart(hex, '0')}` : typeof value === 'string' ? text(value) : String(value))).join(',');
}

/**
 * The TCP analysis, HTTP reassembly and loopback captures played three times over, clock running on: the second round's
 * SYNs repeat the first's (retransmissions in the same streams, data not dissected again); the third's start from other
 * sequence numbers (the ports reused: new streams).
 */
function repeatedConnectionsCapture(): string {
  const frames = [TCP_ANALYSIS, HTTP_REASSEMBLY, LOOPBACK].flatMap(framesOf).map((frame) => ({ ...frame, data: Buffer.from(frame.data) }));
  const played = [0, 1, 2].flatMap((round) =>
    frames.map((frame, index) => {
      const data = Buffer.from(frame.data);
      if (round === 2) shiftSequenceNumbers(data, 1_000_000);
      return { ...frame, data, seconds: 1_700_000_000 + round * 100, nanoseconds: index * 1_000_000 };
    }),
  );
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'mirador-dissect-')), 'repeated-connections.pcap');
  writeFileSync(file, encodePcap(1, played));
  return file;
}

/**
 * Adds `delta` to an Ethernet/IPv4/TCP frame's sequence number and, when its ACK flag is set, to its acknowledgment
 * number (both sides alike: still consistent; a SYN's unused ack field stays 0, as real stacks send it).
 */
function shiftSequenceNumbers(frame: Buffer, delta: number): void {
  if (frame.length < 34 || frame.readUInt16BE(12) !== 0x0800 || frame[23] !== 6) return;
  const tcp = 14 + (frame[14]! & 0x0f) * 4;
  if (frame.length < tcp + 12) return;
  frame.writeUInt32BE((frame.readUInt32BE(tcp + 4) + delta) >>> 0, tcp + 4);
  if (frame[tcp + 13]! & 0x10) frame.writeUInt32BE((frame.readUInt32BE(tcp + 8) + delta) >>> 0, tcp + 8);
}

describe.each([
  ['loopback (tcpdump on lo)', LOOPBACK, []],
  // Frame 13 is a DNS answer whose name points at itself: tshark shows a placeholder name, we stop there as malformed.
  ['synthetic (guest frames, damage)', SYNTHETIC, [13]],
  ['linux guest (QEMU user networking, recorded by mirador run --pcap)', LINUX_GUEST, []],
  ['tcp analysis (retransmissions, duplicate ACKs, window updates, keep-alives, lost segments)', TCP_ANALYSIS, []],
  ['http reassembly (messages spanning segments: Content-Length, chunks, split lines, a retransmission)', HTTP_REASSEMBLY, []],
  ['tls reassembly (records spanning segments, a header split, a segment sent again inside a record)', TLS_REASSEMBLY, []],
  ['dns records (every type name tshark knows; SRV, HINFO, SOA, CAA, DNSSEC records, NXDOMAIN, EDNS, an update)', DNS_RECORDS, []],
  ['icmp and arp (every ICMP type and code name, errors quoting a cut packet, every ARP opcode: probe, announcement, RARP...)', ICMP_ARP, []],
  ['icmpv6 (every type and code name tshark knows, neighbour advertisement flags, redirect, MLDv2, an echo pair)', ICMPV6, []],
  ['dhcp and vlan (every DHCP message type, BOOTP with and without cookie, IPv4 fragments and options, 802.1Q, QinQ, RARP)', DHCP_VLAN, []],
  ['ipv6 and tcp flags (extension header chains, fragments, no next header, a zero UDP checksum, every flag combination)', IPV6_TCP_FLAGS, []],
  ['linux cooked capture v1 (tcpdump -i any: ARP, IPv6, TCP, DNS sent, received, broadcast)', LINUX_SLL, []],
  ['linux cooked capture v2 (the same, as tcpdump 4.99 records -i any)', LINUX_SLL2, []],
  ['bsd loopback NULL (tcpdump -i lo0 on macOS: the IPv6 family of each system, either byte order)', BSD_NULL, []],
  ['bsd loopback LOOP (the family big-endian)', BSD_LOOP, []],
  ['http variants (pipelined requests, HEAD, 304, 100 Continue, chunked JSON, a body ended by the server closing)', HTTP_VARIANTS, []],
  ['dns over tcp (messages whole in a segment, a length sent alone, an answer in three segments, two in one, a resend)', DNS_TCP, []],
  ['tls 1.3 hello retry (openssl: the second Client Hello and the real Server Hello in the clear, then a resumption)', TLS13_RETRY, []],
  ['tls 1.2 (openssl: encrypted Finished and alerts after Change Cipher Spec, plaintext alerts, several messages a record)', TLS12, []],
  ['syslog (RFC 3164 and 5424 as logs-syslog sends them, every level, odd priorities, escapes)', SYSLOG, []],
  ['ip fragments one by one (every order and overlap, a DNS answer, an echo pair and a TCP segment in fragments, quotes)', IP_FRAGMENTS, []],
  ['mac names (none here: the addresses themselves, as tshark -n would show them)', MAC_NAMES, []],
  ['the same connections three times over (SYNs sent again, then new ones on the same ports)', repeatedConnectionsCapture(), []],
])('%s compared with tshark', (_name, file, known: number[]) => {
  it('has the same Protocol column, and the same Info column where neither resolves names', () => {
    const ours = dissectAll(file as string);
    const reference = tsharkFields(file as string, ['_ws.col.Protocol', '_ws.col.Info', 'eth.src']);
    expect(ours.length).toBe(reference.length);
    ours.forEach((d, index) => {
      if (known.includes(index + 1)) return;
      expect(`${index + 1} ${d.protocol}`).toBe(`${index + 1} ${reference[index]![0]}`);
      // tshark names the OUI of MAC addresses (RealtekU_...): compare ARP lines with addresses only.
      // tshark 4.0 glues its exception's name to the mark of a fragment's truncated contents.
      const info = reference[index]![1]!.replace(/RealtekU_12:34:56/g, '52:54:00:12:34:56').replace('[BoundErrorUnreassembled Packet]', ' [Unreassembled Packet]');
      expect(`${index + 1} ${d.info}`).toBe(`${index + 1} ${info}`);
    });
  });

  it('has the same key fields (addresses, ports, relative seq/ack, streams, DNS/HTTP/TLS/ARP/DHCP fields)', () => {
    const ours = dissectAll(file as string, { fields: new Set(KEY_FIELDS) });
    const reference = tsharkFields(file as string, KEY_FIELDS);
    ours.forEach((d, index) => {
      if (known.includes(index + 1)) return;
      const mine = Object.fromEntries(KEY_FIELDS.map((field) => [field, asTshark(d, field)]));
      const theirs = Object.fromEntries(KEY_FIELDS.map((field, column) => [field, reference[index]![column] ?? '']));
      expect({ frame: index + 1, ...mine }).toEqual({ frame: index + 1, ...theirs });
    });
  });
});

describe('dissection details', () => {
  it('marks damage as malformed instead of throwing (DNS pointer loop, TCP header cut short)', () => {
    const ours = dissectAll(SYNTHETIC, { tree: true });
    expect(ours[12]!.malformed).toBe(true);
    expect(ours[12]!.tree!.at(-1)!.label).toMatch(/Malformed Packet: DNS: compression pointer loop/);
    expect(ours[14]!.malformed).toBe(true);
    expect(ours.filter((d) => d.malformed).map((d) => d.frameNumber)).toEqual([13, 15]);
  });

  it('builds a detail tree with byte ranges inside the frame', () => {
    const [query] = dissectAll(LOOPBACK, { tree: true });
    expect(query!.tree!.map((node) => node.label)).toEqual(['Frame 1: 80 bytes on wire, 80 bytes captured', 'Ethernet II, Src: 00:00:00:00:00:00, Dst: 00:00:00:00:00:00', 'Internet Protocol Version 4, Src: 127.0.0.1, Dst: 127.0.0.1', expect.stringMatching(/^User Datagram Protocol, Src Port: \d+, Dst Port: \d+$/), 'Domain Name System']);
    const ip = query!.tree![2]!;
    expect([ip.start, ip.length]).toEqual([14, 20]);
    expect(ip.children!.find((node) => node.label === 'Source Address: 127.0.0.1')).toMatchObject({ start: 26, length: 4 });
    const dns = query!.tree![4]!;
    expect(dns.children!.find((node) => node.label === 'Queries')!.children![0]).toMatchObject({ label: 'example.mirador.test: type A, class 1', start: 54, length: 26 });
  });

  it('gives tree lines the filter Apply as Filter puts in the bar, and each one matches its own frame', () => {
    const nodes = (tree: DetailNode[]): DetailNode[] => tree.flatMap((node) => [node, ...nodes(node.children ?? [])]);
    const seen = new Set<string>();
    for (const file of [LOOPBACK, SYNTHETIC, HTTP_REASSEMBLY, TLS12, DNS_RECORDS, DNS_TCP, ICMP_ARP, ICMPV6, DHCP_VLAN, LINUX_GUEST, SYSLOG]) {
      // Twice in order (the dissection has state): once for the trees, once with each frame's filters' fields.
      const filtersOf = dissectAll(file, { tree: true }).map((d) => nodes(d.tree!).flatMap((node) => (node.filter ? [node.filter] : [])));
      const compiled = filtersOf.map((filters) =>
        filters.map((text) => {
          const result = compileDisplayFilter(text);
          if (!result.ok) throw new Error(`${text}: ${result.message}`);
          return { text, filter: result.filter };
        }),
      );
      const session = new DissectionSession();
      framesOf(file).forEach((frame, index) => {
        const fields = new Set(compiled[index]!.flatMap(({ filter }) => [...filter.fields]));
        const d = dissectFrame(session, frame, index + 1, { fields });
        for (const { text, filter } of compiled[index]!) {
          seen.add(text.replace(/ == .*/, ''));
          expect({ frame: index + 1, filter: text, matches: filter.matches(d) }).toEqual({ frame: index + 1, filter: text, matches: true });
        }
      });
    }
    // Layers give their protocol; the key fields of each give `field == value`.
    for (const expected of ['eth', 'ip', 'tcp', 'udp', 'dns', 'http', 'tls', 'arp', 'icmp', 'dhcp', 'eth.src', 'ip.src', 'ipv6.dst', 'tcp.dstport', 'udp.srcport', 'dns.qry.name', 'http.request.uri', 'http.response.code', 'tls.handshake.extensions_server_name', 'arp.src.proto_ipv4', 'icmp.type', 'vlan.id']) {
      expect(seen, expected).toContain(expected);
    }
  });

  it('puts a DNS message over TCP together from its segments, as tshark shows it', () => {
    const ours = dissectAll(DNS_TCP, { tree: true });
    // Frame 11 holds the query's length alone; frame 12 the query.
    const lengthAlone = ours[10]!;
    expect(lengthAlone.protocols).not.toContain('dns');
    expect(lengthAlone.tree!.find((node) => node.label.startsWith('Transmission Control Protocol'))!.children!.at(-1)).toMatchObject({ label: 'TCP segment data (2 bytes)', start: 54, length: 2 });
    const query = ours[11]!;
    const reassembled = query.tree!.find((node) => node.label.startsWith('[2 Reassembled'));
    expect(reassembled).toMatchObject({ label: '[2 Reassembled TCP Segments (38 bytes): #11(2), #12(36)]', start: 54, length: 36 });
    const dns = query.tree!.find((node) => node.label === 'Domain Name System')!;
    // Its bytes are not all in this frame: the lines point at the segment, as the layer does.
    expect(dns).toMatchObject({ start: 54, length: 36 });
    expect(dns.children!.slice(0, 2)).toEqual([
      { label: 'Length: 36', start: 54, length: 0 },
      { label: 'Transaction ID: 0x1111', start: 54, length: 0, filter: 'dns.id == 0x1111' },
    ]);
    // A message whole in its frame shows its own bytes, the length first.
    const whole = ours[3]!.tree!.find((node) => node.label === 'Domain Name System')!;
    expect(whole).toMatchObject({ start: 54, length: 36 });
    expect(whole.children!.slice(0, 2)).toEqual([
      { label: 'Length: 34', start: 54, length: 2 },
      { label: 'Transaction ID: 0x4242', start: 56, length: 2, filter: 'dns.id == 0x4242' },
    ]);
    // Two queries in one segment: two DNS layers, the Info of the last (as tshark).
    expect(ours[15]!.tree!.filter((node) => node.label === 'Domain Name System')).toHaveLength(2);
  });

  it('20k mutated frames and truncations of every fixture never throw (every link type, reassembly tables included)', () => {
    const fixtures = [LOOPBACK, SYNTHETIC, HTTP_REASSEMBLY, TLS_REASSEMBLY, HTTP_VARIANTS, TLS12, TLS13_RETRY, DNS_RECORDS, DNS_TCP, ICMP_ARP, ICMPV6, DHCP_VLAN, IPV6_TCP_FLAGS, LINUX_SLL, LINUX_SLL2, BSD_NULL, BSD_LOOP, TCP_ANALYSIS, SYSLOG, IP_FRAGMENTS, MAC_NAMES];
    const frames = fixtures.flatMap(framesOf);
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    // IP reassembly and MAC names on: mutated fragments go through the fragment table too.
    const session = DissectionSession.wiresharkDefaults();
    const allFields = new Set(KEY_FIELDS);
    let malformed = 0;
    for (let round = 0; round < 20_000; round++) {
      const frame = frames[Math.floor(random() * frames.length)]!;
      const data = Buffer.from(frame.data.subarray(0, random() < 0.3 ? Math.floor(random() * frame.data.length) : frame.data.length));
      const flips = 1 + Math.floor(random() * 8);
      for (let flip = 0; flip < flips && data.length > 0; flip++) data[Math.floor(random() * data.length)] = Math.floor(random() * 256);
      const d = dissectFrame(session, { data, originalLength: frame.originalLength, linkType: frame.linkType }, round + 1, { tree: true, fields: allFields });
      expect(typeof d.info).toBe('string');
      if (d.malformed) malformed++;
      // A read past the end may end in the dissector's catch as malformed input; a TypeError there would be a bug.
      const notes = (d.tree ?? []).filter((node) => node.label.startsWith('[Malformed Packet')).map((node) => node.label);
      for (const note of notes) expect(note).not.toMatch(/Cannot read|is not a function|undefined|null/);
    }
    expect(malformed).toBeGreaterThan(100);
  });

  it('relative sequence numbers start at 1 for a stream whose handshake was not captured', () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-dissect-'));
    const midstream = path.join(work, 'midstream.pcap');
    // Frames 12.. of the loopback capture: the HTTP stream without its handshake.
    tool('editcap', ['-r', LOOPBACK, midstream, '12-16']);
    const ours = dissectAll(midstream, { fields: new Set(['tcp.seq', 'tcp.ack']) });
    const reference = tsharkFields(midstream, ['tcp.seq', 'tcp.ack']);
    expect(ours.map((d) => [asTshark(d, 'tcp.seq'), asTshark(d, 'tcp.ack')])).toEqual(reference);
  });

  it('writes a DHCP transaction id in Info as tshark does: at least four hex digits, not eight', () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-dissect-'));
    const discover = framesOf(SYNTHETIC).find((frame) => frame.data.length > 282 && frame.data.readUInt16BE(36) === 67)!;
    const frames = [0x0a03476b, 0x1234, 0x3903f326].map((xid) => {
      const data = Buffer.from(discover.data);
      // Ethernet 14 + IPv4 20 + UDP 8 bytes, then op, htype, hlen, hops: the transaction id.
      data.writeUInt32BE(xid, 46);
      return { ...discover, data, originalLength: data.length };
    });
    const file = path.join(work, 'xids.pcap');
    writeFileSync(file, encodePcap(1, frames));
    const session = new DissectionSession();
    expect(framesOf(file).map((frame, index) => dissectFrame(session, frame, index + 1).info)).toEqual(tsharkFields(file, ['_ws.col.Info']).map(([info]) => info));
  });
});
