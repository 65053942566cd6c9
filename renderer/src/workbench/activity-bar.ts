// The strip of view icons on the far left; clicking the active one hides the side bar, as in VS Code.
import { el, icon } from './element';
import type { View } from './view';

export class ActivityBar {
  readonly element: HTMLElement;
  private readonly buttons = new Map<string, HTMLButtonElement>();

  constructor(private readonly onSelect: (id: string) => void) {
    this.element = el('nav', { className: 'activity-bar', role: 'tablist', 'aria-orientation': 'vertical', 'aria-label': 'Activity Bar' });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  add(view: View, keybinding?: string): void {
    const label = keybinding ? `${view.title} (${keybinding})` : view.title;
    const button = el('button', {
      className: 'activity-item',
      role: 'tab',
      'aria-label': view.title,
      title: label,
      'aria-selected': 'false',
      tabIndex: -1,
      onclick: () => this.onSelect(view.id),
    }, icon(view.icon));
    this.buttons.set(view.id, button);
    this.element.append(button);
  }

  setActive(id: string | undefined): void {
    for (const [viewId, button] of this.buttons) {
      button.setAttribute('aria-selected', String(viewId === id));
      button.classList.toggle('active', viewId === id);
      button.tabIndex = viewId === (id ?? [...this.buttons.keys()][0]) ? 0 : -1;
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...this.buttons.values()];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[(index + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
    next.focus();
    event.preventDefault();
  }
}
