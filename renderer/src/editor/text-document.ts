// One file open in the editor: its Monaco model, what is on disk, and whether the buffer differs from it.
import type * as MonacoApi from 'monaco-editor/editor/editor.api';

export class TextDocument {
  /** Monaco's alternative version id at the last load or save: equal means "not dirty", undo included. */
  private savedVersion: number;
  private readonly listeners = new Set<() => void>();
  /** The file was deleted on disk while open; the buffer is kept. */
  deletedOnDisk = false;
  /** The file changed on disk while the buffer had unsaved edits. */
  changedOnDisk = false;

  constructor(
    readonly path: string,
    readonly model: MonacoApi.editor.ITextModel,
    public mtimeMs: number | undefined,
    readonly readOnly: boolean,
    readonly notice: string | undefined,
  ) {
    this.savedVersion = model.getAlternativeVersionId();
    model.onDidChangeContent(() => this.fire());
  }

  get name(): string {
    return this.path.slice(this.path.lastIndexOf('/') + 1);
  }

  get isDirty(): boolean {
    return this.model.getAlternativeVersionId() !== this.savedVersion;
  }

  /** Records that the buffer now equals the file on disk. */
  markSaved(mtimeMs: number | undefined): void {
    this.savedVersion = this.model.getAlternativeVersionId();
    this.mtimeMs = mtimeMs;
    this.deletedOnDisk = false;
    this.changedOnDisk = false;
    this.fire();
  }

  /** Marks the buffer dirty whatever its content (a restored backup of a file that is gone from disk). */
  markDirty(): void {
    this.savedVersion = -1;
    this.fire();
  }

  onDidChangeState(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fire(): void {
    for (const listener of this.listeners) listener();
  }
}
