// The terminal panel: several shells, each an xterm tab, wired to the backend's terminal/* requests and events.
import '@xterm/xterm/css/xterm.css';
import './terminal-panel.css';
import type { TerminalDataEvent, TerminalExitEvent } from '../../../main/api/terminal-protocol';
import type { BackendClient, Subscription } from '../transport/backend-client';
import { BackendError } from '../transport/backend-client';
import { el, icon } from '../workbench/element';
import { EarlyOutputBuffer } from './early-output-buffer';
import { errorText } from './error-text';
import { lowestFreeNumber } from './terminal-numbering';
import { TerminalTabStrip } from './terminal-tab-strip';
import type { TerminalThemeKind } from './terminal-themes';
import { TerminalView } from './terminal-view';

let panelCount = 0;

export class TerminalPanel {
  private readonly root: HTMLElement;
  private readonly viewsElement: HTMLElement;
  private readonly messageElement: HTMLElement;
  private readonly tabs: TerminalTabStrip;
  private readonly views: TerminalView[] = [];
  private readonly early = new EarlyOutputBuffer();
  private readonly subscriptions: Subscription[];
  private readonly resizeObserver: ResizeObserver;
  /** Distinguishes element ids when a page has more than one panel. */
  private readonly idPrefix = `terminal-panel-${++panelCount}`;
  private active: TerminalView | null = null;
  private theme: TerminalThemeKind = 'dark';
  private pendingCreates = 0;
  private fitFrame: number | undefined;
  private disposed = false;
  /** Shells waiting to be typed into: typing before the shell's first output is echoed raw, then again by readline. */
  private readonly awaitingOutput = new Map<number, () => void>();

  constructor(
    private readonly container: HTMLElement,
    private readonly backend: BackendClient,
  ) {
    this.tabs = new TerminalTabStrip((number, focusTerminal) => this.activate(this.viewNumbered(number), focusTerminal));
    this.messageElement = el('div', { className: 'terminal-panel__message', role: 'alert', hidden: true });
    this.viewsElement = el('div', { className: 'terminal-panel__views' });
    this.root = el(
      'div',
      { className: 'terminal-panel' },
      el('div', { className: 'terminal-panel__main' }, this.messageElement, this.viewsElement),
      el(
        'div',
        { className: 'terminal-panel__side' },
        el(
          'div',
          { className: 'terminal-panel__actions', role: 'toolbar', 'aria-label': 'Terminal actions' },
          el('button', { className: 'icon-button', 'aria-label': 'New Terminal', title: 'New Terminal', onclick: () => void this.newTerminal() }, icon('add')),
          el('button', { className: 'icon-button', 'aria-label': 'Kill Terminal', title: 'Kill Terminal', onclick: () => void this.killActive() }, icon('trash')),
        ),
        this.tabs.element,
      ),
    );
    container.append(this.root);
    this.subscriptions = [
      backend.on('terminal/data', (event) => this.onData(event)),
      backend.on('terminal/exit', (event) => this.onExit(event)),
      backend.onDisconnect(() => this.onDisconnect()),
    ];
    this.resizeObserver = new ResizeObserver(() => this.scheduleFit());
    this.resizeObserver.observe(this.viewsElement);
  }

  /**
   * Opens a shell in the workspace folder; `initialInput` is typed into it (the shell reads it once its prompt is up).
   * Failures are shown in the panel, so callers need not catch.
   */
  async newTerminal(initialInput?: string): Promise<void> {
    if (this.disposed) return;
    const view = new TerminalView(
      lowestFreeNumber(this.views.map((existing) => existing.number)),
      this.backend,
      this.theme,
      (message) => this.showMessage(message),
    );
    view.element.id = `${this.idPrefix}-terminal-${view.number}`;
    this.views.push(view);
    this.viewsElement.append(view.element);
    view.open();
    this.tabs.add(this.tabFor(view));
    this.activate(view, true);
    const requestedSize = view.size;
    this.pendingCreates++;
    try {
      const info = await this.backend.request('terminal/create', requestedSize);
      if (!this.views.includes(view)) {
        // Killed or disposed while the shell was starting: nobody will show it, so end it now.
        this.backend.request('terminal/kill', { id: info.id }).catch(() => {});
        return;
      }
      view.attach(info, requestedSize);
      this.tabs.update(this.tabFor(view));
      this.hideMessage();
      const held = this.early.take(info.id);
      for (const data of held.data) view.write(data);
      if (held.exit) this.onExit(held.exit);
      if (initialInput) {
        if (held.data.length === 0) await this.firstOutputOf(info.id);
        await this.backend.request('terminal/input', { id: info.id, data: initialInput });
      }
    } catch (error) {
      this.showMessage(`Could not open a terminal: ${errorText(error)}`);
      this.remove(view);
    } finally {
      if (--this.pendingCreates === 0) this.early.clear();
    }
  }

  /** Kills the shown terminal's shell and closes its tab; an exited terminal's tab just closes. */
  async killActive(): Promise<void> {
    const view = this.active;
    if (!view) return;
    const id = view.backendId;
    if (id !== null && !view.hasExited) {
      try {
        await this.backend.request('terminal/kill', { id });
      } catch (error) {
        // Not found means it already exited; any other failure leaves the tab so the user can retry.
        if (!(error instanceof BackendError && error.code === 'not-found')) {
          this.showMessage(`Could not kill ${view.label}: ${errorText(error)}`);
          return;
        }
      }
    }
    this.remove(view);
  }

  focus(): void {
    this.active?.focus();
  }

  /** Fits the shown terminal to the panel now (the panel also refits by itself when its size changes). */
  layout(): void {
    this.active?.fit();
  }

  setTheme(kind: TerminalThemeKind): void {
    this.theme = kind;
    for (const view of this.views) view.setTheme(kind);
  }

  /** Closes the panel and ends its shells. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.resizeObserver.disconnect();
    if (this.fitFrame !== undefined) cancelAnimationFrame(this.fitFrame);
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const view of this.views) {
      const id = view.backendId;
      if (id !== null && !view.hasExited) this.backend.request('terminal/kill', { id }).catch(() => {});
      view.dispose();
    }
    this.views.length = 0;
    this.active = null;
    this.root.remove();
  }

  /** Resolves at the shell's first output, or after a few seconds for a shell that prints nothing until typed to. */
  private firstOutputOf(id: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.awaitingOutput.delete(id);
        resolve();
      };
      const timer = setTimeout(done, 3000);
      this.awaitingOutput.set(id, done);
    });
  }

  private onData(event: TerminalDataEvent): void {
    this.awaitingOutput.get(event.id)?.();
    const view = this.viewWithId(event.id);
    if (view) view.write(event.data);
    else if (this.pendingCreates > 0) this.early.holdData(event.id, event.data);
  }

  private onExit(event: TerminalExitEvent): void {
    const view = this.viewWithId(event.id);
    if (view) {
      view.showExit(event);
      this.tabs.update(this.tabFor(view));
    } else if (this.pendingCreates > 0) {
      this.early.holdExit(event);
    }
  }

  private onDisconnect(): void {
    for (const view of this.views) view.showDisconnected();
    this.showMessage('Lost the connection to the backend. Reload the window to get working terminals again.');
  }

  private activate(view: TerminalView | undefined, focusTerminal: boolean): void {
    if (!view) return;
    this.active = view;
    for (const each of this.views) each.element.hidden = each !== view;
    this.tabs.select(view.number);
    // Hidden terminals were not fitted while the panel changed size.
    view.fit();
    if (focusTerminal) view.focus();
  }

  private remove(view: TerminalView): void {
    const index = this.views.indexOf(view);
    if (index < 0) return;
    this.views.splice(index, 1);
    this.tabs.remove(view.number);
    view.dispose();
    if (this.active === view) {
      this.active = null;
      this.activate(this.views[Math.min(index, this.views.length - 1)], true);
    }
  }

  private scheduleFit(): void {
    // ResizeObserver fires on every frame of a drag; fitting once per frame is enough.
    if (this.fitFrame !== undefined) return;
    this.fitFrame = requestAnimationFrame(() => {
      this.fitFrame = undefined;
      this.active?.fit();
    });
  }

  private tabFor(view: TerminalView) {
    return { number: view.number, label: view.label, exited: view.hasExited, panelId: view.element.id };
  }

  private viewNumbered(number: number): TerminalView | undefined {
    return this.views.find((view) => view.number === number);
  }

  private viewWithId(id: number): TerminalView | undefined {
    return this.views.find((view) => view.backendId === id);
  }

  private showMessage(message: string): void {
    this.messageElement.textContent = message;
    this.messageElement.hidden = false;
  }

  private hideMessage(): void {
    this.messageElement.textContent = '';
    this.messageElement.hidden = true;
  }
}
