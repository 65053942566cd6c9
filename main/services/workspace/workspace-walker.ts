// Walks the workspace's files lazily, one folder at a time, skipping dependency and build output folders.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isTempFileName } from './atomic-write';
import type { WorkspaceRoot } from './workspace-root';

/** Folders nobody wants in quick open or search results: VCS data, installed dependencies, build output. */
export const SKIPPED_FOLDER_NAMES: ReadonlySet<string> = new Set(['.git', 'node_modules', '_build', '_opam']);

export interface WalkedFile {
  rel: string;
  /** Where to read the bytes: the real path for a linked file. */
  abs: string;
}

/** Yields files in a stable order (names in code-unit order, files of a folder before its subfolders). */
export async function* walkWorkspaceFiles(root: WorkspaceRoot): AsyncGenerator<WalkedFile> {
  const pending: string[] = [''];
  while (pending.length > 0) {
    const folderRel = pending.pop() as string;
    const folderAbs = folderRel === '' ? root.folder : path.join(root.folder, ...folderRel.split('/'));
    let dirents;
    try {
      dirents = await fs.readdir(folderAbs, { withFileTypes: true });
    } catch {
      continue; // unreadable or vanished meanwhile: the rest of the tree is still worth walking
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (const dirent of dirents) {
      const rel = folderRel === '' ? dirent.name : `${folderRel}/${dirent.name}`;
      const abs = path.join(folderAbs, dirent.name);
      if (dirent.isDirectory()) {
        if (!SKIPPED_FOLDER_NAMES.has(dirent.name)) subfolders.push(rel);
      } else if (dirent.isFile()) {
        if (!isTempFileName(dirent.name)) yield { rel, abs };
      } else if (dirent.isSymbolicLink()) {
        // Only linked files: following linked folders could loop forever or walk outside the workspace.
        const real = await linkedFileInside(root, abs);
        if (real !== undefined) yield { rel, abs: real };
      }
    }
    pending.push(...subfolders.reverse());
  }
}

async function linkedFileInside(root: WorkspaceRoot, abs: string): Promise<string | undefined> {
  try {
    const real = await fs.realpath(abs);
    return root.contains(real) && (await fs.stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}
