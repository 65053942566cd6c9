// The Debug Console panel: the adapter's messages, and an input evaluated by gdb (`-exec <command>` runs a gdb command).
import { el } from '../workbench/element';
import type { View } from '../workbench/view';
import type { DebugSessionController } from './debug-session-controller';
import { toNode } from './variables-view';
import { VariableTree } from './variable-tree';

const MAX_ENTRIES = 5000;
const HISTORY_SIZE = 100;
// Colour and cursor sequences mean nothing in this plain log.
const ANSI_SEQUENCE = /\x1b\[[0-9;?]*[A-Za-z]/g;

export class DebugConsoleView implements View {
  readonly id = 'debug-console';
  readonly title = 'Debug Console';
  readonly icon = 'debug-console';
  readonly element: HTMLElement;
  readonly actions = [{ label: 'Clear Console', icon: 'clear-all', run: () => this.clear() }];
  private readonly log: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly history: string[] = [];
  private historyIndex = 0;
  private draft = '';
  /** Follows new output unless the user scrolled up to read; kept while the tab is hidden (nothing scrolls then). */
  private followOutput = true;

  constructor(private readonly session: DebugSessionController) {
    this.log = el('div', { className: 'debug-console-log', role: 'log', 'aria-label': 'Debug console output', tabIndex: 0 });
    this.input = el('input', {
      className: 'debug-input debug-console-input',
      type: 'text',
      'aria-label': 'Debug console input',
      placeholder: 'Evaluate an expression, or -exec <gdb command> (Up/Down: history)',
      spellcheck: 'false',
    });
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.log.addEventListener('scroll', () => {
      if (this.log.clientHeight > 0) this.followOutput = this.log.scrollTop + this.log.clientHeight >= this.log.scrollHeight - 4;
    });
    this.element = el('div', { className: 'debug-console-view' }, this.log, el('div', { className: 'debug-console-prompt' }, el('span', { className: 'codicon codicon-chevron-right', 'aria-hidden': 'true' }), this.input));
  }

  /** An `output` event of category console or important (the guest's own bytes go to the serial Console). */
  appendOutput(text: string, category: string): void {
    const clean = text.replace(ANSI_SEQUENCE, '');
    const last = this.log.lastElementChild as HTMLElement | null;
    // Adapters send lines in pieces; a piece continues the previous entry of its kind until a newline ends it.
    if (last && last.dataset.category === category && last.dataset.open === 'true') {
      last.textContent += clean;
      last.dataset.open = String(!clean.endsWith('\n'));
      if (this.followOutput) this.log.scrollTop = this.log.scrollHeight;
    } else {
      this.append(el('div', { className: `console-entry console-${category}`, 'data-category': category, 'data-open': String(!clean.endsWith('\n')) }, clean));
    }
  }

  /** A note from Mirador itself (session started, ended). */
  appendNote(text: string): void {
    this.append(el('div', { className: 'console-entry console-note' }, text));
  }

  onShow(): void {
    if (this.followOutput) this.log.scrollTop = this.log.scrollHeight;
  }

  focus(): void {
    this.input.focus();
  }

  text(): string {
    return this.log.innerText;
  }

  clear(): void {
    this.log.replaceChildren();
  }

  private async submit(expression: string): Promise<void> {
    if (!expression.trim()) return;
    if (this.history[this.history.length - 1] !== expression) this.history.push(expression);
    if (this.history.length > HISTORY_SIZE) this.history.shift();
    this.historyIndex = this.history.length;
    this.draft = '';
    this.append(el('div', { className: 'console-entry console-input-echo' }, `> ${expression}`));
    if (!this.session.active) {
      this.append(el('div', { className: 'console-entry console-error' }, 'No debug session: start debugging (F5) to evaluate.'));
      return;
    }
    try {
      const result = await this.session.evaluate(expression, 'repl');
      if (result.variablesReference > 0) {
        const tree = new VariableTree({ label: `Value of ${expression}`, loadChildren: (reference) => this.session.variables(reference).then((variables) => variables.map(toNode)) });
        await tree.setRoots([{ name: expression, value: result.result, type: result.type, variablesReference: result.variablesReference }]);
        this.append(el('div', { className: 'console-entry console-result' }, tree.element));
      } else if (result.result !== '') {
        this.append(el('div', { className: 'console-entry console-result' }, result.result.replace(ANSI_SEQUENCE, '')));
      }
    } catch (error) {
      this.append(el('div', { className: 'console-entry console-error' }, (error as Error).message));
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      const expression = this.input.value;
      this.input.value = '';
      void this.submit(expression);
    } else if (event.key === 'ArrowUp' && this.historyIndex > 0) {
      event.preventDefault();
      if (this.historyIndex === this.history.length) this.draft = this.input.value;
      this.input.value = this.history[--this.historyIndex];
    } else if (event.key === 'ArrowDown' && this.historyIndex < this.history.length) {
      event.preventDefault();
      this.historyIndex++;
      this.input.value = this.historyIndex === this.history.length ? this.draft : this.history[this.historyIndex];
    }
  }

  private append(entry: HTMLElement): void {
    const last = this.log.lastElementChild as HTMLElement | null;
    if (last) last.dataset.open = 'false';
    this.log.append(entry);
    while (this.log.childElementCount > MAX_ENTRIES) this.log.firstElementChild!.remove();
    if (this.followOutput) this.log.scrollTop = this.log.scrollHeight;
  }
}
