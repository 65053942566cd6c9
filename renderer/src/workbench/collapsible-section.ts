// A titled part of a side-bar view that folds away, like the Variables or Breakpoints sections of VS Code's Run and Debug.
import { el, icon } from './element';
import type { ViewAction } from './view';

export class CollapsibleSection {
  readonly element: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly body: HTMLElement;
  private readonly actionBar: HTMLElement;
  private expandedState: boolean;
  private readonly listeners = new Set<(expanded: boolean) => void>();

  constructor(
    readonly title: string,
    content: HTMLElement,
    options: { expanded?: boolean; actions?: ViewAction[] } = {},
  ) {
    const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
    this.expandedState = options.expanded ?? true;
    this.toggle = el(
      'button',
      { className: 'section-toggle', 'aria-controls': `${id}-body`, id: `${id}-toggle`, onclick: () => this.setExpanded(!this.expandedState) },
      el('span', { className: 'codicon section-chevron', 'aria-hidden': 'true' }),
      el('span', { className: 'section-label' }, title),
    );
    this.actionBar = el('div', { className: 'section-actions', role: 'toolbar', 'aria-label': `${title} actions` });
    this.setActions(options.actions ?? []);
    this.body = el('div', { className: 'section-body', id: `${id}-body`, role: 'region', 'aria-labelledby': `${id}-toggle` }, content);
    this.element = el('section', { className: 'collapsible-section' }, el('div', { className: 'section-header' }, this.toggle, this.actionBar), this.body);
    this.apply();
  }

  get expanded(): boolean {
    return this.expandedState;
  }

  setExpanded(expanded: boolean): void {
    if (this.expandedState === expanded) return;
    this.expandedState = expanded;
    this.apply();
    for (const listener of this.listeners) listener(expanded);
  }

  onDidToggle(listener: (expanded: boolean) => void): void {
    this.listeners.add(listener);
  }

  setActions(actions: ViewAction[]): void {
    this.actionBar.replaceChildren(
      ...actions.map((action) =>
        el('button', { className: 'icon-button', 'aria-label': action.label, title: action.label, onclick: () => action.run() }, icon(action.icon)),
      ),
    );
  }

  private apply(): void {
    this.toggle.setAttribute('aria-expanded', String(this.expandedState));
    this.toggle.firstElementChild!.className = `codicon section-chevron codicon-chevron-${this.expandedState ? 'down' : 'right'}`;
    this.element.classList.toggle('expanded', this.expandedState);
    this.body.hidden = !this.expandedState;
  }
}
