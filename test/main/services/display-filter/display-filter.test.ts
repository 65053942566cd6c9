// Display filters: the same frame counts as `tshark -Y` on the fixtures, and errors that point at the right column.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../../../main/services/capture/capture-file-reader';
import { DissectionSession } from '../../../../main/services/dissect/dissection-session';
import { dissectFrame } from '../../../../main/services/dissect/frame-dissector';
import { compileDisplayFilter } from '../../../../main/services/display-filter/display-filter';
import { LOOPBACK, SYNTHETIC, SYSLOG, tool, tsharkCount } from '../capture/tshark-runner';

const FILTERS = [
  'arp',
  'dns',
  'tcp',
  'udp',
  'icmp',
  'icmpv6',
  'dhcp',
  'bootp',
  'http',
  'tls',
  'ip.addr == 10.0.2.15',
  'ip.addr == 10.0.2.0/24',
  'ip.src == 127.0.0.2',
  'ip.dst == 10.0.2.2 && udp',
  'tcp.port == 80',
  'udp.dstport != 53',
  '!(udp.dstport == 53)',
  'eth.src == 52:54:00:12:34:56',
  'eth.addr == 52-55-0A-00-02-02',
  'frame.len > 100',
  'frame.len <= 66 and not tcp',
  'tcp.flags.syn == 1 and tcp.flags.ack == 0',
  'tcp.seq == 1 || udp.length > 20',
  'dns.qry.name == "example.mirador.test"',
  'dns.qry.name contains "mirador"',
  'dns.a == 10.0.2.15',
  'dns.flags.response == 1',
  'ipv6.addr == fe80::2',
  'ipv6.src == FE80:0:0:0:5054:ff:fe12:3456',
  'icmpv6.type == 135 or icmpv6.type == 136',
  'tls.handshake.extensions_server_name == "mirador.test"',
  'http.request.method == "GET"',
  'vlan.id == 100',
  'ip.flags.mf == 1 || ip.frag_offset > 0',
  '(tcp or udp) and not (dns or http)',
  'tcp.stream eq 1 and tcp.len gt 0',
  'dhcp.option.dhcp == 2',
  'arp.opcode == 1',
  'icmp.type == 3',
  'syslog',
  'syslog.level <= 3',
  'syslog.facility == 1 && syslog.msg contains "mirage"',
  // Wireshark's string escapes: \n, octal and hex bytes.
  'syslog.msg contains "newline\\n"',
  'syslog.msg contains "with \\001 control" || syslog.msg contains "\\x01"',
  'syslog.msg == "Nov 21 17:00:00 unikernel mirage: [INFO] [dhcp] lease 10.0.2.15"',
];

describe('display filters compared with tshark -Y', () => {
  let merged: string;
  beforeAll(() => {
    merged = path.join(mkdtempSync(path.join(os.tmpdir(), 'mirador-filter-')), 'merged.pcapng');
    tool('mergecap', ['-F', 'pcapng', '-w', merged, LOOPBACK, SYNTHETIC, SYSLOG]);
  });

  it.each(FILTERS)('%s', (text) => {
    const compiled = compileDisplayFilter(text);
    if (!compiled.ok) throw new Error(`${compiled.message} at ${compiled.column}`);
    const session = new DissectionSession();
    let count = 0;
    let number = 0;
    const result = readCaptureFile(merged, (frame) => {
      if (compiled.filter.matches(dissectFrame(session, frame, ++number, { fields: compiled.filter.fields }))) count++;
    });
    expect(result.error).toBeUndefined();
    expect(count).toBe(tsharkCount(merged, text));
  });
});

describe('display filter errors', () => {
  it.each([
    ['ip.adr == 10.0.0.1', 1, '"ip.adr" is neither a field nor a protocol name'],
    ['tcp.port == 80 &&', 18, 'the filter ends where a field or protocol was expected'],
    ['ip.addr == 10.0.0.300', 12, '"10.0.0.300" is not a valid IPv4 address'],
    ['(dns or arp', 12, 'expected ")" to close the "(" at column 1'],
    ['udp.port == http', 13, '"http" is not a valid number'],
    ['tcp == 1', 5, '"tcp" is a protocol; it cannot be compared with =='],
    ['dns arp', 5, 'unexpected "arp"; expected "and", "or" or the end'],
    ['eth.src == 52:54:00:12:34', 12, '"52:54:00:12:34" is not a valid Ethernet address'],
    ['frame.len > 1 $', 15, 'unexpected character "$"'],
    ['', 1, 'the filter is empty'],
  ])('%j fails at column %i', (text, column, message) => {
    expect(compileDisplayFilter(text)).toEqual({ ok: false, column, message });
  });
});
