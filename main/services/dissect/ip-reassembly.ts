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

interface HeldFragment extends IpFragmentPart {
  bytes: Buffer;
}

interface OpenDatagram {
  /** In offset order; a fragment goes after those with the same offset. */
  fragments: HeldFragment[];
  /** The datagram's length, once a last fragment (no more fragments) has come; -1 before. */
  length: number;
}

/** Open datagrams past this many are dropped oldest first: a capture of lost fragments must not grow without end. */
const MAX_OPEN_DATAGRAMS = 4096;

export class IpFragmentTable implements IpReassemblyLookup {
  private readonly open = new Map<string, OpenDatagram>();

  segment(key: string, bytes: Buffer, start: number, end: number, offset: number, more: boolean, frameNumber: number): IpDatagram | undefined {
    let datagram = this.open.get(key);
    if (!datagram) {
      if (this.open.size >= MAX_OPEN_DATAGRAMS) this.open.delete(this.open.keys().next().value!);
      datagram = { fragments: [], length: -1 };
      this.open.set(key, datagram);
    }
    const fragment: HeldFragment = { frame: frameNumber, offset, length: end - start, bytes: Buffer.from(bytes.subarray(start, end)) };
    // The first last fragment sets the length; another with a different end does not change it (Wireshark's "multiple tails").
    if (!more && datagram.length < 0) datagram.length = offset + fragment.length;
    let at = datagram.fragments.length;
    while (at > 0 && datagram.fragments[at - 1]!.offset > offset) at--;
    datagram.fragments.splice(at, 0, fragment);
    if (datagram.length < 0 || coveredLength(datagram.fragments) < datagram.length) return undefined;
    this.open.delete(key);
    return { payload: assemble(datagram), fragments: datagram.fragments.map(({ frame, offset: at, length }) => ({ frame, offset: at, length })) };
  }
}

/** How far from byte 0 the fragments cover without a gap. */
function coveredLength(fragments: readonly HeldFragment[]): number {
  let covered = 0;
  for (const fragment of fragments) {
    if (fragment.offset <= covered && fragment.offset + fragment.length > covered) covered = fragment.offset + fragment.length;
  }
  return covered;
}

/** The datagram's bytes: each fragment written at its offset in offset order (so a later offset wins an overlap), cut at its length. */
function assemble(datagram: OpenDatagram): Buffer {
  const payload = Buffer.alloc(datagram.length);
  for (const fragment of datagram.fragments) {
    if (fragment.offset >= datagram.length) continue;
    fragment.bytes.copy(payload, fragment.offset, 0, Math.min(fragment.length, datagram.length - fragment.offset));
  }
  return payload;
}
