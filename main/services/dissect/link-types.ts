// The pcap link-layer types Mirador dissects (LINKTYPE_* of tcpdump.org), shared by the dissector and the conversation key.
export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;

/** 802.1Q, 802.1ad and the old QinQ type: a tag follows, then the inner EtherType. */
export const VLAN_ETHER_TYPES = new Set([0x8100, 0x88a8, 0x9100]);

/** AF_INET6 in a BSD loopback header differs by system: 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS). */
export const BSD_IPV6_FAMILIES = new Set([24, 28, 30]);

/** A BSD loopback header's address family: LOOP writes it big-endian, NULL in the capturing host's order (read swapped when only that makes sense). */
export function bsdLoopbackFamily(bytes: Uint8Array, offset: number, networkOrder: boolean): number {
  const bigEndian = ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
  if (networkOrder) return bigEndian;
  const littleEndian = ((bytes[offset + 3]! << 24) | (bytes[offset + 2]! << 16) | (bytes[offset + 1]! << 8) | bytes[offset]!) >>> 0;
  return littleEndian > 0xffff ? bigEndian : littleEndian;
}
