// IPv4 and IPv6 fragments put together as tshark does in its one pass (ip.defragment and ipv6.defragment on, its defaults).
// A datagram's fragments are kept in offset order until the one that ends it has come and no byte before it is missing;
// that frame shows the whole datagram, the others only their fragment. Overlaps are allowed (later offsets win, as in
// Wireshark's reassembly), and a datagram once put together is forgotten, so its identification may be used again.

/** One fragment of a datagram put together: the frame it came in, and where its bytes go. */
export interface IpFragmentPart {
  frame: number;
  offset: number;
  length: number;
}

/** The datagram a fragment completes: its bytes, and every fragment's part in it. */
export interface IpDatagram {
  payload: Buffer;
  fragments: IpFragmentPart[];
}

/**
 * Where the IPv4 and IPv6 dissectors learn what a fragment completes (live, or recorded when a frame is dissected
 * again). Named `segment` as the TCP reassembly tables' method is, so the Packets panel records and replays it the same way.
 */
export interface IpReassemblyLookup {
  /**
   * One fragment, [start, end) of `bytes`, at byte `offset` of its datagram; `more`: more fragments follow it. `key`
   * names the datagram: addresses, protocol and identification (bytes may be reused buffers: they are copied).
   * Undefined: the datagram is not whole yet.
   */
  segment(key: string, bytes: Buffer, start: number, end: number, offset: number, more: boolean, frameNumber: number): IpDatagram | undefined;
}

/**
 * A datagram being put together. Its fragments are kept without an object each (four numbers, and their bytes in one
 * buffer): objects that live across many frames make V8 grow its young generation, which costs more memory than they hold.
 */
interface OpenDatagram {
  /** Per fragment, in offset order (after those with the same offset): frame, offset, length, start of its bytes in `bytes`. */
  parts: number[];
  /** The fragments' bytes, in the order they came. */
  bytes: Buffer;
  used: number;
  /** The datagram's length, once a last fragment (no more fragments) has come; -1 before. */
  length: number;
}

const FIELDS = 4;
/** Open datagrams past this many are dropped oldest first: a capture of lost fragments must not grow without end. */
const MAX_OPEN_DATAGRAMS = 4096;
/**
 * A datagram holding this many fragments and still not whole is dropped (the next fragment starts it again): 64 KiB in
 * 1480-byte fragments is 45 of them, so only a datagram sent over and over without its end gets here.
 */
const MAX_FRAGMENTS = 256;
const NO_BYTES = Buffer.alloc(0);

export class IpFragmentTable implements IpReassemblyLookup {
  /** Datagrams not whole yet, by key; one put together leaves (a later one with its key starts afresh). */
  private readonly open = new Map<string, OpenDatagram>();

  segment(key: string, bytes: Buffer, start: number, end: number, offset: number, more: boolean, frameNumber: number): IpDatagram | undefined {
    let datagram = this.open.get(key);
    if (!datagram) {
      if (this.open.size >= MAX_OPEN_DATAGRAMS) this.open.delete(this.open.keys().next().value!);
      datagram = { parts: [], bytes: NO_BYTES, used: 0, length: -1 };
      this.open.set(key, datagram);
    } else if (datagram.parts.length >= MAX_FRAGMENTS * FIELDS) {
      // Started again in place: the entry and its buffers stay, nothing is allocated for it.
      datagram.parts.length = 0;
      datagram.used = 0;
      datagram.length = -1;
    }
    const length = end - start;
    if (datagram.used + length > datagram.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(datagram.used + length, datagram.bytes.length * 2, 256));
      datagram.bytes.copy(grown, 0, 0, datagram.used);
      datagram.bytes = grown;
    }
    bytes.copy(datagram.bytes, datagram.used, start, end);
    // The first last fragment sets the length; another with a different end does not change it (Wireshark's "multiple tails").
    if (!more && datagram.length < 0) datagram.length = offset + length;
    const parts = datagram.parts;
    let at = parts.length;
    while (at > 0 && parts[at - FIELDS + 1]! > offset) at -= FIELDS;
    parts.splice(at, 0, frameNumber, offset, length, datagram.used);
    datagram.used += length;
    if (datagram.length < 0 || coveredLength(parts) < datagram.length) return undefined;
    this.open.delete(key);
    return { payload: assemble(datagram), fragments: fragmentsOf(parts) };
  }
}

/** How far from byte 0 the fragments cover without a gap. */
function coveredLength(parts: readonly number[]): number {
  let covered = 0;
  for (let at = 0; at < parts.length; at += FIELDS) {
    const offset = parts[at + 1]!;
    const end = offset + parts[at + 2]!;
    if (offset <= covered && end > covered) covered = end;
  }
  return covered;
}

/** The datagram's bytes: each fragment written at its offset in offset order (so a later offset wins an overlap), cut at its length. */
function assemble(datagram: OpenDatagram): Buffer {
  // Every byte is written (the fragments cover the datagram without a gap).
  const payload = Buffer.allocUnsafe(datagram.length);
  const parts = datagram.parts;
  for (let at = 0; at < parts.length; at += FIELDS) {
    const offset = parts[at + 1]!;
    if (offset >= datagram.length) continue;
    const from = parts[at + 3]!;
    datagram.bytes.copy(payload, offset, from, from + Math.min(parts[at + 2]!, datagram.length - offset));
  }
  return payload;
}

function fragmentsOf(parts: readonly number[]): IpFragmentPart[] {
  const fragments: IpFragmentPart[] = [];
  for (let at = 0; at < parts.length; at += FIELDS) fragments.push({ frame: parts[at]!, offset: parts[at + 1]!, length: parts[at + 2]! });
  return fragments;
}
