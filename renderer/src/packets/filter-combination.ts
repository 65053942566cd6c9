// Wireshark's Apply/Prepare as Filter choices: the selected line's filter alone, negated, or joined to the one in effect.

export type FilterCombination = 'selected' | 'not-selected' | 'and-selected' | 'or-selected' | 'and-not-selected' | 'or-not-selected';

/** The label Wireshark gives each choice in its Apply as Filter menu. */
export const COMBINATION_LABELS: Record<FilterCombination, string> = {
  selected: 'Selected',
  'not-selected': 'Not Selected',
  'and-selected': '…and Selected',
  'or-selected': '…or Selected',
  'and-not-selected': '…and not Selected',
  'or-not-selected': '…or not Selected',
};

/**
 * The filter a choice makes from the one in effect (`current`, maybe empty) and the selected line's (`selected`), as
 * Wireshark writes it: each side in parentheses when joined, `!(…)` to negate. With no filter in effect, the joins
 * are the selected filter alone (negated for the "not" ones).
 */
export function combineFilters(current: string, selected: string, how: FilterCombination): string {
  const negated = how === 'not-selected' || how === 'and-not-selected' || how === 'or-not-selected';
  const side = negated ? `!(${selected})` : selected;
  const base = current.trim();
  if (how === 'selected' || how === 'not-selected' || base === '') return side;
  const joiner = how === 'and-selected' || how === 'and-not-selected' ? '&&' : '||';
  return `(${base}) ${joiner} (${side})`;
}
