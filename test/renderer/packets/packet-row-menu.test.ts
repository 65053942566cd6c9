// A packet row's menu built from real dissections: address, protocol and conversation filters that tshark agrees on.
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../../main/services/capture/capture-file-reader';
import { PacketTable } from '../../../main/services/packets/packet-table';
import { packetRowMenuItems, type PacketRowAction } from '../../../renderer/src/packets/packet-row-menu';
import { LOOPBACK, SYNTHETIC, tsharkCount } from '../../main/services/capture/tshark-runner';

function tableOf(file: string): PacketTable {
  const table = new PacketTable();
  readCaptureFile(file, (frame) => table.append(frame));
  return table;
}

function menuOf(table: PacketTable, protocol: string) {
  const row = table.rows(0, table.total).find((candidate) => candidate.protocol === protocol)!;
  const items = packetRowMenuItems(row, table.detail(row.number));
  return { row, items, filter: (label: string) => (items.find((item) => item.label === label)?.value as Extract<PacketRowAction, { kind: 'apply' }> | undefined)?.filter };
}

describe('packetRowMenuItems', () => {
  it('an HTTP row: its addresses, protocol, IPv4 and TCP conversations, Follow and Copy', async () => {
    const table = tableOf(LOOPBACK);
    const { row, items, filter } = menuOf(table, 'HTTP');
    expect(items.map((item) => item.label)).toEqual([
      'Apply as Filter: Source',
      'Apply as Filter: Destination',
      'Apply as Filter: Protocol',
      'Conversation Filter: IPv4',
      'Conversation Filter: TCP',
      'Follow TCP/UDP Stream',
      'Copy Summary as Text',
    ]);
    expect(filter('Apply as Filter: Source')).toBe('ip.src == 127.0.0.1');
    expect(filter('Apply as Filter: Protocol')).toBe('http');
    expect(filter('Conversation Filter: IPv4')).toBe('ip.addr == 127.0.0.1 && ip.addr == 127.0.0.1');
    expect(filter('Conversation Filter: TCP')).toMatch(/^tcp\.stream eq \d+$/);
    expect(items.at(-1)!.value).toEqual({ kind: 'copy', text: `${row.number}\t${row.time.toFixed(6)}\t127.0.0.1\t127.0.0.1\tHTTP\t${row.length}\t${row.info}` });
    // tshark keeps the row under each filter, and the protocol filter finds as many frames as ours.
    for (const label of ['Apply as Filter: Source', 'Apply as Filter: Protocol', 'Conversation Filter: TCP']) {
      const text = filter(label)!.replace(' eq ', ' == ');
      expect(tsharkCount(LOOPBACK, `frame.number == ${row.number} && (${text})`), label).toBe(1);
      await table.setFilter(text);
      expect(table.matched, label).toBe(tsharkCount(LOOPBACK, text));
    }
  });

  it('an ARP row: MAC addresses (it has no IP), its protocol, no conversation to follow', () => {
    const { items, filter } = menuOf(tableOf(SYNTHETIC), 'ARP');
    expect(filter('Apply as Filter: Source')).toBe('eth.src == 52:54:00:12:34:56');
    expect(filter('Apply as Filter: Protocol')).toBe('arp');
    expect(items.map((item) => item.label)).not.toContain('Follow TCP/UDP Stream');
    expect(items.map((item) => item.label)).not.toContain('Conversation Filter: IPv4');
  });

  it('an ICMP echo row: its protocol is icmp, not the data its payload is shown as', () => {
    const { filter } = menuOf(tableOf(SYNTHETIC), 'ICMP');
    expect(filter('Apply as Filter: Protocol')).toBe('icmp');
  });

  it('a DNS row over UDP: the UDP conversation', () => {
    const { filter } = menuOf(tableOf(LOOPBACK), 'DNS');
    expect(filter('Apply as Filter: Protocol')).toBe('dns');
    expect(filter('Conversation Filter: UDP')).toMatch(/udp\.port/);
  });
});
