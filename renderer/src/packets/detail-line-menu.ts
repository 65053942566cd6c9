// The actions of a detail-tree line, as Wireshark's context menu offers them: Apply as Filter and its joins, Prepare
// as Filter, Copy. Shown as a quick pick (the workbench's menus are).
import type { PacketDetailNode } from '../../../main/api';
import type { QuickInput, QuickPickItem } from '../workbench/quick-input';
import { COMBINATION_LABELS, combineFilters, type FilterCombination } from './filter-combination';

export interface DetailLineMenuActions {
  /** The filter in effect (empty: none). */
  currentFilter: string;
  apply(filter: string): void;
  prepare(filter: string): void;
  copy(text: string): void;
}

type Choice = { kind: 'apply' | 'prepare'; filter: string } | { kind: 'copy'; text: string };

export async function showDetailLineMenu(quickInput: QuickInput, node: PacketDetailNode, actions: DetailLineMenuActions): Promise<void> {
  const items: QuickPickItem<Choice>[] = [];
  const selected = node.filter;
  if (selected !== undefined) {
    const joins: FilterCombination[] = actions.currentFilter.trim()
      ? ['selected', 'not-selected', 'and-selected', 'or-selected', 'and-not-selected', 'or-not-selected']
      : ['selected', 'not-selected'];
    for (const how of joins) {
      const filter = combineFilters(actions.currentFilter, selected, how);
      items.push({ label: `Apply as Filter: ${COMBINATION_LABELS[how]}`, description: filter, value: { kind: 'apply', filter } });
    }
    items.push({ label: 'Prepare as Filter: Selected', description: `${selected} (in the filter bar, Enter applies it)`, value: { kind: 'prepare', filter: selected } });
    items.push({ label: 'Copy as Filter', description: selected, value: { kind: 'copy', text: selected } });
  }
  items.push({ label: 'Copy Line', description: node.label, value: { kind: 'copy', text: node.label } });
  const choice = await quickInput.pick(items, {
    title: selected !== undefined ? `Filter on ${selected}` : 'This line is no filter field: copy it',
    placeholder: node.label,
    keepOrder: true,
  });
  if (!choice) return;
  if (choice.kind === 'copy') actions.copy(choice.text);
  else if (choice.kind === 'apply') actions.apply(choice.filter);
  else actions.prepare(choice.filter);
}
