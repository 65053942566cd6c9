// PacketTable on the fixture captures, compared with tshark: rows, time, filters (counts), detail, export read back, streams.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../../../main/services/capture/capture-file-reader';
import type { CaptureFrame } from '../../../../main/services/capture/capture-frame';
import { DissectionSession } from '../../../../main/services/dissect/dissection-session';
import { dissectFrame } from '../../../../main/services/dissect/frame-dissector';
import { PacketFilterError } from '../../../../main/services/packets/packet-filter-error';
import { PacketTable } from '../../../../main/services/packets/packet-table';
import { DHCP_VLAN, DNS_TCP, HTTP_REASSEMBLY, HTTP_VARIANTS, ICMPV6, IP_FRAGMENTS, LINUX_GUEST, LOOPBACK, MAC_NAMES, SYNTHETIC, TCP_ANALYSIS, TLS12, TLS13_RETRY, TLS_REASSEMBLY, wiresharkCount, wiresharkFields, tsharkFollow, tool } from '../capture/tshark-runner';

const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-packet-table-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tableOf(...files: string[]): PacketTable {
  const table = new PacketTable();
  for (const file of files) readCaptureFile(file, (frame) => table.append(frame));
  return table;
}

function framesOf(file: string): CaptureFrame[] {
  const frames: CaptureFrame[] = [];
  readCaptureFile(file, (frame) => frames.push({ ...frame, data: Buffer.from(frame.data) }));
  return frames;
}

/** Filters whose counts are compared with `tshark -Y` on both fixtures. */
const FILTERS = ['dns', 'tcp', 'udp', 'arp', 'icmp || icmpv6', 'tcp.port == 80 || http', 'ip.addr == 127.0.0.1', 'ip.dst == 127.0.0.2', 'tcp.flags.syn == 1 && tcp.flags.ack == 0', 'tls.handshake.type == 1', 'dns.qry.name contains "mirador"', '!tcp && !udp', 'frame.len > 100', 'eth.src == 52:54:00:12:34:56', 'tcp.stream eq 1', 'dhcp', 'vlan', 'ipv6', '_ws.malformed'];

describe.each([
  ['loopback', LOOPBACK, FILTERS],
  // Frame 13's DNS pointer loop: tshark shows a placeholder name where we stop as malformed (see dissect-vs-tshark).
  ['synthetic', SYNTHETIC, FILTERS.filter((filter) => filter !== '_ws.malformed')],
  [
    'tcp-analysis',
    TCP_ANALYSIS,
    ['tcp', 'tcp.analysis.flags', 'tcp.analysis.retransmission', 'tcp.analysis.spurious_retransmission', 'tcp.analysis.duplicate_ack', 'tcp.analysis.duplicate_ack_num == 2', 'tcp.analysis.window_update', 'tcp.analysis.zero_window', 'tcp.analysis.keep_alive || tcp.analysis.keep_alive_ack', 'tcp.analysis.lost_segment', 'tcp.analysis.ack_lost_segment', 'tcp.analysis.flags && !tcp.analysis.window_update'],
  ],
  [
    'http-reassembly',
    HTTP_REASSEMBLY,
    ['http', 'http.request', 'http.response', 'http.response.code == 404', 'http.content_type == "text/html"', 'http.request.uri contains "missing"', 'tcp.port == 80 && !http', 'tcp.analysis.retransmission', 'tcp.len > 100 && !http'],
  ],
  ['tls-reassembly', TLS_REASSEMBLY, ['tls', 'tls.handshake.type == 1', 'tls.handshake.extensions_server_name == "mirador.test"', 'tls.record.content_type == 22', 'tls.record.opaque_type == 23', 'tcp.analysis.retransmission', 'tcp.len > 0 && !tls']],
  ['http-variants', HTTP_VARIANTS, ['http', 'http.request', 'http.response', 'json', 'http.response.code == 304', 'tcp.flags.fin == 1 && http']],
  ['tls12', TLS12, ['tls', 'tls.handshake.type == 16', 'tls.record.content_type == 21']],
  ['tls13-retry', TLS13_RETRY, ['tls', 'tls.handshake.type == 1', 'tls.handshake.type == 2', 'tls.record.opaque_type == 23']],
  ['dns-tcp', DNS_TCP, ['dns', 'dns.qry.name == "b.example.test"', 'dns.flags.response == 1', 'tcp.len > 0 && !dns', 'dns.length > 40']],
  ['ip-fragments', IP_FRAGMENTS, ['udp', 'dns', 'icmp', 'tcp', 'ip.fragments', 'ipv6.fragment', 'ip.reassembled.length > 50', 'icmp.resp_to', '_ws.malformed', 'tcp.stream eq 0']],
  ['mac-names', MAC_NAMES, ['eth.dst == ff:ff:ff:ff:ff:ff', 'eth.src == 52:54:00:12:34:56', 'frame.len > 0']],
  ['linux-guest', LINUX_GUEST, [...FILTERS, 'dhcp.option.dhcp == 5', 'icmp.resp_to', 'http.content_type == "text/plain"', 'dns.flags.rcode == 3', 'ip.src == 10.0.2.0/24 && !tcp', 'eth.dst == ff:ff:ff:ff:ff:ff', 'tcp.flags.fin == 1 || tcp.flags.reset == 1']],
])('PacketTable on %s compared with tshark', (_name, file, filters) => {
  it('gives every row with tshark’s number, relative time, addresses, protocol and length', () => {
    const table = tableOf(file);
    const reference = wiresharkFields(file, ['frame.number', 'frame.time_relative', '_ws.col.Source', '_ws.col.Destination', '_ws.col.Protocol', 'frame.len']);
    expect(table.total).toBe(reference.length);
    const rows = table.rows(0, table.total);
    expect(rows.length).toBe(reference.length);
    rows.forEach((row, index) => {
      const [number, time, source, destination, protocol, length] = reference[index]!;
      expect({ number: row.number, time: row.time.toFixed(6), protocol: row.protocol, length: row.length }).toEqual({ number: Number(number), time: Number(time).toFixed(6), protocol, length: Number(length) });
      // Where there is no IP the columns show MAC addresses, named as Wireshark names them ("RealtekU_12:34:56").
      expect([row.source, row.destination]).toEqual([source, destination]);
      expect(row.colour).toMatch(/^(malformed|tcp-bad|tcp-rst|icmp-error|tcp-syn|arp|icmp|dns|dhcp|http|tls|tcp|udp|other)$/);
    });
  });

  it('gives the same row whichever window is asked for, in any order (state of earlier frames is replayed)', () => {
    const table = tableOf(file);
    const session = DissectionSession.wiresharkDefaults();
    const sequential = framesOf(file).map((frame, index) => dissectFrame(session, frame, index + 1));
    const order = [...sequential.keys()].reverse();
    for (const index of order) {
      const [row] = table.rows(index, 1);
      // What only later frames tell (see 'notes what later frames tell') is left out here.
      const info = row!.info.replace(/ \[Reassembled in #\d+\]$| \(reply in \d+\)$/, '');
      expect(`${row!.number} ${row!.protocol} ${info}`).toBe(`${index + 1} ${sequential[index]!.protocol} ${sequential[index]!.info}`);
    }
  });

  it.each(filters as string[])('filter %s matches as many frames as tshark -Y', async (filter) => {
    const table = tableOf(file);
    const result = await table.setFilter(filter);
    expect(result).toEqual({ filter, matched: wiresharkCount(file, filter), total: table.total });
    const numbers = table.rows(0, result.matched).map((row) => row.number);
    expect(numbers).toEqual(wiresharkFields(file, ['frame.number'], filter).map(([number]) => Number(number)));
  });
});

describe.each([
  ['ip-fragments', IP_FRAGMENTS],
  ['dhcp-vlan', DHCP_VLAN],
  ['icmpv6', ICMPV6],
  ['linux-guest', LINUX_GUEST],
])('PacketTable on %s against tshark’s second pass (-2)', (_name, file) => {
  it('notes what later frames tell: the frame that put a datagram together, an echo request’s reply', () => {
    const table = tableOf(file);
    const reference = tool('tshark', ['-2', '-r', file, '-T', 'fields', '-e', '_ws.col.Info']).split('\n').slice(0, -1);
    expect(reference.some((info) => /\[Reassembled in #\d+\]$| \(reply in \d+\)$/.test(info))).toBe(true);
    const rows = table.rows(0, table.total);
    expect(rows.map((row) => `${row.number} ${row.info}`)).toEqual(reference.map((info, index) => `${index + 1} ${info}`));
    // And in the tree, with the filter that goes there.
    for (const row of rows) {
      const note = /\[Reassembled in #(\d+)\]$| \(reply in (\d+)\)$/.exec(row.info);
      if (!note) continue;
      const lines = JSON.stringify(table.detail(row.number).tree);
      expect(lines).toContain(note[1] ? `in frame: ${note[1]}]` : `[Response frame: ${note[2]}]`);
      expect(lines).toContain(`frame.number == ${note[1] ?? note[2]}`);
    }
  });
});

describe('PacketTable', () => {
  it('colours rows by rule: bad TCP, SYN/FIN, DNS, HTTP, TLS, ICMP errors, plain TCP, malformed', () => {
    const colours = tableOf(LOOPBACK).rows(0, 31).map((row) => row.colour);
    expect(colours.slice(0, 11)).toEqual(['dns', 'dns', 'dns', 'dns', 'dns', 'icmp-error', 'udp', 'icmp-error', 'tcp-syn', 'tcp-syn', 'tcp']);
    expect([colours[11], colours[15], colours[21], colours[23]]).toEqual(['http', 'tcp-syn', 'tls', 'tls']);
    const synthetic = tableOf(SYNTHETIC).rows(0, 16);
    expect(synthetic.filter((row) => row.colour === 'malformed').map((row) => row.number)).toEqual([13, 15]);
    expect(synthetic.filter((row) => row.protocol === 'ARP').every((row) => row.colour === 'arp')).toBe(true);
    // Wireshark's "Bad TCP": analysis notes other than window updates and keep-alives; the tshark filter of that rule.
    const analysed = tableOf(TCP_ANALYSIS).rows(0, 100);
    const bad = analysed.filter((row) => row.colour === 'tcp-bad').length;
    expect(bad).toBe(wiresharkCount(TCP_ANALYSIS, 'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack'));
    expect(bad).toBeGreaterThan(5);
  });

  it('rejects a filter that does not compile with the 1-based column of the mistake, keeping the previous one', async () => {
    const table = tableOf(LOOPBACK);
    await table.setFilter('dns');
    const error = await table.setFilter('tcp.port == && udp').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PacketFilterError);
    expect((error as PacketFilterError).column).toBe(13);
    expect((error as PacketFilterError).message).toMatch(/expected a value/);
    await expect(table.setFilter('ip.adr == 1.2.3.4')).rejects.toMatchObject({ column: 1 });
    expect(table.currentFilter).toBe('dns');
    expect(table.matched).toBe(wiresharkCount(LOOPBACK, 'dns'));
    expect(await table.setFilter('   ')).toEqual({ filter: '', matched: 31, total: 31 });
  });

  it('shows a message spanning segments in its last segment, naming them all, and each earlier one as a segment', () => {
    const table = tableOf(HTTP_REASSEMBLY);
    const whole = table.detail(10);
    expect(whole.tree.map((node) => node.label.split(',')[0])).toEqual(['Frame 10: 562 bytes on wire', 'Ethernet II', 'Internet Protocol Version 4', 'Transmission Control Protocol', '[3 Reassembled TCP Segments (2508 bytes): #7(1000)', 'Hypertext Transfer Protocol']);
    expect(whole.tree[4]!.label).toBe('[3 Reassembled TCP Segments (2508 bytes): #7(1000), #8(1000), #10(508)]');
    const part = table.detail(8);
    expect(part.tree.at(-1)!.label.split(',')[0]).toBe('Transmission Control Protocol');
    expect(part.tree.at(-1)!.children!.at(-1)).toEqual({ label: 'TCP segment data (1000 bytes)', start: 54, length: 1000 });
    expect(table.rows(6, 4).map((row) => [row.number, row.protocol, row.colour])).toEqual([[7, 'TCP', 'tcp'], [8, 'TCP', 'tcp'], [9, 'TCP', 'tcp-bad'], [10, 'HTTP', 'http']]);
  });

  it('gives a frame’s detail tree, its bytes and the filter of its conversation', async () => {
    const table = tableOf(LOOPBACK);
    const frames = framesOf(LOOPBACK);
    const http = table.detail(12);
    expect(http.number).toBe(12);
    expect(Buffer.from(http.bytes, 'base64').equals(frames[11]!.data)).toBe(true);
    expect(http.tree.map((node) => node.label.split(',')[0])).toEqual(['Frame 12: 136 bytes on wire', 'Ethernet II', 'Internet Protocol Version 4', 'Transmission Control Protocol', 'Hypertext Transfer Protocol']);
    expect(http.tree[3]!.children!.find((node) => node.label.startsWith('Sequence Number:'))!.label).toBe('Sequence Number: 1    (relative sequence number)');
    expect(http.streamFilter).toBe('tcp.stream eq 0');
    const dns = table.detail(2);
    expect(dns.streamFilter).toMatch(/^ip\.addr eq 127\.0\.0\.1 and ip\.addr eq 127\.0\.0\.1 and udp\.port eq \d+ and udp\.port eq \d+$/);
    for (const filter of [http.streamFilter!, dns.streamFilter!]) expect((await table.setFilter(filter)).matched).toBe(wiresharkCount(LOOPBACK, filter));
    expect(table.detail(6).streamFilter).toBeUndefined();
    expect(() => table.detail(32)).toThrow(/There is no frame 32: the capture has 31 frames/);
    expect(() => table.detail(0)).toThrow(/no frame 0/);
  });

  it.each([
    [LOOPBACK, [[12, 'tcp', 0], [22, 'tcp', 1], [1, 'udp', 0]]],
    // The guest: its HTTP and TLS connections, and the DNS conversation (udp.stream 2 after two DHCP ones).
    [LINUX_GUEST, [[21, 'tcp', 0], [31, 'tcp', 1], [14, 'udp', 2], [2, 'udp', 1]]],
  ] as const)('follows TCP streams and UDP conversations of %s exactly as tshark does', (file, cases) => {
    const table = tableOf(file);
    for (const [number, protocol, stream] of cases) {
      const ours = table.followStream(number);
      const theirs = tsharkFollow(file, protocol, stream);
      expect(ours.protocol).toBe(protocol);
      expect([ours.client, ours.server]).toEqual([theirs.client, theirs.server]);
      const join = (fromClient: boolean, turns: { fromClient: boolean; hex: string }[]) => turns.filter((turn) => turn.fromClient === fromClient).map((turn) => turn.hex).join('');
      const mine = ours.segments.map((segment) => ({ fromClient: segment.fromClient, hex: Buffer.from(segment.bytes, 'base64').toString('hex') }));
      expect(join(true, mine)).toBe(join(true, theirs.turns));
      expect(join(false, mine)).toBe(join(false, theirs.turns));
    }
  });

  it('follows a stream segment by segment, and refuses a frame that belongs to none', () => {
    const table = tableOf(LOOPBACK);
    expect(table.followStream(12).segments.map((segment) => segment.number)).toEqual([12, 14]);
    expect(() => table.followStream(6)).toThrow(/not part of a TCP or UDP conversation/);
  });

  it('puts TCP segments back in order and drops retransmissions when following', () => {
    const frames = framesOf(LOOPBACK);
    const table = new PacketTable();
    // The TLS stream with its data segments swapped and one sent twice.
    for (const index of [16, 17, 18, 23, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]) table.append(frames[index]!);
    const followed = table.followStream(1);
    const reference = tableOf(LOOPBACK).followStream(22);
    const bytes = (result: typeof followed, fromClient: boolean) => result.segments.filter((segment) => segment.fromClient === fromClient).map((segment) => Buffer.from(segment.bytes, 'base64').toString('hex')).join('');
    expect(bytes(followed, false)).toBe(bytes(reference, false));
    expect(bytes(followed, true)).toBe(bytes(reference, true));
  });

  it('exports all frames or the filtered ones as pcapng and pcap that tshark reads back', async () => {
    const table = tableOf(LOOPBACK, SYNTHETIC);
    const all = path.join(work, 'all.pcapng');
    expect(await table.export(all, 'pcapng', false)).toMatchObject({ frames: 49 });
    expect(wiresharkFields(all, ['frame.len']).length).toBe(49);
    expect(wiresharkFields(all, ['_ws.col.Protocol'])).toEqual([...wiresharkFields(LOOPBACK, ['_ws.col.Protocol']), ...wiresharkFields(SYNTHETIC, ['_ws.col.Protocol'])]);
    await table.setFilter('dns || arp');
    const some = path.join(work, 'some.pcap');
    const written = await table.export(some, 'pcap', true);
    expect(written.frames).toBe(wiresharkCount(LOOPBACK, 'dns || arp') + wiresharkCount(SYNTHETIC, 'dns || arp'));
    expect(wiresharkCount(some, 'dns || arp')).toBe(written.frames);
    expect(wiresharkFields(some, ['frame.len']).length).toBe(written.frames);
    const reread = framesOf(some);
    expect(reread[0]!.data.equals(framesOf(LOOPBACK)[0]!.data)).toBe(true);
  });

  it('matches frames appended while a filter is set, and announces each new matching row once', async () => {
    const frames = framesOf(LOOPBACK);
    const table = new PacketTable();
    for (const frame of frames.slice(0, 10)) table.append(frame);
    await table.setFilter('tcp');
    expect(table.takeNewRows(500)).toEqual([]);
    for (const frame of frames.slice(10)) table.append(frame);
    const fresh = table.takeNewRows(500);
    expect(fresh.map((row) => row.number)).toEqual(wiresharkFields(LOOPBACK, ['frame.number'], 'tcp').map(([number]) => Number(number)).filter((number) => number > 10));
    expect(table.takeNewRows(500)).toEqual([]);
    expect(table.matched).toBe(wiresharkCount(LOOPBACK, 'tcp'));
  });

  it('lets a later filter replace a scan still running; both answers describe the later filter', async () => {
    const table = new PacketTable();
    for (let round = 0; round < 600; round++) readCaptureFile(LOOPBACK, (frame) => table.append(frame));
    const first = table.setFilter('udp');
    const second = table.setFilter('tcp.stream eq 1');
    expect(await first).toEqual(await second);
    // Each round's SYNs repeat the first round's sequence numbers: retransmissions in the same three streams, as tshark sees them.
    expect((await second).matched).toBe(600 * wiresharkCount(LOOPBACK, 'tcp.stream eq 1'));
  });

  it('holds 300k frames compactly: bytes in slabs and typed arrays, no object per frame', () => {
    const frames = framesOf(LOOPBACK);
    const before = process.memoryUsage().heapUsed;
    const table = new PacketTable();
    for (let index = 0; index < 300_000; index++) table.append(frames[index % frames.length]!);
    const heapGrowth = process.memoryUsage().heapUsed - before;
    expect(table.total).toBe(300_000);
    // Frame bytes live in off-heap slabs; what the heap holds is per stream, not per frame.
    expect(heapGrowth / 300_000).toBeLessThan(40);
    expect(table.byteSize / 300_000).toBeLessThan(300);
    expect(table.rows(299_999, 5).map((row) => row.number)).toEqual([300_000]);
  }, 60_000);
});
