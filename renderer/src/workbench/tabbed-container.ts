// A titled area that shows one of several views, switched by a tab strip: the side bar and the bottom panel both are one.
import { el, icon } from './element';
import type { View } from './view';

export class TabbedContainer {
  readonly element: HTMLElement;
  private readonly tabStrip: HTMLElement;
  private readonly actionBar: HTMLElement;
  private readonly body: HTMLElement;
  private readonly views = new Map<string, View>();
  private readonly tabs = new Map<string, HTMLButtonElement>();
  private activeId: string | undefined;

  constructor(
    private readonly options: { label: string; className: string; showTabs: boolean; trailing?: HTMLElement[] },
  ) {
    this.tabStrip = el('div', { className: 'tab-strip', role: 'tablist', 'aria-label': options.label });
    this.actionBar = el('div', { className: 'view-actions', role: 'toolbar', 'aria-label': `${options.label} actions` });
    this.body = el('div', { className: 'container-body' });
    const header = el('div', { className: 'container-header' }, this.tabStrip, this.actionBar, ...(options.trailing ?? []));
    this.element = el('section', { className: options.className, 'aria-label': options.label }, header, this.body);
  }

  add(view: View): void {
    this.views.set(view.id, view);
    view.element.classList.add('view');
    view.element.setAttribute('role', 'tabpanel');
    view.element.id = `view-${view.id}`;
    view.element.setAttribute('aria-label', view.title);
    view.element.hidden = true;
    this.body.append(view.element);
    const tab = el('button', {
      className: 'tab',
      role: 'tab',
      id: `tab-${view.id}`,
      'aria-selected': 'false',
      'aria-controls': `view-${view.id}`,
      onclick: () => this.show(view.id),
    }, view.title);
    tab.hidden = !this.options.showTabs;
    this.tabs.set(view.id, tab);
    this.tabStrip.append(tab);
  }

  /** A count on the view's tab, as VS Code shows the number of problems (0 hides it); `description` is its tooltip. */
  setBadge(id: string, count: number, description: string): void {
    const tab = this.tabs.get(id);
    if (!tab) return;
    let badge = tab.querySelector<HTMLElement>('.tab-badge');
    if (count === 0) return badge?.remove();
    if (!badge) tab.append((badge = el('span', { className: 'tab-badge' })));
    badge.textContent = String(count);
    badge.title = description;
  }

  get active(): View | undefined {
    return this.activeId ? this.views.get(this.activeId) : undefined;
  }

  show(id: string): View {
    const view = this.views.get(id);
    if (!view) throw new Error(`no view ${id}`);
    for (const [otherId, other] of this.views) {
      other.element.hidden = otherId !== id;
      this.tabs.get(otherId)!.setAttribute('aria-selected', String(otherId === id));
      this.tabs.get(otherId)!.tabIndex = otherId === id ? 0 : -1;
    }
    this.activeId = id;
    if (!this.options.showTabs) this.tabStrip.setAttribute('data-title', view.title.toUpperCase());
    this.actionBar.replaceChildren(
      ...(view.actions ?? []).map((action) =>
        el('button', { className: 'icon-button', 'aria-label': action.label, title: action.label, onclick: () => action.run() }, icon(action.icon)),
      ),
    );
    view.onShow?.();
    view.layout?.();
    return view;
  }

  layout(): void {
    this.active?.layout?.();
  }
}
