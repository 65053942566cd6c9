// Opens .ipynb files in the notebook editor (from the file, or from a hot-exit backup); a file that is not a notebook
// opens as text, with the reason.
import type { Backup, Notebook } from '../../../main/api';
import { OpenAsTextInstead, type CustomEditor, type CustomEditorProvider } from '../editor/custom-editor';
import { BackendError } from '../transport/backend-client';
import { NotebookEditor, type NotebookEditorServices } from './notebook-editor';

export class NotebookEditorProvider implements CustomEditorProvider {
  readonly label = 'Notebook';
  /** Backups of the last session, taken by the next open of their path. */
  private readonly restoring = new Map<string, { backup: Backup; notebook: Notebook }>();

  constructor(private readonly services: NotebookEditorServices) {}

  matches(path: string): boolean {
    return path.toLowerCase().endsWith('.ipynb');
  }

  /** Makes the next open of the backup's path show the backup; false when the backup does not hold a notebook. */
  restoreNext(backup: Backup): boolean {
    const notebook = notebookOf(backup.text);
    if (!notebook) return false;
    this.restoring.set(backup.path, { backup, notebook });
    return true;
  }

  async open(path: string): Promise<CustomEditor> {
    const restoring = this.restoring.get(path);
    if (restoring) {
      this.restoring.delete(path);
      return this.openBackup(path, restoring.backup, restoring.notebook);
    }
    let file;
    try {
      file = await this.services.backend.request('notebook/read', { path });
    } catch (error) {
      if (error instanceof BackendError && (error.code === 'invalid-params' || error.code === 'read-only')) throw new OpenAsTextInstead(error.message);
      throw error;
    }
    return new NotebookEditor(this.services, path, file);
  }

  /** The notebook as the last session left it, unsaved; saving checks the file did not change since (or was deleted). */
  private async openBackup(path: string, backup: Backup, notebook: Notebook): Promise<CustomEditor> {
    let exists = true;
    try {
      await this.services.backend.request('fs/stat', { path });
    } catch (error) {
      if (!(error instanceof BackendError) || error.code !== 'not-found') throw error;
      exists = false;
    }
    const editor = new NotebookEditor(this.services, path, { notebook, mtimeMs: backup.baseMtimeMs ?? 0 }, { text: backup.text, baseMtimeMs: backup.baseMtimeMs });
    if (!exists) editor.deletedOnDisk = true;
    return editor;
  }
}

/** The notebook a backup holds, or undefined when its text is not one (then it is restored as text). */
function notebookOf(text: string): Notebook | undefined {
  try {
    const value = JSON.parse(text) as Partial<Notebook>;
    if (value && typeof value === 'object' && Array.isArray(value.cells) && typeof value.nbformat === 'number') return value as Notebook;
  } catch {
    // Not JSON: not a notebook.
  }
  return undefined;
}
