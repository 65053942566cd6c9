// The display filter bar: checked as you type (green when it compiles, red with the message and its column marked, as in
// Wireshark), applied with Enter or the Apply button, cleared with Escape or the Clear button.
import { el, icon } from '../workbench/element';
import { PacketFilterError } from './packet-source';

export type FilterCheck = { ok: true } | { ok: false; message: string; column: number };

export interface DisplayFilterBarHost {
  /** Compiles without applying (the backend holds the one filter grammar). */
  check(filter: string): Promise<FilterCheck>;
  /** Applies; rejects with PacketFilterError when the capture refuses it. */
  apply(filter: string): Promise<void>;
}

type FilterState = 'empty' | 'valid' | 'invalid' | 'checking';

const CHECK_DELAY_MS = 120;

export class DisplayFilterBar {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly marker: HTMLElement;
  private readonly message: HTMLElement;
  private readonly applyButton: HTMLButtonElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Answers to older checks are dropped: only the text in the box matters. */
  private checks = 0;
  private applied = '';
  private state: FilterState = 'empty';

  constructor(private readonly host: DisplayFilterBarHost) {
    const messageId = `display-filter-message-${Math.random().toString(36).slice(2, 8)}`;
    this.input = el('input', {
      className: 'display-filter-input',
      type: 'text',
      role: 'searchbox',
      'aria-label': 'Display filter',
      'aria-describedby': messageId,
      placeholder: 'Apply a display filter … e.g. icmp, dns, ip.addr == 10.0.2.15, tcp.port == 80',
      spellcheck: 'false',
      autocomplete: 'off',
    });
    this.marker = el('span', { className: 'display-filter-marker', 'aria-hidden': 'true', hidden: true });
    this.message = el('span', { className: 'display-filter-message', id: messageId, role: 'status' });
    this.applyButton = el('button', { className: 'icon-button', 'aria-label': 'Apply display filter', title: 'Apply display filter (Enter)', onclick: () => void this.applyNow() }, icon('arrow-right'));
    const clear = el('button', { className: 'icon-button', 'aria-label': 'Clear display filter', title: 'Clear display filter (Escape)', onclick: () => void this.clear() }, icon('close'));
    this.element = el('div', { className: 'display-filter', role: 'search', 'aria-label': 'Display filter bar' },
      icon('filter'),
      el('div', { className: 'display-filter-field' }, this.input, this.marker),
      clear,
      this.applyButton,
      this.message);
    this.input.addEventListener('input', () => this.onInput());
    this.input.addEventListener('scroll', () => this.placeMarker());
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        void this.applyNow();
      } else if (event.key === 'Escape' && this.input.value) {
        event.preventDefault();
        event.stopPropagation();
        void this.clear();
      }
    });
    this.setState('empty');
  }

  /** The filter in effect (what the list shows), which may differ from the text being typed. */
  get appliedFilter(): string {
    return this.applied;
  }

  /** Puts a filter in the box and applies it (Follow Stream, or a restored session). */
  async setAndApply(filter: string): Promise<void> {
    this.input.value = filter;
    await this.applyNow();
  }

  /** Puts a filter in the box, checked but not applied (Prepare as Filter): Enter applies it. */
  prepare(filter: string): void {
    this.input.value = filter;
    this.onInput();
    this.input.focus();
  }

  /** A new capture starts with no filter applied; the text stays so it can be applied again with Enter. */
  resetApplied(): void {
    this.applied = '';
    this.showPending();
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  private onInput(): void {
    clearTimeout(this.timer);
    const text = this.input.value;
    if (!text.trim()) {
      this.checks++;
      this.setState('empty');
      return;
    }
    this.setState('checking');
    this.timer = setTimeout(() => void this.check(text), CHECK_DELAY_MS);
  }

  private async check(text: string): Promise<FilterCheck | undefined> {
    const id = ++this.checks;
    try {
      const result = await this.host.check(text);
      if (id !== this.checks) return undefined;
      if (result.ok) this.setState('valid');
      else this.setState('invalid', result.message, result.column);
      return result;
    } catch (error) {
      if (id === this.checks) this.setState('invalid', `Could not check the filter: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async applyNow(): Promise<void> {
    clearTimeout(this.timer);
    const text = this.input.value.trim();
    this.checks++;
    this.setState(text ? 'checking' : 'empty');
    this.message.textContent = text ? 'Applying…' : '';
    try {
      await this.host.apply(text);
      this.applied = text;
      this.setState(text ? 'valid' : 'empty');
    } catch (error) {
      if (error instanceof PacketFilterError) {
        this.setState('invalid', error.message, error.column);
        if (error.column !== undefined) this.input.setSelectionRange(error.column - 1, error.column);
      } else this.setState('invalid', `The filter was not applied: ${(error as Error).message}`);
    }
  }

  private async clear(): Promise<void> {
    this.input.value = '';
    if (this.applied) await this.applyNow();
    else this.setState('empty');
  }

  private setState(state: FilterState, message?: string, column?: number): void {
    this.state = state;
    this.element.dataset.state = state;
    this.input.setAttribute('aria-invalid', String(state === 'invalid'));
    this.marker.hidden = state !== 'invalid' || column === undefined;
    this.marker.dataset.column = column === undefined ? '' : String(column);
    this.placeMarker();
    if (state === 'invalid') this.message.textContent = column !== undefined ? `Column ${column}: ${message ?? 'invalid filter'}` : (message ?? 'Invalid filter');
    else this.showPending();
  }

  /** Says when the text in the box is not what the list shows (type, then Enter applies). */
  private showPending(): void {
    if (this.state === 'invalid') return;
    const text = this.input.value.trim();
    if (this.state === 'checking') this.message.textContent = '';
    else if (text === this.applied) this.message.textContent = '';
    else if (this.state === 'valid') this.message.textContent = 'Press Enter to apply';
    else if (this.state === 'empty' && this.applied) this.message.textContent = 'Press Enter to show all packets';
    else this.message.textContent = '';
  }

  /** Underlines the column of the mistake; the box is monospace, so a column is one `ch` wide. */
  private placeMarker(): void {
    const column = Number(this.marker.dataset.column);
    if (!column) return;
    const characters = Math.max(0, Math.min(column - 1, this.input.value.length));
    this.marker.style.left = `calc(${characters}ch + 6px - ${this.input.scrollLeft}px)`;
  }
}
