// Pairs ICMP echo replies with their requests as tshark does in one pass: same peers, id, sequence number and payload.
import type { Dissection } from './dissection';

/** Where the ICMP dissector notes requests and finds the request a reply answers (live, or recorded when dissecting again). */
export interface IcmpEchoLookup {
  request(key: string, frameNumber: number): void;
  /** The frame number of the request a reply answers, or 0 when none was seen. */
  requestOf(key: string): number;
}

export class IcmpEchoTable implements IcmpEchoLookup {
  private readonly requests = new Map<string, number>();

  request(key: string, frameNumber: number): void {
    this.requests.set(key, frameNumber);
  }

  requestOf(key: string): number {
    return this.requests.get(key) ?? 0;
  }
}

/**
 * One pass, like tshark -r: a request is noted; a reply names its request (its Info suffix, and `responseField`), a
 * request cannot know its reply yet. `key(requester, responder)` makes the echo's key from its two ends.
 */
export function pairEcho(d: Dissection, isRequest: boolean, source: string, destination: string, key: (requester: string, responder: string) => string, responseField: string): string {
  if (isRequest) {
    d.session.icmpEchoes.request(key(source, destination), d.frameNumber);
    return '';
  }
  const request = d.session.icmpEchoes.requestOf(key(destination, source));
  if (request === 0) return '';
  d.field(responseField, request);
  return ` (request in ${request})`;
}

/**
 * The key of an echo: sender, receiver, identifier, sequence and the request's checksum. A reply's checksum is the
 * request's plus 0x0800 (only the type changed), so a reply with a different payload matches nothing, as in Wireshark.
 */
export function icmpEchoKey(requester: string, responder: string, id: number, sequence: number, checksum: number, isReply: boolean): string {
  const requestChecksum = isReply ? onesComplementAdd(checksum, 0xf7ff) : checksum;
  return `${requester}|${responder}|${id}|${sequence}|${requestChecksum}`;
}

/** ICMPv6's echo key: the type goes from 128 to 129, so a reply's checksum is the request's minus 0x0100. */
export function icmpv6EchoKey(requester: string, responder: string, id: number, sequence: number, checksum: number, isReply: boolean): string {
  const requestChecksum = isReply ? onesComplementAdd(checksum, 0x0100) : checksum;
  return `${requester}|${responder}|${id}|${sequence}|${requestChecksum}|6`;
}

function onesComplementAdd(a: number, b: number): number {
  const sum = a + b;
  return (sum & 0xffff) + (sum >>> 16);
}
