// The Breakpoints section: every breakpoint with a checkbox to enable it, a remove button, and function breakpoints by name.
import { el, icon } from '../workbench/element';
import type { Breakpoint, BreakpointStore, DataBreakpoint, FunctionBreakpoint, SourceBreakpoint } from './breakpoint-store';

export interface BreakpointsViewHost {
  openAt(path: string, line: number): void;
  /** Edit Condition…: the expression or hit count that decides whether the breakpoint stops. */
  editCondition(breakpoint: SourceBreakpoint | FunctionBreakpoint | DataBreakpoint): void;
}

export class BreakpointsView {
  readonly element: HTMLElement;

  constructor(
    private readonly store: BreakpointStore,
    private readonly host: BreakpointsViewHost,
  ) {
    this.element = el('div', { className: 'breakpoints-view' });
    store.onDidChange(() => this.render());
    this.render();
  }

  private render(): void {
    const breakpoints = [...this.store.functions(), ...this.store.data(), ...this.store.sources(), ...this.store.instructions()];
    if (breakpoints.length === 0) {
      this.element.replaceChildren(el('p', { className: 'empty-message' }, 'No breakpoints. Click left of a line number to add one, or add a function breakpoint.'));
      return;
    }
    this.element.replaceChildren(el('ul', { className: 'breakpoint-list', role: 'list', 'aria-label': 'Breakpoints' }, ...breakpoints.map((breakpoint) => this.row(breakpoint))));
  }

  private row(breakpoint: Breakpoint): HTMLElement {
    const label = describe(breakpoint);
    const checkbox = el('input', { type: 'checkbox', 'aria-label': `Enable breakpoint ${label}` });
    checkbox.checked = breakpoint.enabled;
    checkbox.addEventListener('change', () => this.store.setEnabled(breakpoint.id, checkbox.checked));
    const state = !breakpoint.enabled ? 'disabled' : breakpoint.verified === false ? 'unverified' : '';
    const conditional = breakpoint.kind !== 'instruction' && (breakpoint.condition !== undefined || breakpoint.hitCondition !== undefined);
    const logpoint = breakpoint.kind === 'source' && breakpoint.logMessage !== undefined;
    const glyph =
      breakpoint.kind === 'function' ? 'codicon-debug-breakpoint-function'
      : breakpoint.kind === 'data' ? 'codicon-debug-breakpoint-data'
      : logpoint ? 'codicon-debug-breakpoint-log'
      : conditional ? 'codicon-debug-breakpoint-conditional'
      : 'codicon-debug-breakpoint';
    const detail =
      breakpoint.kind === 'source'
        ? el('span', { className: 'breakpoint-detail' }, breakpoint.path.includes('/') ? breakpoint.path.slice(0, breakpoint.path.lastIndexOf('/')) : '')
        : el('span', { className: 'breakpoint-detail' }, breakpoint.kind === 'function' ? 'function' : breakpoint.kind === 'data' ? ACCESS_TEXT[breakpoint.accessType] : 'instruction');
    const name =
      breakpoint.kind === 'source'
        ? el('button', { className: 'link-button breakpoint-name', title: `Open ${breakpoint.path} at line ${breakpoint.line}`, onclick: () => this.host.openAt(breakpoint.path, breakpoint.line) }, label)
        : el('span', { className: 'breakpoint-name' }, label);
    return el(
      'li',
      {
        className: `breakpoint-row ${state}`,
        'aria-label': `${label}${!breakpoint.enabled ? ', disabled' : breakpoint.verified === false ? `, not set: ${breakpoint.message ?? 'unverified'}` : breakpoint.verified ? ', set' : ''}`,
        title: breakpoint.message ?? '',
      },
      checkbox,
      el('span', { className: `codicon ${glyph}${state ? `-${state}` : ''} breakpoint-glyph`, 'aria-hidden': 'true' }),
      name,
      detail,
      breakpoint.kind !== 'instruction' && breakpoint.condition ? el('span', { className: 'breakpoint-detail' }, `if ${breakpoint.condition}`) : null,
      breakpoint.kind !== 'instruction' && breakpoint.hitCondition ? el('span', { className: 'breakpoint-detail' }, `hit ${hitCountText(breakpoint.hitCondition)}`) : null,
      breakpoint.kind === 'source' && breakpoint.logMessage ? el('span', { className: 'breakpoint-detail' }, `log ${breakpoint.logMessage}`) : null,
      breakpoint.kind !== 'instruction'
        ? el('button', { className: 'icon-button row-action', 'aria-label': `Edit condition of breakpoint ${label}`, title: 'Edit Condition…', onclick: () => this.host.editCondition(breakpoint) }, icon('edit'))
        : null,
      el('button', { className: 'icon-button row-action', 'aria-label': `Remove breakpoint ${label}`, title: 'Remove Breakpoint', onclick: () => this.store.remove(breakpoint.id) }, icon('close')),
    );
  }
}

const ACCESS_TEXT: Record<DataBreakpoint['accessType'], string> = { write: 'when written', read: 'when read', readWrite: 'when read or written' };

/** `3` reads "≥ 3" (gdb stops from that hit on); `>=3` and `>3` read as written. */
function hitCountText(hitCondition: string): string {
  const text = hitCondition.trim();
  return /^\d+$/.test(text) ? `≥ ${text}` : text.replace(/^>=\s*/, '≥ ').replace(/^>\s*/, '> ');
}

export function describe(breakpoint: Breakpoint): string {
  if (breakpoint.kind === 'source') {
    const line = breakpoint.actualLine ? `${breakpoint.line} → ${breakpoint.actualLine}` : String(breakpoint.line);
    return `${breakpoint.path.slice(breakpoint.path.lastIndexOf('/') + 1)}:${line}`;
  }
  if (breakpoint.kind === 'function') return breakpoint.name;
  if (breakpoint.kind === 'data') return breakpoint.expression;
  return breakpoint.address;
}
