// The tutorial notebook Mirador ships, copied where the user may edit and run it (the installed copy stays pristine).
import { constants } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MiradorErrorCode } from '../../api/errors';
import { MiradorError } from '../mirador-error';

export const TUTORIAL_NOTEBOOK = 'lwt-for-unikernel-developers.ipynb';

/** The shipped notebook inside an installed Mirador. */
export function shippedTutorial(appRoot: string): string {
  return path.join(appRoot, 'resources', 'notebooks', TUTORIAL_NOTEBOOK);
}

/**
 * Copies `source` to `folder/relative` unless a file is already there: a second "Open the tutorial" finds the user's
 * own copy, edits and outputs included. Returns whether it copied.
 */
export async function copyTutorialOnce(source: string, folder: string, relative: string): Promise<boolean> {
  const destination = path.join(folder, ...relative.split('/'));
  await mkdir(path.dirname(destination), { recursive: true });
  try {
    await copyFile(source, destination, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') {
      throw new MiradorError(MiradorErrorCode.notFound, `The tutorial notebook is missing from this installation (${source}); reinstall Mirador.`);
    }
    throw new MiradorError(MiradorErrorCode.permissionDenied, `Could not copy the tutorial to ${destination}: ${(error as Error).message}`);
  }
}
