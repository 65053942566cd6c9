// "Follow Stream": a conversation's payload in order by direction — TCP by sequence number (retransmissions dropped), UDP as sent.
import type { FollowStreamResult, FollowStreamSegment } from '../../api/packets-protocol';
import type { CaptureFrame } from '../capture/capture-frame';
import type { TransportLocation } from './transport-locator';

export interface ConversationFrame {
  /** 1-based frame number. */
  number: number;
  frame: CaptureFrame;
  location: TransportLocation;
}

interface Direction {
  /** Next raw sequence number expected; undefined until the first segment (or SYN) sets it. */
  next: number | undefined;
  /** Segments that arrived ahead of a gap, by raw sequence number. */
  waiting: Map<number, { number: number; bytes: Buffer }>;
}

const SYN = 0x02;

export function followConversation(frames: readonly ConversationFrame[], filter: string): FollowStreamResult | undefined {
  const first = frames[0];
  if (!first) return undefined;
  const { location } = first;
  // The client is whoever sent the SYN without ACK, else whoever spoke first.
  const opener = frames.find((entry) => entry.location.protocol === 'tcp' && (entry.location.flags & 0x12) === SYN) ?? first;
  const client = endpoint(opener.location, 'source');
  const server = endpoint(opener.location, 'destination');
  const segments: FollowStreamSegment[] = [];
  if (location.protocol === 'udp') {
    for (const entry of frames) {
      const payload = entry.frame.data.subarray(entry.location.payloadStart, entry.location.payloadEnd);
      if (payload.length > 0) segments.push({ fromClient: endpoint(entry.location, 'source') === client, bytes: payload.toString('base64'), number: entry.number });
    }
    return { protocol: 'udp', client, server, filter, segments };
  }
  const directions = new Map<string, Direction>();
  for (const entry of frames) {
    const from = endpoint(entry.location, 'source');
    let direction = directions.get(from);
    if (!direction) directions.set(from, (direction = { next: undefined, waiting: new Map() }));
    const { seq, flags, payloadStart, payloadEnd } = entry.location;
    if (flags & SYN) {
      direction.next = (seq + 1) >>> 0;
      continue;
    }
    const payload = entry.frame.data.subarray(payloadStart, payloadEnd);
    if (payload.length === 0) continue;
    const fromClient = from === client;
    direction.next ??= seq;
    direction.waiting.set(seq, { number: entry.number, bytes: payload });
    drain(direction, (bytes, number) => segments.push({ fromClient, bytes: bytes.toString('base64'), number }));
  }
  return { protocol: 'tcp', client, server, filter, segments };
}

/** Emits whatever now continues the stream: new bytes only, overlaps trimmed, old retransmissions dropped. */
function drain(direction: Direction, emit: (bytes: Buffer, number: number) => void): void {
  for (let progress = true; progress; ) {
    progress = false;
    for (const [seq, segment] of direction.waiting) {
      const next = direction.next!;
      // Signed distance on the 32-bit sequence circle.
      const ahead = (seq - next) | 0;
      const end = (ahead + segment.bytes.length) | 0;
      if (end <= 0) {
        direction.waiting.delete(seq);
        progress = true;
      } else if (ahead <= 0) {
        emit(segment.bytes.subarray(-ahead), segment.number);
        direction.next = (next + end) >>> 0;
        direction.waiting.delete(seq);
        progress = true;
      }
    }
  }
}

function endpoint(location: TransportLocation, side: 'source' | 'destination'): string {
  const address = side === 'source' ? location.source : location.destination;
  const port = side === 'source' ? location.sourcePort : location.destinationPort;
  return location.ipVersion === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}
