// An expandable tree of debugger values (scopes, variables, watch results) whose children are fetched when opened.
import { el, icon } from '../workbench/element';

export interface VariableNode {
  name: string;
  value?: string;
  type?: string;
  /** Above zero: the node has children, fetched with a `variables` request on this reference. */
  variablesReference: number;
  memoryReference?: string;
  /** The container it was listed in (what DAP's setVariable names it by). */
  parentReference?: number;
  /** A scope heading (Locals, Registers), an ordinary value, or an error in place of a value. */
  kind?: 'scope' | 'variable' | 'error';
}

export interface VariableTreeOptions {
  label: string;
  loadChildren(variablesReference: number): Promise<VariableNode[]>;
  /** Whether a node nobody opened or closed yet starts open (VS Code opens the first scope). */
  expandByDefault?(node: VariableNode, index: number, depth: number): boolean;
  /** Extra buttons on a row, e.g. remove for a watch expression. */
  rowActions?(node: VariableNode, index: number, depth: number): HTMLElement[];
  onOpenMemory?(memoryReference: string, node: VariableNode): void;
  /** What the tree says when it has no roots. */
  emptyText?: string;
}

export class VariableTree {
  readonly element: HTMLElement;
  /** Open or closed as the user left it, by path of names: it survives steps, as the variables' references do not. */
  private readonly userExpanded = new Map<string, boolean>();
  private previousValues = new Map<string, string>();
  private currentValues = new Map<string, string>();
  private roots: VariableNode[] = [];
  private generation = 0;

  constructor(private readonly options: VariableTreeOptions) {
    this.element = el('div', { className: 'variable-tree', role: 'tree', 'aria-label': options.label });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.showMessage(options.emptyText ?? '');
  }

  /**
   * Shows new roots, fetching the children of every open node before swapping, so a step does not flicker.
   * Values that differ from the previous roots' are marked as changed.
   */
  async setRoots(roots: VariableNode[]): Promise<void> {
    const generation = ++this.generation;
    this.roots = roots;
    this.previousValues = this.currentValues;
    this.currentValues = new Map();
    if (roots.length === 0) return this.showMessage(this.options.emptyText ?? '');
    const items = await Promise.all(roots.map((node, index) => this.renderNode(node, index, 1, node.name)));
    if (generation !== this.generation) return;
    this.element.replaceChildren(...items);
    this.fixTabStop();
  }

  /** Keeps the roots but forgets values: the session ended or the guest runs. */
  showMessage(text: string): void {
    this.generation++;
    this.element.replaceChildren(...(text ? [el('p', { className: 'empty-message' }, text)] : []));
  }

  get rootNodes(): readonly VariableNode[] {
    return this.roots;
  }

  private async renderNode(node: VariableNode, index: number, depth: number, path: string): Promise<HTMLElement> {
    const expandable = node.variablesReference > 0;
    const open = expandable && (this.userExpanded.get(path) ?? this.options.expandByDefault?.(node, index, depth) ?? false);
    if (node.value !== undefined) this.currentValues.set(path, node.value);
    const changed = node.value !== undefined && this.previousValues.has(path) && this.previousValues.get(path) !== node.value;
    const chevron = el('span', { className: `codicon ${expandable ? (open ? 'codicon-chevron-down' : 'codicon-chevron-right') : 'variable-leaf'}`, 'aria-hidden': 'true' });
    const actions = [...(this.options.rowActions?.(node, index, depth) ?? [])];
    if (node.memoryReference && this.options.onOpenMemory) {
      const reference = node.memoryReference;
      actions.push(
        el(
          'button',
          {
            className: 'icon-button row-action',
            'aria-label': `View memory of ${node.name}`,
            title: 'View Binary Data (Memory view)',
            tabIndex: -1,
            onclick: (event: Event) => (event.stopPropagation(), this.options.onOpenMemory?.(reference, node)),
          },
          icon('file-binary'),
        ),
      );
    }
    const row = el(
      'div',
      { className: 'variable-row', style: `padding-left: ${(depth - 1) * 12 + 4}px` },
      chevron,
      el('span', { className: `variable-name${node.kind === 'scope' ? ' scope-name' : ''}` }, node.name),
      node.value !== undefined && el('span', { className: 'variable-separator' }, ': '),
      node.value !== undefined &&
        el('span', { className: `variable-value ${valueClass(node)}${changed ? ' changed' : ''}`, title: node.type ? `${node.type}: ${node.value}` : node.value }, node.value),
      actions.length > 0 && el('span', { className: 'row-actions' }, ...actions),
    );
    const item = el(
      'div',
      {
        className: 'variable-item',
        role: 'treeitem',
        tabIndex: -1,
        'aria-level': depth,
        'aria-label': node.value !== undefined ? `${node.name}: ${node.value}` : node.name,
        'aria-expanded': expandable ? String(open) : undefined,
      },
      row,
    );
    row.addEventListener('click', () => {
      item.focus();
      if (expandable) void this.toggle(item, node, depth, path);
    });
    if (open) item.append(await this.renderChildren(node, depth, path));
    return item;
  }

  private async renderChildren(node: VariableNode, depth: number, path: string): Promise<HTMLElement> {
    const group = el('div', { role: 'group' });
    try {
      const children = await this.options.loadChildren(node.variablesReference);
      const items = await Promise.all(children.map((child, index) => this.renderNode(child, index, depth + 1, `${path}/${child.name}`)));
      group.append(...items);
      if (children.length === 0) group.append(el('div', { className: 'variable-note', style: `padding-left: ${depth * 12 + 20}px` }, 'no values'));
    } catch (error) {
      group.append(el('div', { className: 'variable-note variable-error', style: `padding-left: ${depth * 12 + 20}px` }, (error as Error).message));
    }
    return group;
  }

  private async toggle(item: HTMLElement, node: VariableNode, depth: number, path: string): Promise<void> {
    const open = item.getAttribute('aria-expanded') !== 'true';
    this.userExpanded.set(path, open);
    item.setAttribute('aria-expanded', String(open));
    const chevron = item.querySelector(':scope > .variable-row > .codicon')!;
    chevron.className = `codicon ${open ? 'codicon-chevron-down' : 'codicon-chevron-right'}`;
    item.querySelector(':scope > [role="group"]')?.remove();
    if (!open) return;
    const generation = this.generation;
    const group = await this.renderChildren(node, depth, path);
    if (generation === this.generation && item.getAttribute('aria-expanded') === 'true' && !item.querySelector(':scope > [role="group"]')) item.append(group);
  }

  /** Closed nodes drop their children from the DOM, so every item present is visible. */
  private visibleItems(): HTMLElement[] {
    return [...this.element.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  }

  private fixTabStop(): void {
    const items = this.visibleItems();
    if (items.length && !items.some((item) => item.tabIndex === 0)) items[0].tabIndex = 0;
  }

  private onKey(event: KeyboardEvent): void {
    const current = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (!current) return;
    const items = this.visibleItems();
    const index = items.indexOf(current);
    const expanded = current.getAttribute('aria-expanded');
    let next: HTMLElement | undefined;
    if (event.key === 'ArrowDown') next = items[index + 1];
    else if (event.key === 'ArrowUp') next = items[index - 1];
    else if ((event.key === 'ArrowRight' && expanded === 'false') || (event.key === 'ArrowLeft' && expanded === 'true') || event.key === 'Enter' || event.key === ' ') {
      (current.querySelector(':scope > .variable-row') as HTMLElement).click();
    } else if (event.key === 'ArrowLeft') next = current.parentElement?.closest<HTMLElement>('[role="treeitem"]') ?? undefined;
    else return;
    event.preventDefault();
    if (next) {
      for (const item of items) item.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    }
  }
}

/** VS Code colours values by kind: numbers, strings, errors. */
function valueClass(node: VariableNode): string {
  if (node.kind === 'error') return 'value-error';
  const value = node.value ?? '';
  if (/^-?(0x[0-9a-f]+|\d)/i.test(value)) return 'value-number';
  if (/^(0x[0-9a-f]+ )?["']/i.test(value)) return 'value-string';
  return '';
}
