// Text forms of link and network addresses, as Wireshark prints them (MAC with colons, IPv6 compressed per RFC 5952).

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function formatMac(bytes: Buffer, offset: number): string {
  return `${HEX[bytes[offset]!]}:${HEX[bytes[offset + 1]!]}:${HEX[bytes[offset + 2]!]}:${HEX[bytes[offset + 3]!]}:${HEX[bytes[offset + 4]!]}:${HEX[bytes[offset + 5]!]}`;
}

export function formatIpv4(bytes: Buffer, offset: number): string {
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
}

export function formatIpv6(bytes: Buffer, offset: number): string {
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
