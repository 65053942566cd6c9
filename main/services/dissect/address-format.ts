// Text forms of link and network addresses, as Wireshark prints them (MAC with colons, IPv6 compressed per RFC 5952).

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A capture names the same few hosts over and over: each address form keeps its recent texts in a direct-mapped table
 * (slot by hash, the address's bytes beside its text), so a frame's addresses cost a compare, not new strings.
 */
const SLOTS = 1024;

class AddressTexts {
  private readonly keys: Int32Array;
  private readonly texts: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

  constructor(private readonly wordsPerKey: number) {
    this.keys = new Int32Array(SLOTS * wordsPerKey);
  }

  /** The slot for a key of 1, 2 or 4 words (unused words 0); its text when the stored key is the same. */
  find(a: number, b: number, c: number, e: number): number {
    let hash = Math.imul(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b) ^ Math.imul(e, 0xc2b2ae35), 0x27d4eb2d);
    hash ^= hash >>> 15;
    return hash & (SLOTS - 1);
  }

  text(slot: number, a: number, b: number, c: number, e: number): string | undefined {
    const text = this.texts[slot];
    if (text === undefined) return undefined;
    const at = slot * this.wordsPerKey;
    const keys = this.keys;
    if (keys[at] !== a) return undefined;
    if (this.wordsPerKey > 1 && keys[at + 1] !== b) return undefined;
    if (this.wordsPerKey > 2 && (keys[at + 2] !== c || keys[at + 3] !== e)) return undefined;
    return text;
  }

  store(slot: number, a: number, b: number, c: number, e: number, text: string): string {
    const at = slot * this.wordsPerKey;
    this.keys[at] = a;
    if (this.wordsPerKey > 1) this.keys[at + 1] = b;
    if (this.wordsPerKey > 2) {
      this.keys[at + 2] = c;
      this.keys[at + 3] = e;
    }
    this.texts[slot] = text;
    return text;
  }
}

const macTexts = new AddressTexts(2);
const ipv4Texts = new AddressTexts(1);
const ipv6Texts = new AddressTexts(4);

export function formatMac(bytes: Buffer, offset: number): string {
  const a = bytes.readInt32BE(offset);
  const b = bytes.readUInt16BE(offset + 4);
  const slot = macTexts.find(a, b, 0, 0);
  return (
    macTexts.text(slot, a, b, 0, 0) ??
    macTexts.store(slot, a, b, 0, 0, `${HEX[bytes[offset]!]}:${HEX[bytes[offset + 1]!]}:${HEX[bytes[offset + 2]!]}:${HEX[bytes[offset + 3]!]}:${HEX[bytes[offset + 4]!]}:${HEX[bytes[offset + 5]!]}`)
  );
}

export function formatIpv4(bytes: Buffer, offset: number): string {
  const a = bytes.readInt32BE(offset);
  const slot = ipv4Texts.find(a, 0, 0, 0);
  return ipv4Texts.text(slot, a, 0, 0, 0) ?? ipv4Texts.store(slot, a, 0, 0, 0, `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`);
}

export function formatIpv6(bytes: Buffer, offset: number): string {
  const a = bytes.readInt32BE(offset);
  const b = bytes.readInt32BE(offset + 4);
  const c = bytes.readInt32BE(offset + 8);
  const e = bytes.readInt32BE(offset + 12);
  const slot = ipv6Texts.find(a, b, c, e);
  return ipv6Texts.text(slot, a, b, c, e) ?? ipv6Texts.store(slot, a, b, c, e, formatIpv6Uncached(bytes, offset));
}

function formatIpv6Uncached(bytes: Buffer, offset: number): string {
  const words: number[] = [];
  for (let index = 0; index < 8; index++) words.push(bytes.readUInt16BE(offset + index * 2));
  return formatIpv6Words(words);
}

export function formatIpv6Words(words: readonly number[]): string {
  // The longest run of two or more zero words becomes "::" (the first such run on a tie).
  let bestStart = -1;
  let bestLength = 1;
  for (let index = 0; index < 8; ) {
    if (words[index] !== 0) {
      index++;
      continue;
    }
    let end = index;
    while (end < 8 && words[end] === 0) end++;
    if (end - index > bestLength) {
      bestStart = index;
      bestLength = end - index;
    }
    index = end;
  }
  const hex = (list: readonly number[]) => list.map((word) => word.toString(16)).join(':');
  if (bestStart < 0) {
    // Wireshark prints IPv4-mapped addresses with a dotted tail.
    return hex(words);
  }
  const head = hex(words.slice(0, bestStart));
  const tail = words.slice(bestStart + bestLength);
  if (bestStart === 0 && bestLength === 5 && words[5] === 0xffff) return `::ffff:${words[6]! >> 8}.${words[6]! & 0xff}.${words[7]! >> 8}.${words[7]! & 0xff}`;
  return `${head}::${hex(tail)}`;
}
