// The actions of a packet list row, as Wireshark's row menu offers them: filters on its source, destination, protocol
// and conversation (taken from its detail tree, so they match what the dissector saw), Follow Stream, Copy.
import type { PacketDetailNode, PacketDetailResult, PacketRow } from '../../../main/api';
import type { QuickInput, QuickPickItem } from '../workbench/quick-input';

export type PacketRowAction = { kind: 'apply'; filter: string } | { kind: 'follow' } | { kind: 'copy'; text: string };

export interface PacketRowMenuActions {
  apply(filter: string): void;
  follow(): void;
  copy(text: string): void;
}

/** The menu's items for a row and its detail; the filters come from the tree's lines (see DetailNode.filter). */
export function packetRowMenuItems(row: PacketRow, detail: PacketDetailResult): QuickPickItem<PacketRowAction>[] {
  const filters = allFilters(detail.tree);
  const field = (...names: string[]) => {
    for (const name of names) {
      const found = filters.find((filter) => filter.startsWith(`${name} == `));
      if (found) return found;
    }
    return undefined;
  };
  const items: QuickPickItem<PacketRowAction>[] = [];
  const apply = (label: string, filter: string | undefined) => filter && items.push({ label, description: filter, value: { kind: 'apply', filter } });
  const source = field('ip.src', 'ipv6.src', 'eth.src');
  const destination = field('ip.dst', 'ipv6.dst', 'eth.dst');
  apply('Apply as Filter: Source', source);
  apply('Apply as Filter: Destination', destination);
  // The innermost layer names the protocol (a layer line's filter is the bare protocol name); bytes left over as data
  // (an echo's payload) do not, unless nothing else does.
  const layers = detail.tree.map((node) => node.filter).filter((filter): filter is string => filter !== undefined && /^[a-z][a-z0-9_]*$/.test(filter) && filter !== 'frame');
  apply('Apply as Filter: Protocol', layers.filter((filter) => filter !== 'data').at(-1) ?? layers.at(-1));
  const ipSource = field('ip.src', 'ipv6.src');
  const ipDestination = field('ip.dst', 'ipv6.dst');
  if (ipSource && ipDestination) {
    const family = ipSource.startsWith('ipv6.') ? 'ipv6' : 'ip';
    const address = (filter: string) => filter.slice(filter.indexOf(' == ') + 4);
    apply(`Conversation Filter: ${family === 'ip' ? 'IPv4' : 'IPv6'}`, `${family}.addr == ${address(ipSource)} && ${family}.addr == ${address(ipDestination)}`);
  }
  if (detail.streamFilter) {
    apply(`Conversation Filter: ${detail.streamFilter.startsWith('tcp.') ? 'TCP' : 'UDP'}`, detail.streamFilter);
    items.push({ label: 'Follow TCP/UDP Stream', description: 'the conversation’s payload, client and server apart', value: { kind: 'follow' } });
  }
  const summary = [row.number, row.time.toFixed(6), row.source, row.destination, row.protocol, row.length, row.info].join('\t');
  items.push({ label: 'Copy Summary as Text', description: 'No. Time Source Destination Protocol Length Info, tab-separated', value: { kind: 'copy', text: summary } });
  return items;
}

export async function showPacketRowMenu(quickInput: QuickInput, row: PacketRow, detail: PacketDetailResult, actions: PacketRowMenuActions): Promise<void> {
  const choice = await quickInput.pick(packetRowMenuItems(row, detail), { title: `Packet ${row.number}`, placeholder: `${row.protocol} ${row.info}`, keepOrder: true });
  if (!choice) return;
  if (choice.kind === 'apply') actions.apply(choice.filter);
  else if (choice.kind === 'follow') actions.follow();
  else actions.copy(choice.text);
}

function allFilters(tree: readonly PacketDetailNode[]): string[] {
  return tree.flatMap((node) => [...(node.filter ? [node.filter] : []), ...allFilters(node.children ?? [])]);
}
