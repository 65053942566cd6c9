// The editor area's extension point: a provider claims some files (e.g. .ipynb) and shows them in a tab with its own editor.
import type { WorkspaceChange } from '../../../main/api';

/** What a tab needs from an open file, whether it is a text document or a custom editor. */
export interface EditorTabState {
  readonly path: string;
  readonly name: string;
  readonly isDirty: boolean;
  readonly readOnly: boolean;
  readonly deletedOnDisk: boolean;
  readonly notice: string | undefined;
  onDidChangeState(listener: () => void): () => void;
}

export interface CustomEditor extends EditorTabState {
  /** Shown in the group instead of the text editor while its tab is active. */
  readonly element: HTMLElement;
  /** Writes the file; false when it was not saved (the editor has told the user why). */
  save(): Promise<boolean>;
  focus(): void;
  layout(): void;
  /** The tab was closed: release everything (a notebook ends its kernel). */
  dispose(): void;
  /** A file of the workspace changed on disk (the editor's own file among others). */
  applyDiskChange?(change: WorkspaceChange): void;
}

export interface CustomEditorProvider {
  /** A name for messages, e.g. "Notebook". */
  readonly label: string;
  matches(path: string): boolean;
  open(path: string): Promise<CustomEditor>;
}

/** Thrown by a provider that cannot show a file its way (e.g. a broken .ipynb): the text editor opens it, with this message. */
export class OpenAsTextInstead extends Error {
  override name = 'OpenAsTextInstead';
}
