// The lazy file tree: folders load their children when first expanded and reload when files change on disk.
import type { DirEntry, WorkspaceChange } from '../../../main/api';
import type { BackendClient } from '../transport/backend-client';
import { el, icon } from '../workbench/element';

interface TreeNode {
  entry: DirEntry;
  depth: number;
  expanded: boolean;
  /** Paths of the children, once loaded. */
  children?: string[];
}

export interface FileTreeEvents {
  onOpen(path: string): void;
  onContextMenu(entry: DirEntry): void;
  onError(message: string): void;
}

const ROOT = '';

export class FileTree {
  readonly element: HTMLElement;
  private readonly nodes = new Map<string, TreeNode>();
  private selected: string | undefined;

  constructor(
    private readonly backend: BackendClient,
    private readonly events: FileTreeEvents,
  ) {
    this.element = el('div', { className: 'file-tree', role: 'tree', 'aria-label': 'Files Explorer', tabIndex: 0 });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('focus', () => {
      if (!this.selected) this.select(this.visible()[0]?.entry.path);
    });
  }

  /** Loads the root folder's entries; call again after another folder is opened. */
  async reset(): Promise<void> {
    this.nodes.clear();
    this.selected = undefined;
    this.nodes.set(ROOT, { entry: { name: '', path: ROOT, kind: 'directory', symlink: false }, depth: -1, expanded: true });
    await this.load(ROOT);
  }

  get selection(): DirEntry | undefined {
    return this.selected !== undefined ? this.nodes.get(this.selected)?.entry : undefined;
  }

  /** The folder new files go into: the selected folder, or the selected file's folder, or the root. */
  targetFolder(): string {
    const entry = this.selection;
    if (!entry) return ROOT;
    if (entry.kind === 'directory') return entry.path;
    return parentOf(entry.path);
  }

  async toggle(path: string): Promise<void> {
    const node = this.nodes.get(path);
    if (!node || node.entry.kind !== 'directory') return;
    node.expanded = !node.expanded;
    if (node.expanded && !node.children) await this.load(path);
    else this.render();
  }

  collapseAll(): void {
    for (const [path, node] of this.nodes) if (path !== ROOT) node.expanded = false;
    this.render();
  }

  /** Reveals and selects a path, expanding its folders. */
  async reveal(path: string): Promise<void> {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      const node = this.nodes.get(folder);
      if (!node) break;
      if (!node.expanded || !node.children) {
        node.expanded = true;
        await this.load(folder);
      }
    }
    this.select(path);
  }

  /** Reloads every loaded folder touched by the changes. */
  async applyChanges(changes: WorkspaceChange[]): Promise<void> {
    const folders = new Set<string>();
    for (const change of changes) {
      folders.add(parentOf(change.path));
      if (change.kind === 'deleted' && this.nodes.get(change.path)?.children) folders.add(change.path);
    }
    for (const folder of folders) {
      const node = this.nodes.get(folder);
      if (node?.children) await this.load(folder);
    }
  }

  async refresh(): Promise<void> {
    const loaded = [...this.nodes.entries()].filter(([, node]) => node.children).map(([path]) => path);
    for (const path of loaded) await this.load(path);
  }

  private async load(path: string): Promise<void> {
    const node = this.nodes.get(path);
    if (!node) return;
    let entries: DirEntry[];
    try {
      entries = await this.backend.request('fs/readDir', { path });
    } catch (error) {
      if (path === ROOT) this.events.onError(`Could not read the workspace folder: ${(error as Error).message}`);
      this.forgetSubtree(path, path !== ROOT);
      this.render();
      return;
    }
    const keep = new Set(entries.map((entry) => entry.path));
    for (const old of node.children ?? []) if (!keep.has(old)) this.forgetSubtree(old, true);
    node.children = entries.map((entry) => entry.path);
    for (const entry of entries) {
      const existing = this.nodes.get(entry.path);
      if (existing) existing.entry = entry;
      else this.nodes.set(entry.path, { entry, depth: node.depth + 1, expanded: false });
    }
    this.render();
  }

  private forgetSubtree(path: string, includeSelf: boolean): void {
    for (const key of [...this.nodes.keys()]) {
      if (key.startsWith(`${path}/`) || (includeSelf && key === path)) this.nodes.delete(key);
    }
    if (this.selected !== undefined && !this.nodes.has(this.selected)) this.selected = undefined;
  }

  private visible(): TreeNode[] {
    const rows: TreeNode[] = [];
    const walk = (path: string) => {
      for (const child of this.nodes.get(path)?.children ?? []) {
        const node = this.nodes.get(child);
        if (!node) continue;
        rows.push(node);
        if (node.expanded) walk(child);
      }
    };
    walk(ROOT);
    return rows;
  }

  private render(): void {
    const rows = this.visible();
    this.element.replaceChildren(
      ...rows.map((node) => {
        const { entry } = node;
        const isFolder = entry.kind === 'directory';
        const selected = entry.path === this.selected;
        const row = el(
          'div',
          {
            className: `tree-row${selected ? ' selected' : ''}`,
            role: 'treeitem',
            id: treeItemId(entry.path),
            'aria-level': node.depth + 1,
            'aria-selected': String(selected),
            'aria-expanded': isFolder ? String(node.expanded) : undefined,
            'aria-label': entry.name,
            'data-path': entry.path,
            title: entry.symlink ? `${entry.path} (symbolic link)` : entry.path,
            onclick: () => {
              this.select(entry.path);
              if (isFolder) void this.toggle(entry.path);
              else this.events.onOpen(entry.path);
            },
            oncontextmenu: (event: Event) => {
              event.preventDefault();
              this.select(entry.path);
              this.events.onContextMenu(entry);
            },
          },
          el('span', { className: 'tree-indent', style: `width:${node.depth * 12 + 4}px` }),
          icon(isFolder ? (node.expanded ? 'chevron-down' : 'chevron-right') : 'blank'),
          icon(isFolder ? 'folder' : 'file'),
          el('span', { className: 'tree-label' }, entry.name),
        );
        return row;
      }),
    );
    this.element.setAttribute('aria-activedescendant', this.selected !== undefined ? treeItemId(this.selected) : '');
  }

  /** Moves the selection by updating attributes only: rebuilding rows mid-click would swallow the click. */
  private select(path: string | undefined): void {
    this.selected = path;
    for (const row of this.element.children) {
      const selected = (row as HTMLElement).dataset.path === path;
      row.classList.toggle('selected', selected);
      row.setAttribute('aria-selected', String(selected));
    }
    this.element.setAttribute('aria-activedescendant', path !== undefined ? treeItemId(path) : '');
    if (path !== undefined) document.getElementById(treeItemId(path))?.scrollIntoView({ block: 'nearest' });
  }

  private onKey(event: KeyboardEvent): void {
    const rows = this.visible();
    const index = rows.findIndex((node) => node.entry.path === this.selected);
    const current = rows[index];
    switch (event.key) {
      case 'ArrowDown':
        this.select(rows[Math.min(index + 1, rows.length - 1)]?.entry.path);
        break;
      case 'ArrowUp':
        this.select(rows[Math.max(index - 1, 0)]?.entry.path);
        break;
      case 'Home':
        this.select(rows[0]?.entry.path);
        break;
      case 'End':
        this.select(rows[rows.length - 1]?.entry.path);
        break;
      case 'ArrowRight':
        if (current?.entry.kind === 'directory' && !current.expanded) void this.toggle(current.entry.path);
        break;
      case 'ArrowLeft':
        if (current?.entry.kind === 'directory' && current.expanded) void this.toggle(current.entry.path);
        else if (current) this.select(parentOf(current.entry.path) || current.entry.path);
        break;
      case 'Enter':
        if (current?.entry.kind === 'directory') void this.toggle(current.entry.path);
        else if (current) this.events.onOpen(current.entry.path);
        break;
      case 'ContextMenu':
        if (current) this.events.onContextMenu(current.entry);
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? ROOT : path.slice(0, slash);
}

function treeItemId(path: string): string {
  return `tree-${encodeURIComponent(path).replace(/%/g, '_')}`;
}
