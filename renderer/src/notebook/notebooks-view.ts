// The Notebooks side view: start a notebook or the tutorial, the notebooks open now, and those in the folder.
import type { BackendClient } from '../transport/backend-client';
import { el, icon } from '../workbench/element';
import type { View, ViewAction } from '../workbench/view';

export interface OpenNotebookSummary {
  path: string;
  name: string;
  isDirty: boolean;
  status: string;
}

export interface NotebooksViewHost {
  openNotebooks(): OpenNotebookSummary[];
  hasWorkspace(): boolean;
  open(path: string): void;
  newNotebook(): void;
  openTutorial(): void;
}

export class NotebooksView implements View {
  readonly id = 'notebooks';
  readonly title = 'Notebooks';
  readonly icon = 'notebook';
  readonly element: HTMLElement;
  readonly actions: ViewAction[];
  private readonly openList: HTMLElement;
  private readonly folderList: HTMLElement;

  constructor(
    private readonly backend: BackendClient,
    private readonly host: NotebooksViewHost,
  ) {
    this.actions = [
      { label: 'New Notebook', icon: 'new-file', run: () => host.newNotebook() },
      { label: 'Refresh Notebook List', icon: 'refresh', run: () => void this.refreshFolder() },
    ];
    this.openList = el('ul', { className: 'notebook-list', 'aria-label': 'Open notebooks' });
    this.folderList = el('ul', { className: 'notebook-list', 'aria-label': 'Notebooks in this folder' });
    this.element = el(
      'div',
      { className: 'notebooks-view' },
      el('div', { className: 'notebooks-actions' },
        el('button', { className: 'primary-button', onclick: () => host.newNotebook() }, icon('new-file'), ' New Notebook'),
        el('button', { className: 'secondary-button', onclick: () => host.openTutorial() }, icon('book'), ' Open the Lwt Tutorial'),
      ),
      el('p', { className: 'notebooks-help' },
        'OCaml notebooks (.ipynb) run in a real OCaml toplevel. ',
        el('kbd', {}, 'Shift+Enter'), ' runs a cell. Magics build and boot your unikernel: ',
        el('code', {}, '%%file PATH'), ', ', el('code', {}, '%build'), ', ', el('code', {}, '%run'), ', ', el('code', {}, '%targets'), ', ', el('code', {}, '%doctor'), '.',
      ),
      el('h3', { className: 'section-title' }, 'Open Notebooks'),
      this.openList,
      el('h3', { className: 'section-title' }, 'In This Folder'),
      this.folderList,
    );
    this.refreshOpen();
  }

  onShow(): void {
    this.refreshOpen();
    void this.refreshFolder();
  }

  refreshOpen(): void {
    const open = this.host.openNotebooks();
    this.openList.replaceChildren(
      ...(open.length === 0
        ? [el('li', { className: 'empty-message' }, 'No notebook is open.')]
        : open.map((notebook) =>
            el('li', {},
              el('button', { className: 'notebook-entry', title: notebook.path, 'aria-label': `${notebook.name}${notebook.isDirty ? ', unsaved changes' : ''}, kernel ${notebook.status}`, onclick: () => this.host.open(notebook.path) },
                icon('notebook'), el('span', { className: 'notebook-entry-name' }, notebook.name), notebook.isDirty ? el('span', { className: 'notebook-entry-dirty', 'aria-hidden': 'true' }, '●') : null,
                el('span', { className: 'notebook-entry-status' }, notebook.status),
              ),
            ),
          )),
    );
  }

  async refreshFolder(): Promise<void> {
    if (!this.host.hasWorkspace()) {
      this.folderList.replaceChildren(el('li', { className: 'empty-message' }, 'Open a folder to see its notebooks.'));
      return;
    }
    try {
      const files = await this.backend.request('fs/listFiles');
      const notebooks = files.paths.filter((path) => path.toLowerCase().endsWith('.ipynb') && !path.split('/').some((part) => part === '.ipynb_checkpoints'));
      this.folderList.replaceChildren(
        ...(notebooks.length === 0
          ? [el('li', { className: 'empty-message' }, 'No .ipynb files here yet.')]
          : notebooks.map((path) =>
              el('li', {}, el('button', { className: 'notebook-entry', title: path, 'aria-label': `Open ${path}`, onclick: () => this.host.open(path) }, icon('notebook'), el('span', { className: 'notebook-entry-name' }, path))),
            )),
      );
    } catch (error) {
      this.folderList.replaceChildren(el('li', { className: 'run-problem', role: 'alert' }, `Could not list the folder's notebooks: ${(error as Error).message}`));
    }
  }
}
