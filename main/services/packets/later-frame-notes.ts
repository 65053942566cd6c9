// What a held frame learns only from frames after it, as Wireshark's second pass shows it: the frame that put its IP
// datagram together ("[Reassembled in #3]"), and the reply to its echo request ("(reply in 29)").
import type { PacketDetailNode } from '../../api/packets-protocol';
import type { IpFragmentPart } from '../dissect/ip-reassembly';

export class LaterFrameNotes {
  /** Frame index of a fragment → the number of the frame that completed its datagram, and the IP version. */
  private readonly reassembledIn = new Map<number, { frame: number; version: 4 | 6 }>();
  /** Frame index of an echo request → the number of its first reply. */
  private readonly replyIn = new Map<number, number>();

  /** The frame at `index` completed a datagram of these fragments: each of the others learns where. */
  datagram(index: number, version: 4 | 6, fragments: readonly IpFragmentPart[]): void {
    for (const part of fragments) if (part.frame !== index + 1) this.reassembledIn.set(part.frame - 1, { frame: index + 1, version });
  }

  /** The frame at `index` answers the echo request in frame `requestNumber` (the first answer is the one named). */
  echoReply(index: number, requestNumber: number): void {
    if (!this.replyIn.has(requestNumber - 1)) this.replyIn.set(requestNumber - 1, index + 1);
  }

  /** The Info column with the notes Wireshark adds (tshark -2 prints the same; IPv6 fragments get none there). */
  info(index: number, info: string): string {
    const reassembled = this.reassembledIn.get(index);
    if (reassembled?.version === 4) return `${info} [Reassembled in #${reassembled.frame}]`;
    const reply = this.replyIn.get(index);
    return reply === undefined ? info : `${info} (reply in ${reply})`;
  }

  /** Adds the tree lines: "[Reassembled IPv4 in frame: 3]" under IP, "[Response frame: 29]" under ICMP. */
  addTreeLines(index: number, tree: PacketDetailNode[]): void {
    const reassembled = this.reassembledIn.get(index);
    if (reassembled) {
      const layer = tree.find((node) => node.filter === (reassembled.version === 4 ? 'ip' : 'ipv6'));
      layer?.children?.push({ label: `[Reassembled IPv${reassembled.version} in frame: ${reassembled.frame}]`, start: layer.start, length: 0, filter: `frame.number == ${reassembled.frame}` });
    }
    const reply = this.replyIn.get(index);
    if (reply !== undefined) {
      const layer = tree.find((node) => node.filter === 'icmp' || node.filter === 'icmpv6');
      layer?.children?.push({ label: `[Response frame: ${reply}]`, start: layer.start, length: 0, filter: `frame.number == ${reply}` });
    }
  }
}
