// The detail tree of the selected packet: expand and collapse by mouse or keyboard (the ARIA tree pattern), expanded
// layers remembered from packet to packet, and the selected node's bytes handed to the hex pane.
import type { PacketDetailNode } from '../../../main/api';
import { el } from '../workbench/element';
import { ancestorPaths, expansionKey, nodeAt, parentPath, visibleLines, type NodePath, type TreeLine } from './detail-tree-model';

export interface PacketDetailTreeHost {
  onSelectNode(node: PacketDetailNode | undefined, path: NodePath | undefined): void;
  /** Right-click, the context-menu key or Shift+F10 on a line (already selected): its actions (Apply as Filter...). */
  onLineMenu(node: PacketDetailNode): void;
}

export class PacketDetailTree {
  readonly element: HTMLElement;
  private tree: PacketDetailNode[] = [];
  private lines: TreeLine[] = [];
  private selected: NodePath | undefined;
  /** Expanded nodes by label path (see expansionKey), kept across packets as Wireshark does. */
  private readonly expanded = new Set<string>();
  private readonly idPrefix = `packet-node-${Math.random().toString(36).slice(2, 8)}`;

  constructor(private readonly host: PacketDetailTreeHost) {
    this.element = el('div', { className: 'packet-tree', role: 'tree', 'aria-label': 'Packet details', tabIndex: 0 });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('mousedown', (event) => this.onPointer(event));
    this.element.addEventListener('contextmenu', (event) => this.onContextMenu(event));
    this.showMessage('Select a packet to see its layers.');
  }

  show(tree: PacketDetailNode[]): void {
    this.tree = tree;
    this.selected = undefined;
    this.render();
  }

  showMessage(text: string): void {
    this.tree = [];
    this.lines = [];
    this.selected = undefined;
    this.element.removeAttribute('aria-activedescendant');
    this.element.replaceChildren(el('p', { className: 'empty-message packet-tree-message' }, text));
  }

  get selectedPath(): NodePath | undefined {
    return this.selected;
  }

  /** Selects a node (from the hex pane's byte click): its ancestors open so it can be seen. */
  selectPath(path: NodePath | undefined, notify = true): void {
    if (path !== undefined) for (const ancestor of ancestorPaths(path)) this.expanded.add(expansionKey(this.tree, ancestor));
    this.selected = path;
    this.render();
    this.element.querySelector('.packet-tree-line.selected')?.scrollIntoView({ block: 'nearest' });
    if (notify) this.host.onSelectNode(path === undefined ? undefined : nodeAt(this.tree, path), path);
  }

  focus(): void {
    this.element.focus({ preventScroll: true });
  }

  private isExpanded = (path: NodePath): boolean => this.expanded.has(expansionKey(this.tree, path));

  private setExpanded(path: NodePath, expanded: boolean): void {
    const key = expansionKey(this.tree, path);
    if (expanded) this.expanded.add(key);
    else this.expanded.delete(key);
    this.render();
  }

  private render(): void {
    this.lines = visibleLines(this.tree, this.isExpanded);
    if (!this.lines.length) return this.showMessage('This packet has no detail.');
    const rows = this.lines.map((line) => {
      const selected = line.path === this.selected;
      return el('div', {
        className: `packet-tree-line${selected ? ' selected' : ''}`,
        role: 'treeitem',
        id: `${this.idPrefix}-${line.path.replace(/\//g, '-')}`,
        'data-path': line.path,
        'aria-level': line.level,
        'aria-posinset': line.position,
        'aria-setsize': line.siblings,
        'aria-selected': String(selected),
        'aria-expanded': line.expandable ? String(line.expanded) : undefined,
        style: `padding-left: ${4 + (line.level - 1) * 16}px`,
      },
      el('span', { className: `codicon ${line.expandable ? (line.expanded ? 'codicon-chevron-down' : 'codicon-chevron-right') : 'codicon-blank'} packet-tree-twistie`, 'aria-hidden': 'true' }),
      el('span', { className: 'packet-tree-label' }, line.node.label));
    });
    this.element.replaceChildren(...rows);
    const active = this.lines.find((line) => line.path === this.selected);
    if (active) this.element.setAttribute('aria-activedescendant', `${this.idPrefix}-${active.path.replace(/\//g, '-')}`);
    else this.element.removeAttribute('aria-activedescendant');
  }

  private onPointer(event: MouseEvent): void {
    const line = (event.target as HTMLElement).closest<HTMLElement>('.packet-tree-line');
    if (!line || event.button !== 0) return;
    event.preventDefault();
    this.focus();
    const path = line.dataset.path!;
    const onTwistie = (event.target as HTMLElement).classList.contains('packet-tree-twistie');
    const info = this.lines.find((candidate) => candidate.path === path);
    if (info?.expandable && (onTwistie || event.detail === 2)) this.setExpanded(path, !info.expanded);
    if (path !== this.selected) this.selectPath(path);
  }

  private onContextMenu(event: MouseEvent): void {
    const line = (event.target as HTMLElement).closest<HTMLElement>('.packet-tree-line');
    if (!line) return;
    event.preventDefault();
    const path = line.dataset.path!;
    if (path !== this.selected) this.selectPath(path);
    const node = nodeAt(this.tree, path);
    if (node) this.host.onLineMenu(node);
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.lines.length) return;
    const index = this.lines.findIndex((line) => line.path === this.selected);
    const line = this.lines[index];
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      if (line) this.host.onLineMenu(line.node);
      return;
    }
    const go = (target: number) => this.selectPath(this.lines[Math.max(0, Math.min(target, this.lines.length - 1))].path);
    switch (event.key) {
      case 'ArrowDown':
        go(index + 1);
        break;
      case 'ArrowUp':
        go(index < 0 ? 0 : index - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(this.lines.length - 1);
        break;
      case 'ArrowRight':
        if (!line) go(0);
        else if (line.expandable && !line.expanded) this.setExpanded(line.path, true);
        else if (line.expanded) go(index + 1);
        break;
      case 'ArrowLeft': {
        if (!line) break;
        const parent = parentPath(line.path);
        if (line.expanded) this.setExpanded(line.path, false);
        else if (parent !== undefined) this.selectPath(parent);
        break;
      }
      case 'Enter':
      case ' ':
        if (line?.expandable) this.setExpanded(line.path, !line.expanded);
        break;
      case '*':
        // As in Wireshark and the ARIA pattern: expand every sibling subtree of the current line.
        if (line) for (const sibling of this.lines.filter((other) => other.level === line.level && other.expandable)) this.expanded.add(expansionKey(this.tree, sibling.path));
        this.render();
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}
