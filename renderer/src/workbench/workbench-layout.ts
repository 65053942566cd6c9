// Places the parts of the workbench on screen: activity bar, resizable side bar, editor area, resizable panel, status bar.
import { el } from './element';
import { createSash } from './sash';

const MIN_SIDEBAR = 170;
const MIN_PANEL = 80;

export class WorkbenchLayout {
  readonly element: HTMLElement;
  readonly editorArea: HTMLElement;
  private sidebarWidth = 260;
  private panelHeight = 240;
  private sidebarVisible = true;
  private panelVisible = true;
  private readonly main: HTMLElement;
  private readonly column: HTMLElement;
  private readonly listeners = new Set<() => void>();

  constructor(
    root: HTMLElement,
    private readonly parts: { activityBar: HTMLElement; sideBar: HTMLElement; panel: HTMLElement; statusBar: HTMLElement },
  ) {
    this.editorArea = el('main', { className: 'editor-area', 'aria-label': 'Editor' });
    const sidebarSash = createSash({
      orientation: 'vertical',
      label: 'Resize side bar',
      size: () => this.sidebarWidth,
      resize: (size) => this.setSidebarWidth(size),
    });
    const panelSash = createSash({
      orientation: 'horizontal',
      label: 'Resize panel',
      size: () => this.panelHeight,
      resize: (size) => this.setPanelHeight(size),
      invert: true,
    });
    this.column = el('div', { className: 'editor-column' }, this.editorArea, panelSash, parts.panel);
    this.main = el('div', { className: 'workbench-main' }, parts.activityBar, parts.sideBar, sidebarSash, this.column);
    this.element = el('div', { className: 'workbench' }, this.main, parts.statusBar);
    root.replaceChildren(this.element);
    this.apply();
    new ResizeObserver(() => this.fire()).observe(this.editorArea);
  }

  onDidLayout(listener: () => void): void {
    this.listeners.add(listener);
  }

  get isSidebarVisible(): boolean {
    return this.sidebarVisible;
  }

  get isPanelVisible(): boolean {
    return this.panelVisible;
  }

  setSidebarVisible(visible: boolean): void {
    this.sidebarVisible = visible;
    this.apply();
  }

  setPanelVisible(visible: boolean): void {
    this.panelVisible = visible;
    this.apply();
  }

  /** Makes the panel at least this tall (a view that needs room asks; a taller panel the user chose stays). */
  ensurePanelHeight(height: number): void {
    if (this.panelHeight < height) this.setPanelHeight(height);
  }

  private setSidebarWidth(width: number): void {
    this.sidebarWidth = Math.max(MIN_SIDEBAR, Math.min(width, window.innerWidth * 0.6));
    this.apply();
  }

  private setPanelHeight(height: number): void {
    this.panelHeight = Math.max(MIN_PANEL, Math.min(height, window.innerHeight * 0.8));
    this.apply();
  }

  private apply(): void {
    this.main.style.setProperty('--sidebar-width', this.sidebarVisible ? `${this.sidebarWidth}px` : '0px');
    this.column.style.setProperty('--panel-height', this.panelVisible ? `${this.panelHeight}px` : '0px');
    this.parts.sideBar.hidden = !this.sidebarVisible;
    this.parts.panel.hidden = !this.panelVisible;
    this.main.classList.toggle('sidebar-hidden', !this.sidebarVisible);
    this.column.classList.toggle('panel-hidden', !this.panelVisible);
    this.fire();
  }

  private fire(): void {
    requestAnimationFrame(() => this.listeners.forEach((listener) => listener()));
  }
}
