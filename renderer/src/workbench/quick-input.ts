// The one floating picker: command palette, quick open, confirmations and text prompts all use it.
import { el } from './element';
import { fuzzyMatch } from './fuzzy-match';

export interface QuickPickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface QuickPickOptions {
  placeholder: string;
  /** Accessible name of the picker. */
  title: string;
  /** Initial text in the input. */
  value?: string;
  /** Keep the given order instead of sorting by match quality. */
  keepOrder?: boolean;
}

export interface InputBoxOptions {
  title: string;
  placeholder?: string;
  value?: string;
  prompt?: string;
  /** Returns a message when the value is not acceptable. */
  validate?(value: string): string | null;
}

const MAX_ROWS = 200;

export class QuickInput {
  private readonly widget: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly message: HTMLElement;
  private cancelCurrent: (() => void) | undefined;
  private previousFocus: Element | null = null;

  constructor(parent: HTMLElement) {
    this.input = el('input', { className: 'quick-input-box', type: 'text', role: 'combobox', 'aria-expanded': 'true', 'aria-autocomplete': 'list', 'aria-controls': 'quick-input-list', spellcheck: 'false' });
    this.message = el('div', { className: 'quick-input-message', role: 'status' });
    this.list = el('div', { className: 'quick-input-list', role: 'listbox', id: 'quick-input-list' });
    this.widget = el('div', { className: 'quick-input', role: 'dialog', hidden: true }, this.input, this.message, this.list);
    parent.append(this.widget);
    this.input.addEventListener('blur', () => setTimeout(() => this.widget.contains(document.activeElement) || this.cancelCurrent?.(), 0));
  }

  get isOpen(): boolean {
    return !this.widget.hidden;
  }

  pick<T>(items: QuickPickItem<T>[] | Promise<QuickPickItem<T>[]>, options: QuickPickOptions): Promise<T | undefined> {
    return new Promise((resolve) => {
      let all: QuickPickItem<T>[] = [];
      let shown: QuickPickItem<T>[] = [];
      let active = 0;
      const render = () => {
        const query = this.input.value.trim();
        const scored = all
          .map((item) => ({ item, match: fuzzyMatch(query, item.label) ?? (item.description ? fuzzyMatch(query, item.description) : null) }))
          .filter((entry) => entry.match !== null);
        if (!options.keepOrder && query) scored.sort((a, b) => b.match!.score - a.match!.score);
        shown = scored.slice(0, MAX_ROWS).map((entry) => entry.item);
        active = Math.min(active, Math.max(0, shown.length - 1));
        this.list.replaceChildren(
          ...shown.map((item, index) =>
            el(
              'div',
              {
                className: `quick-input-row${index === active ? ' active' : ''}`,
                role: 'option',
                id: `quick-input-option-${index}`,
                'aria-selected': String(index === active),
                onmousedown: (event: Event) => (event.preventDefault(), finish(item.value)),
              },
              el('span', { className: 'quick-input-label' }, item.label),
              item.description ? el('span', { className: 'quick-input-description' }, item.description) : null,
              item.detail ? el('span', { className: 'quick-input-detail' }, item.detail) : null,
            ),
          ),
        );
        this.input.setAttribute('aria-activedescendant', shown.length ? `quick-input-option-${active}` : '');
        this.message.textContent = shown.length === 0 ? (all.length === 0 ? 'Loading…' : 'No matching results') : '';
        this.list.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
      };
      const finish = (value: T | undefined) => {
        this.close();
        resolve(value);
      };
      this.open(options.title, options.placeholder, options.value ?? '', () => finish(undefined));
      this.input.oninput = () => ((active = 0), render());
      this.input.onkeydown = (event) => {
        if (event.key === 'ArrowDown') active = Math.min(active + 1, shown.length - 1);
        else if (event.key === 'ArrowUp') active = Math.max(active - 1, 0);
        else if (event.key === 'Enter') return event.preventDefault(), finish(shown[active]?.value);
        else if (event.key === 'Escape') return event.preventDefault(), finish(undefined);
        else return;
        event.preventDefault();
        render();
      };
      render();
      void Promise.resolve(items).then((loaded) => {
        all = loaded;
        if (this.isOpen) render();
      });
    });
  }

  prompt(options: InputBoxOptions): Promise<string | undefined> {
    return new Promise((resolve) => {
      const finish = (value: string | undefined) => {
        this.close();
        resolve(value);
      };
      this.open(options.title, options.placeholder ?? '', options.value ?? '', () => finish(undefined));
      this.list.replaceChildren();
      const validate = () => {
        const problem = options.validate?.(this.input.value) ?? null;
        this.message.textContent = problem ?? options.prompt ?? 'Press Enter to confirm or Escape to cancel';
        this.message.classList.toggle('invalid', problem !== null);
        this.input.setAttribute('aria-invalid', String(problem !== null));
        return problem;
      };
      this.input.oninput = validate;
      this.input.onkeydown = (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          if (validate() === null) finish(this.input.value);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          finish(undefined);
        }
      };
      validate();
    });
  }

  private open(title: string, placeholder: string, value: string, cancel: () => void): void {
    this.cancelCurrent?.();
    this.previousFocus = document.activeElement;
    this.cancelCurrent = cancel;
    this.widget.setAttribute('aria-label', title);
    this.input.setAttribute('aria-label', title);
    this.input.placeholder = placeholder;
    this.input.value = value;
    this.widget.hidden = false;
    this.input.focus();
    this.input.select();
  }

  private close(): void {
    this.cancelCurrent = undefined;
    this.widget.hidden = true;
    this.input.oninput = null;
    this.input.onkeydown = null;
    if (this.previousFocus instanceof HTMLElement) this.previousFocus.focus();
  }
}
