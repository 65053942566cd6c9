// Bytes no dissector claims: shown as data with their length, like Wireshark's "Data" protocol.
import type { Dissection } from './dissection';

export function dissectData(d: Dissection, offset: number, end: number): void {
  if (end <= offset) return;
  const tree = d.layer('data', d.tree ? `Data (${end - offset} bytes)` : '', offset, end - offset);
  if (tree) d.item(tree, `Data: ${d.data.subarray(offset, Math.min(end, offset + 32)).toString('hex')}${end - offset > 32 ? '…' : ''}`, offset, end - offset);
  d.field('data.len', end - offset);
}
