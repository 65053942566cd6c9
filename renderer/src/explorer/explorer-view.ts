// The Explorer side-bar view: the workspace's file tree, its file actions, and the "open a folder" empty state.
import type { DirEntry, WorkspaceInfo } from '../../../main/api';
import type { BackendClient } from '../transport/backend-client';
import { el } from '../workbench/element';
import type { Notifications } from '../workbench/notifications';
import type { QuickInput } from '../workbench/quick-input';
import type { View } from '../workbench/view';
import { validateEntryName } from './file-name-validation';
import { FileTree, parentOf } from './file-tree';

export interface ExplorerHost {
  openFile(path: string): void;
  openFolder(): void;
  openRecent(folder: string): void;
  /** An entry was deleted or renamed here: tabs showing it close. */
  forget(path: string): void;
}

export class ExplorerView implements View {
  readonly id = 'explorer';
  readonly title = 'Explorer';
  readonly icon = 'files';
  readonly element: HTMLElement;
  readonly tree: FileTree;
  private readonly header: HTMLElement;
  private readonly emptyState: HTMLElement;
  private info: WorkspaceInfo = { root: null, name: '' };

  readonly actions = [
    { label: 'New File…', icon: 'new-file', run: () => void this.newEntry('file') },
    { label: 'New Folder…', icon: 'new-folder', run: () => void this.newEntry('directory') },
    { label: 'Refresh Explorer', icon: 'refresh', run: () => void this.tree.refresh() },
    { label: 'Collapse Folders in Explorer', icon: 'collapse-all', run: () => this.tree.collapseAll() },
  ];

  constructor(
    private readonly backend: BackendClient,
    private readonly notifications: Notifications,
    private readonly quickInput: QuickInput,
    private readonly host: ExplorerHost,
  ) {
    this.tree = new FileTree(backend, {
      onOpen: (path) => host.openFile(path),
      onContextMenu: (entry) => void this.contextMenu(entry),
      onError: (message) => notifications.error(message),
    });
    this.tree.element.addEventListener('keydown', (event) => {
      const entry = this.tree.selection;
      if (!entry) return;
      if (event.key === 'F2') void this.rename(entry);
      else if (event.key === 'Delete') void this.delete(entry);
      else return;
      event.preventDefault();
    });
    this.header = el('h2', { className: 'explorer-root' });
    this.emptyState = el('div', { className: 'empty-state' });
    this.element = el('div', { className: 'explorer-view' }, this.header, this.tree.element, this.emptyState);
  }

  async setWorkspace(info: WorkspaceInfo): Promise<void> {
    this.info = info;
    const open = info.root !== null;
    this.header.textContent = open ? info.name.toUpperCase() : '';
    this.header.title = info.root ?? '';
    this.header.hidden = !open;
    this.tree.element.hidden = !open;
    this.emptyState.hidden = open;
    if (open) await this.tree.reset();
    else await this.renderEmptyState();
  }

  focus(): void {
    this.tree.element.focus();
  }

  private async renderEmptyState(): Promise<void> {
    const recent = await this.backend.request('workspace/recent').catch(() => [] as string[]);
    this.emptyState.replaceChildren(
      el('p', {}, 'You have not yet opened a folder.'),
      el('button', { className: 'primary-button', onclick: () => this.host.openFolder() }, 'Open Folder'),
    );
    if (recent.length === 0) return;
    this.emptyState.append(
      el('h3', {}, 'Recent'),
      el('ul', { className: 'recent-list', 'aria-label': 'Recent folders' },
        ...recent.map((folder) => el('li', {}, el('button', { className: 'link-button', title: folder, onclick: () => this.host.openRecent(folder) }, folder)))),
    );
  }

  private async contextMenu(entry: DirEntry): Promise<void> {
    const action = await this.quickInput.pick(
      [
        ...(entry.kind === 'file' ? [{ label: 'Open', value: 'open' }] : []),
        { label: 'New File…', value: 'new-file' },
        { label: 'New Folder…', value: 'new-folder' },
        { label: 'Rename…', description: 'F2', value: 'rename' },
        { label: 'Delete', description: 'Delete', value: 'delete' },
        { label: 'Copy Relative Path', value: 'copy-path' },
      ],
      { title: `Actions for ${entry.name}`, placeholder: entry.path, keepOrder: true },
    );
    if (action === 'open') this.host.openFile(entry.path);
    else if (action === 'new-file') await this.newEntry('file');
    else if (action === 'new-folder') await this.newEntry('directory');
    else if (action === 'rename') await this.rename(entry);
    else if (action === 'delete') await this.delete(entry);
    else if (action === 'copy-path') await navigator.clipboard?.writeText(entry.path).catch(() => undefined);
  }

  async newEntry(kind: 'file' | 'directory'): Promise<void> {
    if (this.info.root === null) return this.notifications.info('Open a folder first; new files go into the workspace.');
    const folder = this.tree.targetFolder();
    const siblings = new Set((await this.backend.request('fs/readDir', { path: folder }).catch(() => [])).map((entry) => entry.name));
    const name = await this.quickInput.prompt({
      title: kind === 'file' ? 'New File' : 'New Folder',
      placeholder: kind === 'file' ? 'file name, e.g. unikernel.ml or src/main.c' : 'folder name',
      prompt: `In ${folder || this.info.name}. Press Enter to create or Escape to cancel.`,
      validate: (value) => validateEntryName(value, siblings),
    });
    if (name === undefined) return;
    const path = folder ? `${folder}/${name}` : name;
    try {
      if (kind === 'file') {
        const parent = parentOf(path);
        if (parent !== folder) await this.backend.request('fs/createDirectory', { path: parent });
        await this.backend.request('fs/createFile', { path });
      } else {
        await this.backend.request('fs/createDirectory', { path });
      }
      await this.tree.refresh();
      await this.tree.reveal(path);
      if (kind === 'file') this.host.openFile(path);
    } catch (error) {
      this.notifications.error(`Could not create ${path}: ${(error as Error).message}`);
    }
  }

  private async rename(entry: DirEntry): Promise<void> {
    const folder = parentOf(entry.path);
    const siblings = new Set((await this.backend.request('fs/readDir', { path: folder }).catch(() => [])).map((e) => e.name));
    siblings.delete(entry.name);
    const name = await this.quickInput.prompt({
      title: `Rename ${entry.name}`,
      value: entry.name,
      prompt: 'Type the new name and press Enter.',
      validate: (value) => validateEntryName(value, siblings),
    });
    if (name === undefined || name === entry.name) return;
    const to = folder ? `${folder}/${name}` : name;
    try {
      await this.backend.request('fs/rename', { from: entry.path, to });
      this.host.forget(entry.path);
      await this.tree.refresh();
      await this.tree.reveal(to);
    } catch (error) {
      this.notifications.error(`Could not rename ${entry.path}: ${(error as Error).message}`);
    }
  }

  private async delete(entry: DirEntry): Promise<void> {
    const what = entry.kind === 'directory' ? `the folder '${entry.name}' and its contents` : `'${entry.name}'`;
    const choice = await this.quickInput.pick(
      [
        { label: 'Delete', description: 'this cannot be undone', value: 'delete' },
        { label: 'Cancel', value: 'cancel' },
      ],
      { title: `Delete ${entry.name}?`, placeholder: `Are you sure you want to permanently delete ${what}?`, keepOrder: true },
    );
    if (choice !== 'delete') return;
    try {
      await this.backend.request('fs/delete', { path: entry.path });
      this.host.forget(entry.path);
      await this.tree.refresh();
    } catch (error) {
      this.notifications.error(`Could not delete ${entry.path}: ${(error as Error).message}`);
    }
  }
}
