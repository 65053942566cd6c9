// The explorer's order: folders before files, names compared case-insensitively with numbers in natural order.
import type { DirEntry } from '../../api/workspace-protocol';

// A fixed locale keeps the order the same on every machine; 'accent' sensitivity ignores case but not accents.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'accent' });

export function compareEntries(a: DirEntry, b: DirEntry): number {
  if (a.kind !== b.kind) return a.kind === 'directory' ? -1 : 1;
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
