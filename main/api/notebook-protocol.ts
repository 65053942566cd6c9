// The notebook part of the contract: .ipynb documents as the UI edits them, one kernel per open notebook, and its events.
import type { JupyterOutput, KernelStatus, MultilineString } from './notebook-outputs';
import type { WorkspacePath } from './workspace-protocol';

/** One cell of an nbformat 4.x notebook; fields Mirador does not know are kept as they are. */
export interface NotebookCell {
  cell_type: 'code' | 'markdown' | 'raw';
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown>;
  execution_count?: number | null;
  outputs?: JupyterOutput[];
  attachments?: Record<string, unknown>;
  [field: string]: unknown;
}

/** An nbformat 4.x notebook; fields Mirador does not know are kept as they are. */
export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
  [field: string]: unknown;
}

/** The kernelspec and language_info Mirador writes into notebooks it creates. */
export const OCAML_NOTEBOOK_METADATA = {
  kernelspec: { display_name: 'OCaml', language: 'OCaml', name: 'ocaml' },
  language_info: { name: 'OCaml', file_extension: '.ml', mimetype: 'text/x-ocaml' },
};

/** A notebook read from the workspace, with the modification time a later save checks against. */
export interface NotebookFile {
  notebook: Notebook;
  mtimeMs: number;
}

export interface NotebookWriteParams {
  path: WorkspacePath;
  notebook: Notebook;
  /** As for fs/writeFile: the save fails with a conflict when the file changed on disk since. */
  expectedMtimeMs?: number;
}

/** A kernel session of one open notebook; the toplevel itself starts with the first cell run or completion. */
export interface NotebookKernelInfo {
  notebookId: number;
}

export interface NotebookExecuteParams {
  notebookId: number;
  /** Echoed in `notebook/output` events, so the UI knows where each output goes. */
  cellId: string;
  code: string;
}

export type NotebookCompletionKind = 'value' | 'module' | 'module type' | 'type' | 'constructor';

export interface NotebookCompletionItem {
  label: string;
  kind: NotebookCompletionKind;
  /** A value's type, e.g. `('a -> 'b) -> 'a list -> 'b list`. */
  detail?: string;
}

export interface NotebookCompleteParams {
  notebookId: number;
  code: string;
  /** UTF-16 offset of the cursor in `code`. */
  offset: number;
}

export interface NotebookCompletion {
  /** UTF-16 offset in `code` where the completed word starts (the items replace `code.slice(from, offset)`). */
  from: number;
  items: NotebookCompletionItem[];
  /** Who answered: the running toplevel's environment; `busy` while a cell runs (no answer then). */
  source: 'toplevel' | 'busy';
}

export interface NotebookOutputEvent {
  notebookId: number;
  cellId: string;
  output: JupyterOutput;
}

export interface NotebookStatusEvent {
  notebookId: number;
  status: KernelStatus;
}

/** Something the user should know about the kernel, e.g. that the toplevel died and was restarted. */
export interface NotebookNoticeEvent {
  notebookId: number;
  text: string;
}
