// Statistics › Conversations compared with `tshark -z conv,tcp -z conv,udp`: endpoints, frames and bytes each way,
// relative start and duration; and each conversation's filter shows exactly its frames.
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../../../main/services/capture/capture-file-reader';
import { PacketTable } from '../../../../main/services/packets/packet-table';
import { DNS_TCP, HTTP_VARIANTS, LINUX_GUEST, LOOPBACK, tool, tsharkCount } from '../capture/tshark-runner';

function tableOf(file: string): PacketTable {
  const table = new PacketTable();
  readCaptureFile(file, (frame) => table.append(frame));
  return table;
}

/** tshark's rows: "A <-> B  frames bytes  frames bytes  frames bytes  start  duration" (<- is B to A, -> is A to B). */
function tsharkConversations(file: string): Map<string, { bToA: [number, number]; aToB: [number, number]; start: string; duration: string }> {
  const out = tool('tshark', ['-r', file, '-q', '-z', 'conv,tcp', '-z', 'conv,udp']);
  const rows = new Map<string, { bToA: [number, number]; aToB: [number, number]; start: string; duration: string }>();
  let protocol = '';
  for (const line of out.split('\n')) {
    const heading = /^(TCP|UDP) Conversations/.exec(line);
    if (heading) protocol = heading[1]!.toLowerCase();
    const match = /^(\S+)\s+<->\s+(\S+)\s+(\d+) (\d+) bytes\s+(\d+) (\d+) bytes\s+\d+ \d+ bytes\s+([\d.]+)\s+([\d.]+)$/.exec(line.trim());
    if (match) rows.set(`${protocol} ${match[1]} ${match[2]}`, { bToA: [Number(match[3]), Number(match[4])], aToB: [Number(match[5]), Number(match[6])], start: match[7]!, duration: match[8]! });
  }
  return rows;
}

describe.each([
  ['loopback', LOOPBACK],
  ['http-variants', HTTP_VARIANTS],
  ['dns-tcp', DNS_TCP],
  ['linux-guest (DHCP, DNS, HTTP under QEMU user networking)', LINUX_GUEST],
])('conversations of %s compared with tshark -z conv', (_name, file) => {
  it('lists the same conversations, A being the side that spoke first, with the same counts each way and times', async () => {
    const table = tableOf(file);
    const ours = table.conversationList();
    const theirs = tsharkConversations(file);
    expect(ours.length).toBe(theirs.size);
    for (const conversation of ours) {
      const key = `${conversation.protocol} ${conversation.addressA}:${conversation.portA} ${conversation.addressB}:${conversation.portB}`;
      const reference = theirs.get(key);
      expect(reference, key).toBeDefined();
      expect({ key, aToB: [conversation.framesAToB, conversation.bytesAToB], bToA: [conversation.framesBToA, conversation.bytesBToA] }).toEqual({ key, aToB: reference!.aToB, bToA: reference!.bToA });
      expect(conversation.start.toFixed(6), key).toBe(Number(reference!.start).toFixed(6));
      expect(conversation.duration.toFixed(4), key).toBe(reference!.duration);
    }
    // A conversation's filter shows its frames (and ICMP errors quoting them, as in tshark), and tshark counts the same.
    for (const conversation of ours.slice(0, 3)) {
      await table.setFilter(conversation.filter);
      expect(table.matched, conversation.filter).toBeGreaterThanOrEqual(conversation.framesAToB + conversation.framesBToA);
      expect(tsharkCount(file, conversation.filter), conversation.filter).toBe(table.matched);
    }
  });
});
