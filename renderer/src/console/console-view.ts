// The Console panel: the guest's serial console, drawn by xterm so colours and control sequences show as a terminal would.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { terminalTheme, type TerminalThemeKind } from '../terminal/terminal-themes';
import { el } from '../workbench/element';
import type { View } from '../workbench/view';

export class ConsoleView implements View {
  readonly id = 'console';
  readonly title = 'Console';
  readonly icon = 'output';
  readonly element: HTMLElement;
  readonly actions = [{ label: 'Clear Console', icon: 'clear-all', run: () => this.terminal?.clear() }];
  private terminal: Terminal | undefined;
  private readonly fit = new FitAddon();
  private readonly host: HTMLElement;
  private theme: TerminalThemeKind = 'dark';
  /** Text written before xterm exists (the panel was never shown). */
  private pending = '';

  constructor() {
    this.host = el('div', { className: 'console-host', role: 'log', 'aria-label': 'Serial console' });
    this.element = el('div', { className: 'console-view' }, this.host);
  }

  /** Writes guest output; serial consoles often send bare \n, which must still start a new line. */
  write(text: string): void {
    if (!this.terminal) this.pending += text;
    else this.terminal.write(text);
  }

  /** A dimmed line of Mirador's own (run started, exited...), set apart from the guest's bytes. */
  writeNote(text: string): void {
    this.write(`\x1b[2m${text.replace(/\x1b/g, '')}\x1b[0m\r\n`);
  }

  /** The text on screen, for tests and copy. */
  text(): string {
    const buffer = this.terminal?.buffer.active;
    if (!buffer) return this.pending;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  setTheme(kind: TerminalThemeKind): void {
    this.theme = kind;
    if (this.terminal) this.terminal.options.theme = terminalTheme(kind);
  }

  onShow(): void {
    if (this.terminal) return;
    this.terminal = new Terminal({
      disableStdin: true,
      convertEol: true,
      scrollback: 10_000,
      fontSize: 13,
      fontFamily: "ui-monospace, 'DejaVu Sans Mono', monospace",
      theme: terminalTheme(this.theme),
      cursorStyle: 'underline',
      cursorInactiveStyle: 'none',
    });
    this.terminal.loadAddon(this.fit);
    this.terminal.open(this.host);
    this.terminal.textarea?.setAttribute('aria-label', 'Serial console (read-only)');
    if (this.pending) this.terminal.write(this.pending);
    this.pending = '';
  }

  layout(): void {
    if (this.terminal && this.host.clientWidth > 0) this.fit.fit();
  }
}
