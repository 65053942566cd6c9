// The list of terminals beside the panel (like VS Code's terminal tabs): one tab per terminal, arrow keys to move.
import { el } from '../workbench/element';

export interface TerminalTab {
  number: number;
  label: string;
  exited: boolean;
  /** The id of the tab panel this tab shows. */
  panelId: string;
}

export class TerminalTabStrip {
  readonly element: HTMLElement;
  private readonly buttons = new Map<number, HTMLButtonElement>();

  /** `focusTerminal` is false when the user is moving through the tabs with the keyboard and focus should stay there. */
  constructor(private readonly onSelect: (number: number, focusTerminal: boolean) => void) {
    this.element = el('div', {
      className: 'terminal-tabs',
      role: 'tablist',
      'aria-label': 'Terminals',
      'aria-orientation': 'vertical',
      onkeydown: (event) => this.onKeyDown(event as KeyboardEvent),
    });
  }

  add(tab: TerminalTab): void {
    const button = el('button', {
      className: 'terminal-tab',
      role: 'tab',
      id: `${tab.panelId}-tab`,
      'aria-controls': tab.panelId,
      'aria-selected': 'false',
      tabindex: -1,
      onclick: () => this.onSelect(tab.number, true),
    });
    this.buttons.set(tab.number, button);
    this.element.append(button);
    this.update(tab);
  }

  update(tab: TerminalTab): void {
    const button = this.buttons.get(tab.number);
    if (!button) return;
    button.textContent = tab.exited ? `${tab.label} (exited)` : tab.label;
    button.classList.toggle('terminal-tab--exited', tab.exited);
  }

  remove(number: number): void {
    this.buttons.get(number)?.remove();
    this.buttons.delete(number);
  }

  select(number: number): void {
    for (const [tabNumber, button] of this.buttons) {
      const selected = tabNumber === number;
      button.setAttribute('aria-selected', String(selected));
      // Roving tabindex: Tab enters the list at the selected terminal, arrows move within it.
      button.tabIndex = selected ? 0 : -1;
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    const numbers = [...this.buttons.keys()];
    const current = numbers.findIndex((number) => this.buttons.get(number) === document.activeElement);
    if (current < 0 || numbers.length === 0) return;
    const target = {
      ArrowUp: current - 1,
      ArrowDown: current + 1,
      Home: 0,
      End: numbers.length - 1,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const number = numbers[(target + numbers.length) % numbers.length];
    this.buttons.get(number)?.focus();
    this.onSelect(number, false);
  }
}
