// BSD loopback (link types NULL 0 and LOOP 108, as tcpdump -i lo0 records on macOS and the BSDs): a 4-byte address
// family, then IPv4 or IPv6, as tshark reads it.
import { dissectData } from './data';
import type { Dissection } from './dissection';
import { dissectIpv4 } from './ipv4';
import { dissectIpv6 } from './ipv6';
import { BSD_IPV6_FAMILIES, bsdLoopbackFamily } from './link-types';

/**
 * `networkOrder`: LOOP writes the family big-endian; NULL writes it in the capturing host's order, so a value that only
 * makes sense swapped (a family is small) is read swapped.
 */
export function dissectBsdLoopback(d: Dissection, offset: number, end: number, networkOrder: boolean): void {
  const tree = d.layer('null', 'Null/Loopback', offset, Math.min(4, end - offset));
  if (end - offset < 4) {
    d.columns('N/A', 'Null/Loopback');
    d.markMalformed('Null/Loopback', `family needs 4 bytes, has ${end - offset}`, offset);
    return;
  }
  const bytes = d.data;
  const family = bsdLoopbackFamily(bytes, offset, networkOrder);
  d.field('null.family', family);
  if (tree) d.item(tree, `Family: ${family === 2 ? 'IP' : BSD_IPV6_FAMILIES.has(family) ? 'IPv6' : 'Unknown'} (${family})`, offset, 4);
  if (family === 2) return dissectIpv4(d, offset + 4, end);
  if (BSD_IPV6_FAMILIES.has(family)) return dissectIpv6(d, offset + 4, end);
  // No network layer: tshark has no addresses to show either, and says so.
  d.addresses('N/A', 'N/A');
  d.columns('N/A', 'Null/Loopback');
  dissectData(d, offset + 4, end);
}
