// The Output panel: plain-text channels (Mirador, Extensions; later Build) with a picker, newest text at the bottom.
import { el } from '../workbench/element';
import type { View } from '../workbench/view';

const MAX_CHARS_PER_CHANNEL = 1_000_000;

export class OutputView implements View {
  readonly id = 'output';
  readonly title = 'Output';
  readonly icon = 'output';
  readonly element: HTMLElement;
  private readonly picker: HTMLSelectElement;
  private readonly text: HTMLElement;
  private readonly channels = new Map<string, string>();
  private readonly progress: HTMLElement;

  readonly actions = [{ label: 'Clear Output', icon: 'clear-all', run: () => this.clear() }];

  constructor() {
    this.picker = el('select', { className: 'output-channel', 'aria-label': 'Output channel' });
    this.picker.addEventListener('change', () => this.render());
    this.text = el('pre', { className: 'output-text', tabIndex: 0, 'aria-label': 'Output text', 'aria-live': 'off' });
    this.progress = el('div', { className: 'output-progress', role: 'progressbar', 'aria-label': 'Build progress', hidden: true }, el('div', { className: 'output-progress-fill' }));
    this.element = el('div', { className: 'output-view' }, el('div', { className: 'output-toolbar' }, this.picker, this.progress), this.text);
  }

  append(channel: string, text: string): void {
    if (!this.channels.has(channel)) {
      this.channels.set(channel, '');
      this.picker.append(el('option', { value: channel }, channel));
      if (this.channels.size === 1) this.picker.value = channel;
    }
    const next = this.channels.get(channel)! + text;
    this.channels.set(channel, next.length > MAX_CHARS_PER_CHANNEL ? next.slice(next.length - MAX_CHARS_PER_CHANNEL) : next);
    if (this.picker.value === channel) this.render();
  }

  /** Empties a channel (creating it if needed), e.g. before a new build writes to it. */
  clearChannel(channel: string): void {
    this.append(channel, '');
    this.channels.set(channel, '');
    if (this.picker.value === channel) this.render();
  }

  setProgress(step: number, total: number, message: string): void {
    this.progress.hidden = false;
    this.progress.setAttribute('aria-valuemin', '0');
    this.progress.setAttribute('aria-valuemax', String(total));
    this.progress.setAttribute('aria-valuenow', String(step - 1));
    this.progress.setAttribute('aria-valuetext', message);
    (this.progress.firstElementChild as HTMLElement).style.width = `${Math.round(((step - 0.5) / total) * 100)}%`;
  }

  clearProgress(): void {
    this.progress.hidden = true;
  }

  show(channel: string): void {
    if (this.channels.has(channel)) {
      this.picker.value = channel;
      this.render();
    }
  }

  private clear(): void {
    this.channels.set(this.picker.value, '');
    this.render();
  }

  private render(): void {
    const atBottom = this.text.scrollTop + this.text.clientHeight >= this.text.scrollHeight - 4;
    this.text.textContent = this.channels.get(this.picker.value) ?? '';
    if (atBottom) this.text.scrollTop = this.text.scrollHeight;
  }
}
