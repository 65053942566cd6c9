// The notebook feature of the workbench: the .ipynb editor provider, completion, the Notebooks view, new notebook and tutorial.
import { OCAML_NOTEBOOK_METADATA } from '../../../main/api';
import type { Backup, LanguageContribution } from '../../../main/api';
import type { EditorArea } from '../editor/editor-area';
import { languageForPath } from '../editor/language-for-path';
import type { Monaco } from '../editor/monaco-loader';
import type { BackendClient } from '../transport/backend-client';
import type { Notifications } from '../workbench/notifications';
import type { QuickInput } from '../workbench/quick-input';
import { NotebookCompletion } from './notebook-completion';
import { NotebookEditor } from './notebook-editor';
import { NotebookEditorProvider } from './notebook-editor-provider';
import { emptyNotebook } from './notebook-model';
import { NotebooksView } from './notebooks-view';
import './notebook.css';

export interface NotebookFeatureHost {
  backend: BackendClient;
  notifications: Notifications;
  quickInput: QuickInput;
  workspaceRoot(): string | null;
  openEditor(path: string): Promise<void>;
}

export class NotebookFeature {
  readonly view: NotebooksView;
  private editors: EditorArea | undefined;
  private provider: NotebookEditorProvider | undefined;

  constructor(private readonly host: NotebookFeatureHost) {
    this.view = new NotebooksView(host.backend, {
      openNotebooks: () =>
        this.openEditors().map((editor) => ({ path: editor.path, name: editor.name, isDirty: editor.isDirty, status: editor.kernelStatus })),
      hasWorkspace: () => host.workspaceRoot() !== null,
      open: (path) => void host.openEditor(path),
      newNotebook: () => void this.newNotebook(),
      openTutorial: () => void this.openTutorial(),
    });
  }

  attachEditors(monaco: Monaco, editors: EditorArea, languages: readonly LanguageContribution[]): void {
    this.editors = editors;
    const completion = new NotebookCompletion(monaco);
    editors.registerCustomEditor(
      (this.provider = new NotebookEditorProvider({
        monaco,
        backend: this.host.backend,
        notifications: this.host.notifications,
        quickInput: this.host.quickInput,
        registerModel: (model, kernel) => completion.register(model, kernel),
        languageForFile: (path) => languageForPath(path, languages),
      })),
    );
    editors.onDidChangeCustomEditors(() => this.view.refreshOpen());
  }

  /** The notebook in the active editor tab, if it is one. */
  get active(): NotebookEditor | undefined {
    const input = this.editors?.activeInput;
    return input instanceof NotebookEditor ? input : undefined;
  }

  async newNotebook(): Promise<void> {
    if (!this.host.workspaceRoot()) return this.host.notifications.info('Open a folder first; a notebook is a file of its folder.');
    const existing = new Set((await this.host.backend.request('fs/listFiles').catch(() => ({ paths: [] as string[] }))).paths);
    let suggestion = 'Untitled.ipynb';
    for (let number = 1; existing.has(suggestion); number++) suggestion = `Untitled-${number}.ipynb`;
    const name = await this.host.quickInput.prompt({
      title: 'New Notebook',
      value: suggestion,
      prompt: 'A path in the workspace, ending in .ipynb; press Enter to create it.',
      validate: (value) => (!/\.ipynb$/i.test(value.trim()) ? 'Notebook files end in .ipynb.' : existing.has(value.trim()) ? `${value.trim()} already exists.` : null),
    });
    if (!name) return;
    const path = name.trim();
    try {
      await this.host.backend.request('notebook/write', { path, notebook: emptyNotebook(OCAML_NOTEBOOK_METADATA) });
    } catch (error) {
      return this.host.notifications.error(`Could not create ${path}: ${(error as Error).message}`);
    }
    await this.host.openEditor(path);
    void this.view.refreshFolder();
  }

  async openTutorial(): Promise<void> {
    if (!this.host.workspaceRoot()) return this.host.notifications.info('Open a folder first: the tutorial is copied into it so you can run and change it.');
    try {
      const { path } = await this.host.backend.request('notebook/copyTutorial');
      await this.host.openEditor(path);
      void this.view.refreshFolder();
    } catch (error) {
      this.host.notifications.error(`Could not open the tutorial: ${(error as Error).message}`);
    }
  }

  /** Unsaved notebook changes not yet in a hot-exit backup, for the warning before the window goes. */
  hasPendingBackups(): boolean {
    return this.openEditors().some((editor) => editor.hasPendingBackup);
  }

  /**
   * Hot exit: reopens (without taking the focus) the notebooks the last session left unsaved, with their cells and
   * outputs as they were. Returns their paths and the backups that are not notebooks' (for the text editor).
   */
  async restoreBackups(backups: readonly Backup[]): Promise<{ restored: string[]; others: Backup[] }> {
    const restored: string[] = [];
    const others: Backup[] = [];
    for (const backup of backups) {
      if (!this.provider?.matches(backup.path) || !this.provider.restoreNext(backup)) {
        others.push(backup);
        continue;
      }
      await this.editors!.open(backup.path, undefined, { preserveFocus: true });
      // A notebook that failed to open was reported by the editor area; its backup stays for the next try.
      if (this.openEditors().some((editor) => editor.path === backup.path)) restored.push(backup.path);
    }
    return { restored, others };
  }

  private openEditors(): NotebookEditor[] {
    return (this.editors?.openCustomEditors ?? []).filter((editor): editor is NotebookEditor => editor instanceof NotebookEditor);
  }
}
