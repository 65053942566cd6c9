// A side-bar view that has nothing to show yet, saying so plainly and pointing at what the user can do meanwhile.
import { el } from '../workbench/element';
import type { View } from '../workbench/view';

export function createEmptyView(id: string, title: string, codicon: string, paragraphs: string[]): View {
  return {
    id,
    title,
    icon: codicon,
    element: el('div', { className: 'empty-state' }, ...paragraphs.map((text) => el('p', {}, text))),
  };
}
