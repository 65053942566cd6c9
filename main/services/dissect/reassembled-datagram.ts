// Dissects a datagram put together from IP fragments: the layers above IP read the whole datagram, and their tree lines
// point back into this frame (at the bytes this fragment brought, or at its whole share when a line spans fragments).
import type { DetailNode, Dissection } from './dissection';
import type { IpFragmentPart } from './ip-reassembly';

/** Where this frame's fragment sits: its bytes in the frame, and their offset in the datagram. */
export interface FragmentShare {
  frameStart: number;
  frameEnd: number;
  datagramOffset: number;
}

/**
 * Adds Wireshark's "[N IPv4 Fragments (L bytes): #7(24), #8(16)]" lines under `parent`, then runs `dissectAbove` on
 * the datagram (`d.data` is the datagram meanwhile, from offset 0).
 */
export function dissectReassembledDatagram(
  d: Dissection,
  parent: DetailNode[] | undefined,
  version: 'IPv4' | 'IPv6',
  payload: Buffer,
  fragments: readonly IpFragmentPart[],
  share: FragmentShare,
  dissectAbove: () => void,
): void {
  const filterName = version === 'IPv4' ? 'ip' : 'ipv6';
  d.protocols.push(`${filterName}.fragments`, `${filterName}.fragment`);
  d.field(`${filterName}.fragment.count`, fragments.length);
  d.field(`${filterName}.reassembled.length`, payload.length);
  if (parent) {
    const shareLength = share.frameEnd - share.frameStart;
    const list = d.item(parent, `[${fragments.length} ${version} Fragments (${payload.length} bytes): ${fragments.map((part) => `#${part.frame}(${part.length})`).join(', ')}]`, share.frameStart, shareLength, true);
    for (const part of fragments) {
      const here = part.frame === d.frameNumber;
      d.item(list, `[Frame: ${part.frame}, payload: ${part.offset}-${part.offset + part.length - 1} (${part.length} bytes)]`, share.frameStart, here ? shareLength : 0, false, `frame.number == ${part.frame}`);
    }
    d.item(list, `[Fragment count: ${fragments.length}]`, share.frameStart, 0, false, `${filterName}.fragment.count == ${fragments.length}`);
    d.item(list, `[Reassembled ${version} length: ${payload.length}]`, share.frameStart, 0, false, `${filterName}.reassembled.length == ${payload.length}`);
  }
  const frameData = d.data;
  const firstLayer = d.tree ? d.tree.length : 0;
  // IPv6 headers after the fragment header are read from the datagram too, and add their lines under IPv6's.
  const firstUnderParent = parent ? parent.length : 0;
  d.data = payload;
  try {
    dissectAbove();
  } finally {
    d.data = frameData;
  }
  if (d.tree) for (let index = firstLayer; index < d.tree.length; index++) pointIntoFrame(d.tree[index]!, share);
  if (parent) for (let index = firstUnderParent; index < parent.length; index++) pointIntoFrame(parent[index]!, share);
}

/** Moves a line's range from the datagram into the frame: onto this fragment's bytes, or its whole share if it spans others. */
function pointIntoFrame(node: DetailNode, share: FragmentShare): void {
  const shareLength = share.frameEnd - share.frameStart;
  const start = node.start - share.datagramOffset;
  if (start >= 0 && start + node.length <= shareLength) node.start = share.frameStart + start;
  else {
    node.start = share.frameStart;
    node.length = shareLength;
  }
  if (node.children) for (const child of node.children) pointIntoFrame(child, share);
}
