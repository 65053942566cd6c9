// DNS over TCP (port 53): the messages of a segment, each behind its two-byte length, put together across segments as
// tshark does ("[TCP segment of a reassembled PDU]" on the segments before the one that completes a message).
import { dissectDns } from './dns';
import type { DetailNode, Dissection } from './dissection';
import { DNS_HEADER, type DnsTcpSegmentOutcome } from './dns-tcp-reassembly';

/**
 * Dissects the messages the reassembly says end in this segment (`outcome` undefined: the segment's own whole
 * messages). False when the payload holds no DNS message at all: the caller then reads it as it would any payload.
 */
export function dissectDnsOverTcp(d: Dissection, outcome: DnsTcpSegmentOutcome | undefined, tcpTree: DetailNode[] | undefined, tcpInfo: string, offset: number, end: number): boolean {
  if (outcome === undefined) return dissectWholeMessages(d, offset, end);
  if (outcome.kind !== 'messages') {
    if (outcome.kind === 'inside') d.columns('TCP', `${tcpInfo} [TCP segment of a reassembled PDU]`);
    if (tcpTree) d.item(tcpTree, outcome.kind === 'inside' ? `TCP segment data (${end - offset} bytes)` : `Retransmitted TCP segment data (${end - offset} bytes)`, offset, end - offset);
    return true;
  }
  for (const message of outcome.messages) {
    if ('at' in message) {
      dissectDns(d, offset + message.at + 2, offset + message.at + 2 + message.length, 'DNS', { lengthAt: offset + message.at });
      continue;
    }
    const here = message.segments.at(-1)!.length;
    if (d.tree) {
      const total = message.segments.reduce((sum, segment) => sum + segment.length, 0);
      d.item(d.tree, `[${message.segments.length} Reassembled TCP Segments (${total} bytes): ${message.segments.map((segment) => `#${segment.frame}(${segment.length})`).join(', ')}]`, offset, here);
    }
    dissectDns(d, 0, message.body.length, 'DNS', { lengthAt: offset, reassembled: message.body, shownEnd: offset + here });
  }
  return true;
}

/** The common case, nothing open on either side: every message is whole in the segment. */
function dissectWholeMessages(d: Dissection, offset: number, end: number): boolean {
  let at = offset;
  let found = false;
  while (end - at >= 2 + DNS_HEADER) {
    const length = d.data.readUInt16BE(at);
    if (length < DNS_HEADER || at + 2 + length > end) break;
    dissectDns(d, at + 2, at + 2 + length, 'DNS', { lengthAt: at });
    found = true;
    at += 2 + length;
  }
  return found;
}
