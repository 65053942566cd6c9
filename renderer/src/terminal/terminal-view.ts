// One terminal on screen: an xterm bound to one backend pty, with fitting, debounced pty resizes and flow-control acks.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import type { TerminalExitEvent, TerminalInfo } from '../../../main/api/terminal-protocol';
import type { BackendClient } from '../transport/backend-client';
import { el } from '../workbench/element';
import { AckCounter } from './ack-counter';
import { errorText } from './error-text';
import { exitMessage } from './exit-message';
import { MINIMUM_CONTRAST_RATIO, terminalTheme, type TerminalThemeKind } from './terminal-themes';

/** A drag of a sash fits many times a second; the shell only needs the size it ends up with. */
const PTY_RESIZE_DEBOUNCE_MS = 100;

const FONT_FAMILY = '"Cascadia Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

export class TerminalView {
  /** The host element: a tab panel named "Terminal N". */
  readonly element: HTMLElement;
  private readonly xterm: Terminal;
  private readonly fitAddon = new FitAddon();
  private readonly acks = new AckCounter();
  private info: TerminalInfo | null = null;
  private exitCode: number | null = null;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    /** The number people see ("bash 2", "Terminal 2"); not the backend's id. */
    readonly number: number,
    private readonly backend: BackendClient,
    theme: TerminalThemeKind,
    private readonly reportError: (message: string) => void,
  ) {
    this.element = el('div', { className: 'terminal-view', role: 'tabpanel', 'aria-label': `Terminal ${number}` });
    this.xterm = new Terminal({
      theme: terminalTheme(theme),
      fontFamily: FONT_FAMILY,
      fontSize: 13,
      scrollback: 5000,
      cursorBlink: true,
      minimumContrastRatio: MINIMUM_CONTRAST_RATIO,
    });
    this.paintBackground(theme);
    this.xterm.loadAddon(this.fitAddon);
    this.xterm.onData((data) => this.sendInput(data));
    this.xterm.onResize(() => this.schedulePtyResize());
  }

  get backendId(): number | null {
    return this.info?.id ?? null;
  }

  /** "bash 2" once the shell is known; what the tab shows. */
  get label(): string {
    return `${this.info?.title ?? 'Terminal'} ${this.number}`;
  }

  get hasExited(): boolean {
    return this.exitCode !== null;
  }

  get size(): { cols: number; rows: number } {
    return { cols: this.xterm.cols, rows: this.xterm.rows };
  }

  /** Must run once the element is in the document, so xterm can measure its font. */
  open(): void {
    this.xterm.open(this.element);
  }

  /** Binds to the backend pty that was created with `requestedSize`. */
  attach(info: TerminalInfo, requestedSize: { cols: number; rows: number }): void {
    this.info = info;
    const { cols, rows } = this.size;
    if (cols !== requestedSize.cols || rows !== requestedSize.rows) this.schedulePtyResize();
  }

  write(data: string): void {
    this.xterm.write(data, () => {
      // Acknowledge only what xterm has actually parsed, or a slow renderer could still be flooded.
      const due = this.acks.written(data.length);
      if (due > 0 && this.info && !this.hasExited) {
        this.backend.request('terminal/ack', { id: this.info.id, chars: due }).catch(() => {
          // A lost ack only slows this terminal down; the next one catches up.
        });
      }
    });
  }

  showExit(exit: TerminalExitEvent): void {
    this.exitCode = exit.exitCode;
    this.xterm.options.disableStdin = true;
    this.xterm.write(`\r\n${exitMessage(exit)}\r\n`);
  }

  /** Shown when the backend connection is gone: typing would go nowhere. */
  showDisconnected(): void {
    if (this.hasExited) return;
    this.xterm.options.disableStdin = true;
    this.xterm.write('\r\n[connection to the backend lost]\r\n');
  }

  fit(): void {
    // A hidden terminal measures as 0×0, and fitting to that would shrink the shell to one column.
    if (this.disposed || this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    this.fitAddon.fit();
  }

  focus(): void {
    this.xterm.focus();
  }

  setTheme(kind: TerminalThemeKind): void {
    this.xterm.options.theme = terminalTheme(kind);
    this.paintBackground(kind);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.resizeTimer);
    this.xterm.dispose();
    this.element.remove();
  }

  /** The padding around the text and the part-row below it belong to the terminal, so they take its background. */
  private paintBackground(kind: TerminalThemeKind): void {
    this.element.style.backgroundColor = terminalTheme(kind).background ?? '';
  }

  private sendInput(data: string): void {
    if (!this.info || this.hasExited) return;
    this.backend.request('terminal/input', { id: this.info.id, data }).catch((error: unknown) => {
      if (!this.hasExited) this.reportError(`Could not send input to ${this.label}: ${errorText(error)}`);
    });
  }

  private schedulePtyResize(): void {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => {
      if (!this.info || this.hasExited || this.disposed) return;
      this.backend.request('terminal/resize', { id: this.info.id, ...this.size }).catch((error: unknown) => {
        if (!this.hasExited) this.reportError(`Could not resize ${this.label}: ${errorText(error)}`);
      });
    }, PTY_RESIZE_DEBOUNCE_MS);
  }
}
