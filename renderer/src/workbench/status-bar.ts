// The bottom line: workspace, connection, cursor position, language; items are added by whoever owns the information.
import { el } from './element';

export interface StatusItem {
  set(text: string, tooltip?: string): void;
  setVisible(visible: boolean): void;
}

export class StatusBar {
  readonly element: HTMLElement;
  private readonly left: HTMLElement;
  private readonly right: HTMLElement;

  constructor() {
    this.left = el('div', { className: 'status-left' });
    this.right = el('div', { className: 'status-right' });
    this.element = el('footer', { className: 'status-bar', role: 'status', 'aria-label': 'Status Bar' }, this.left, this.right);
  }

  add(id: string, side: 'left' | 'right', onClick?: () => void): StatusItem {
    const item = onClick
      ? el('button', { className: 'status-item', id: `status-${id}`, onclick: onClick })
      : el('span', { className: 'status-item', id: `status-${id}` });
    (side === 'left' ? this.left : this.right).append(item);
    return {
      set(text, tooltip) {
        item.textContent = text;
        if (tooltip) item.title = tooltip;
        item.setAttribute('aria-label', tooltip ? `${text}: ${tooltip}` : text);
      },
      setVisible(visible) {
        item.hidden = !visible;
      },
    };
  }
}
