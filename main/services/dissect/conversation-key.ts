// Which conversation state a frame may touch, as one number: frames that can share TCP stream or ICMP echo state, or
// fragments of one IP datagram, always get the same key, so dissecting each key's frames in order on its own session
// gives the lines one session would.
import { BSD_IPV6_FAMILIES, bsdLoopbackFamily, LINKTYPE_ETHERNET, LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_LOOP, LINKTYPE_NULL, LINKTYPE_RAW } from './link-types';

/** The frame touches no state kept between frames (UDP, ARP, DHCP...): any session may dissect it. */
export const STATELESS = -1;

/**
 * Set by conversationKeyOf for the first fragment of an IPv4 datagram carrying TCP (else STATELESS): the key its later
 * fragments get, which must go where the TCP conversation (the returned key) goes. See ConversationPartition.join.
 */
export let firstFragmentDatagramKey = STATELESS;

const TCP = 6;
const ICMP = 1;
const ICMPV6 = 58;
/** Keeps the key of a TCP datagram's fragments apart from conversations' keys. */
const FRAGMENT_SALT = 44;

/**
 * A non-negative key, or STATELESS. The rules mirror the dissectors' paths to their state and err towards a key: a
 * frame the dissector will treat as stateless may get one (it is then only kept with others), never the reverse.
 * - IPv4 TCP: the two endpoints (address and port), in either order; the TCP dissector keys its streams so.
 * - IPv4 ICMP, and all IPv6 that may carry TCP or ICMPv6: the two addresses in either order (echo requests and replies
 *   are paired by their peers; IPv6 TCP is kept by address pair, since its ports may sit behind extension headers;
 *   IPv6 fragments are put together per address pair, so they stay together too).
 * - IPv4 fragments (put together per datagram): ICMP's by the ICMP key, others by the address pair; TCP's by their
 *   datagram (source, destination, identification), its first fragment by the TCP endpoints, with the datagram key
 *   in firstFragmentDatagramKey.
 */
export function conversationKeyOf(bytes: Uint8Array, linkType: number): number {
  firstFragmentDatagramKey = STATELESS;
  const end = bytes.length;
  switch (linkType) {
    case LINKTYPE_ETHERNET: {
      if (end < 14) return STATELESS;
      let type = (bytes[12]! << 8) | bytes[13]!;
      let at = 14;
      while (type === 0x8100 || type === 0x88a8 || type === 0x9100) {
        if (end - at < 4) return STATELESS;
        type = (bytes[at + 2]! << 8) | bytes[at + 3]!;
        at += 4;
      }
      return etherTypeKey(bytes, type, at);
    }
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP: {
      if (end < 4) return STATELESS;
      const family = bsdLoopbackFamily(bytes, 0, linkType === LINKTYPE_LOOP);
      if (family === 2) return ipv4Key(bytes, 4);
      return BSD_IPV6_FAMILIES.has(family) ? ipv6Key(bytes, 4) : STATELESS;
    }
    case LINKTYPE_LINUX_SLL:
      return end < 16 ? STATELESS : etherTypeKey(bytes, (bytes[14]! << 8) | bytes[15]!, 16);
    case LINKTYPE_LINUX_SLL2:
      return end < 20 ? STATELESS : etherTypeKey(bytes, (bytes[0]! << 8) | bytes[1]!, 20);
    case LINKTYPE_RAW:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
      return end > 0 && bytes[0]! >> 4 === 6 ? ipv6Key(bytes, 0) : ipv4Key(bytes, 0);
    default:
      return STATELESS;
  }
}

function etherTypeKey(bytes: Uint8Array, type: number, at: number): number {
  if (type === 0x0800) return ipv4Key(bytes, at);
  if (type === 0x86dd) return ipv6Key(bytes, at);
  return STATELESS;
}

function ipv4Key(bytes: Uint8Array, at: number): number {
  if (bytes.length - at < 20) return STATELESS;
  const protocol = bytes[at + 9]!;
  const flagsAndOffset = (bytes[at + 6]! << 8) | bytes[at + 7]!;
  const fragment = (flagsAndOffset & 0x3fff) !== 0;
  if (protocol !== TCP && protocol !== ICMP && !fragment) return STATELESS;
  const source = word(bytes, at + 12);
  const destination = word(bytes, at + 16);
  if (protocol === ICMP) return pairKey(source, destination, ICMP);
  if (protocol !== TCP) return pairKey(source, destination, protocol);
  if (fragment) {
    // Not symmetric: a datagram's fragments all travel one way.
    const datagram = pairKey(source, Math.imul(destination, 0x9e3779b1) ^ ((bytes[at + 4]! << 8) | bytes[at + 5]!), FRAGMENT_SALT);
    if ((flagsAndOffset & 0x1fff) !== 0) return datagram;
    firstFragmentDatagramKey = datagram;
  }
  const headerLength = (bytes[at]! & 0x0f) * 4;
  const ports = at + headerLength;
  // Without both ports the TCP dissector keeps no state (it needs a whole 20-byte header).
  if (headerLength < 20 || ports + 4 > bytes.length) return STATELESS;
  return pairKey(endpoint(source, (bytes[ports]! << 8) | bytes[ports + 1]!), endpoint(destination, (bytes[ports + 2]! << 8) | bytes[ports + 3]!), TCP);
}

function ipv6Key(bytes: Uint8Array, at: number): number {
  if (bytes.length - at < 40 || bytes[at]! >> 4 !== 6) return STATELESS;
  const next = bytes[at + 6]!;
  // Behind extension headers (hop-by-hop, routing, fragment, destination options) may be TCP or ICMPv6.
  if (next !== TCP && next !== ICMPV6 && next !== 0 && next !== 43 && next !== 44 && next !== 60) return STATELESS;
  const source = fold(bytes, at + 8);
  const destination = fold(bytes, at + 24);
  return pairKey(source, destination, ICMPV6);
}

function word(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
}

/** An IPv6 address's four words mixed into one. */
function fold(bytes: Uint8Array, at: number): number {
  let hash = 0;
  for (let index = 0; index < 16; index += 4) hash = Math.imul(hash ^ word(bytes, at + index), 0x9e3779b1);
  return hash;
}

function endpoint(address: number, port: number): number {
  return Math.imul(address ^ port, 0x85ebca6b) ^ port;
}

/** The same for (a, b) and (b, a); `salt` keeps TCP and ICMP between the same peers apart. Collisions only join conversations. */
function pairKey(a: number, b: number, salt: number): number {
  const low = (a >>> 0) < (b >>> 0) ? a : b;
  const high = low === a ? b : a;
  let hash = Math.imul(low ^ salt, 0xcc9e2d51);
  hash = Math.imul((hash << 15) | (hash >>> 17), 0x1b873593) ^ high;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 1;
}
