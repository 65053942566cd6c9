// Makes a new project folder from a template's files: only into a missing or empty folder, never over someone's work.
import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { MiradorErrorCode } from '../../api/errors';
import { MiradorError } from '../mirador-error';
import { planTemplateCopy } from './template-copy-plan';

export interface CreatedProject {
  template: string;
  /** Absolute path of the new project folder. */
  directory: string;
  /** Files and links written, relative to `directory` with '/'. */
  files: string[];
}

async function ensureEmptyDirectory(directory: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(directory)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      await mkdir(directory, { recursive: true });
      return;
    }
    throw error;
  }
  if (!isDirectory) throw new MiradorError(MiradorErrorCode.notADirectory, `${directory} exists and is not a folder; choose a new folder name`);
  const present = await readdir(directory);
  if (present.length > 0) {
    const shown = present.slice(0, 3).join(', ') + (present.length > 3 ? ', ...' : '');
    throw new MiradorError(MiradorErrorCode.alreadyExists, `${directory} is not empty (${shown}); choose a new or empty folder so nothing there is overwritten`);
  }
}

export async function copyTemplateInto(template: string, sourceDir: string, directory: string): Promise<CreatedProject> {
  const target = path.resolve(directory);
  // Planned before anything is written: a template with a bad link creates nothing at all.
  const plan = await planTemplateCopy(sourceDir);
  await ensureEmptyDirectory(target);
  const files: string[] = [];
  for (const entry of plan) {
    const destination = path.join(target, ...entry.relative.split('/'));
    if (entry.kind === 'directory') {
      await mkdir(destination);
      continue;
    }
    if (entry.kind === 'symlink') await symlink(entry.target, destination);
    else {
      // COPYFILE_EXCL: should something appear in the folder meanwhile, it is not overwritten.
      await copyFile(path.join(sourceDir, ...entry.relative.split('/')), destination, constants.COPYFILE_EXCL);
      await chmod(destination, entry.mode);
    }
    files.push(entry.relative);
  }
  return { template, directory: target, files };
}
