// .ipynb files of the workspace through its file service: parsed and written in Jupyter's layout by main/services/notebook.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileStat, NotebookFile, NotebookWriteParams } from '../api';
import { MiradorError } from '../services/mirador-error';
import { NotebookFormatError, parseNotebook, serializeNotebook } from '../services/notebook/ipynb-format';
import type { FileService } from '../services/workspace/file-service';

/** The tutorial shipped with Mirador, copied into a workspace on request so it can be run and edited there. */
export const TUTORIAL_FILE = 'lwt-for-unikernel-developers.ipynb';

export async function readNotebook(files: FileService, notebookPath: string): Promise<NotebookFile> {
  const content = await files.readFile(notebookPath);
  if (content.readOnly) throw new MiradorError('read-only', `${notebookPath} cannot be opened as a notebook: ${content.notice ?? 'it is binary or too large'}.`);
  try {
    return { notebook: parseNotebook(content.text), mtimeMs: content.mtimeMs };
  } catch (error) {
    if (error instanceof NotebookFormatError) {
      throw new MiradorError('invalid-params', `${notebookPath} is not a notebook Mirador can open (${error.message}).`);
    }
    throw error;
  }
}

/** Saves as Jupyter does (sorted keys, one-space indent), so a notebook Jupyter wrote and Mirador saved differs only where edited. */
export function writeNotebook(files: FileService, params: NotebookWriteParams): Promise<FileStat> {
  let text: string;
  try {
    text = serializeNotebook(parseNotebook(JSON.stringify(params.notebook)));
  } catch (error) {
    throw new MiradorError('invalid-params', `notebook/write: not a notebook (${(error as Error).message}).`);
  }
  return files.writeFile({ path: params.path, text, expectedMtimeMs: params.expectedMtimeMs });
}

/** Puts the tutorial at the workspace root unless a file of that name is already there; returns its workspace path. */
export async function copyTutorial(files: FileService, appRoot: string): Promise<string> {
  const exists = await files.stat(TUTORIAL_FILE).then(() => true, () => false);
  if (!exists) {
    const text = await readFile(path.join(appRoot, 'resources', 'notebooks', TUTORIAL_FILE), 'utf8');
    await files.writeFile({ path: TUTORIAL_FILE, text });
  }
  return TUTORIAL_FILE;
}
