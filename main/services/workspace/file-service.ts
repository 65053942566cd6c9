// File operations on the open workspace (list, read, atomic save, create, rename, delete), confined to its folder.
import { promises as fs } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { MiradorErrorCode } from '../../api/errors';
import type { DirEntry, FileContent, FileStat, WorkspacePath, WriteFileParams } from '../../api/workspace-protocol';
import { MiradorError } from '../mirador-error';
import { writeFileAtomically } from './atomic-write';
import { compareEntries } from './entry-order';
import { displayPath, errnoOf, notFoundError, toMiradorError } from './fs-errors';
import { readFileContent } from './file-content-reader';
import type { WorkspaceRoot } from './workspace-root';

export interface FileServiceOptions {
  /** Files larger than this open read-only, showing only their start. Default 10 MiB. */
  hugeFileBytes?: number;
}

export class FileService {
  private readonly hugeFileBytes: number;

  constructor(
    private readonly root: WorkspaceRoot,
    options: FileServiceOptions = {},
  ) {
    this.hugeFileBytes = options.hugeFileBytes ?? 10 * 1024 * 1024;
  }

  async readDir(rel: WorkspacePath): Promise<DirEntry[]> {
    const normal = this.root.normalize(rel);
    const abs = await this.root.resolveReal(normal);
    let dirents;
    try {
      dirents = await fs.readdir(abs, { withFileTypes: true });
    } catch (error) {
      throw toMiradorError(error, normal, 'list');
    }
    const entries: DirEntry[] = [];
    for (const dirent of dirents) {
      const entry = await this.toEntry(normal, abs, dirent.name, dirent.isSymbolicLink());
      if (entry) entries.push(entry);
    }
    return entries.sort(compareEntries);
  }

  async readFile(rel: WorkspacePath): Promise<FileContent> {
    const normal = this.root.normalize(rel);
    const abs = await this.root.resolveReal(normal);
    try {
      return { path: normal, ...(await readFileContent(abs, normal, this.hugeFileBytes)) };
    } catch (error) {
      throw toMiradorError(error, normal, 'open');
    }
  }

  async stat(rel: WorkspacePath): Promise<FileStat> {
    const normal = this.root.normalize(rel);
    const abs = await this.root.resolveReal(normal);
    try {
      return toFileStat(await fs.stat(abs));
    } catch (error) {
      throw toMiradorError(error, normal, 'inspect');
    }
  }

  /** Saves atomically; through a symbolic link the link's target is replaced, so the link itself survives. */
  async writeFile({ path: rel, text, expectedMtimeMs }: WriteFileParams): Promise<FileStat> {
    if (typeof text !== 'string') {
      throw new MiradorError(MiradorErrorCode.invalidParams, 'The text to save must be a string.');
    }
    const normal = this.root.normalize(rel);
    const target = await this.root.resolveReal(normal);
    const existing = await statIfExists(target, normal, 'save');
    if (existing === undefined) await this.root.resolveParentForCreate(normal);
    if (existing?.isDirectory()) {
      throw new MiradorError(MiradorErrorCode.isADirectory, `Cannot save ${displayPath(normal)}: it is a folder. Save under another name.`);
    }
    if (existing !== undefined && !existing.isFile()) {
      throw new MiradorError(MiradorErrorCode.invalidParams, `Cannot save ${displayPath(normal)}: it is not a regular file (a device, socket or pipe).`);
    }
    if (expectedMtimeMs !== undefined && existing?.mtimeMs !== expectedMtimeMs) {
      throw new MiradorError(
        MiradorErrorCode.conflict,
        existing === undefined
          ? `${displayPath(normal)} was deleted on disk since it was opened. Save again to recreate it, or close the editor.`
          : `${displayPath(normal)} changed on disk since it was opened. Compare your version with the one on disk, or overwrite it.`,
      );
    }
    try {
      await writeFileAtomically(target, text, existing && {
        mode: existing.mode & 0o7777,
        owner: { uid: existing.uid, gid: existing.gid },
      });
      return toFileStat(await fs.stat(target));
    } catch (error) {
      throw toMiradorError(error, normal, 'save');
    }
  }

  async createFile(rel: WorkspacePath): Promise<FileStat> {
    const normal = this.root.normalize(rel);
    const abs = await this.root.resolveParentForCreate(normal);
    try {
      // 'wx' is O_CREAT|O_EXCL: it also refuses to create through a dangling symbolic link.
      const handle = await fs.open(abs, 'wx');
      try {
        return toFileStat(await handle.stat());
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw toMiradorError(error, normal, 'create');
    }
  }

  async createDirectory(rel: WorkspacePath): Promise<void> {
    const normal = this.root.normalize(rel);
    const abs = await this.root.resolveParentForCreate(normal).catch(async (error: unknown) => {
      // Intermediate folders are created too, so a missing parent is fine here.
      if (error instanceof MiradorError && error.code === MiradorErrorCode.notFound) return this.root.resolve(normal);
      throw error;
    });
    if ((await lstatIfExists(abs, normal, 'create')) !== undefined) {
      throw new MiradorError(
        MiradorErrorCode.alreadyExists,
        `Cannot create the folder ${displayPath(normal)}: something with that name already exists. Choose another name.`,
      );
    }
    try {
      await fs.mkdir(abs, { recursive: true });
    } catch (error) {
      throw toMiradorError(error, normal, 'create');
    }
  }

  async rename(from: WorkspacePath, to: WorkspacePath): Promise<void> {
    const fromNormal = this.refuseRoot(from, 'rename');
    const toNormal = this.refuseRoot(to, 'rename');
    const fromAbs = await this.root.resolve(fromNormal);
    const toAbs = await this.root.resolveParentForCreate(toNormal);
    const source = await lstatIfExists(fromAbs, fromNormal, 'rename');
    if (source === undefined) throw notFoundError(fromNormal, 'rename');
    const destination = await lstatIfExists(toAbs, toNormal, 'rename');
    // On case-insensitive disks `a.ml` → `A.ml` finds the source itself at the destination; that rename is fine.
    const sameEntry = destination !== undefined && destination.ino === source.ino && destination.dev === source.dev;
    if (destination !== undefined && !sameEntry) {
      throw new MiradorError(
        MiradorErrorCode.alreadyExists,
        `Cannot rename ${displayPath(fromNormal)} to ${displayPath(toNormal)}: that name is already taken. Choose another name or delete the existing entry first.`,
      );
    }
    try {
      await fs.rename(fromAbs, toAbs);
    } catch (error) {
      throw toMiradorError(error, fromNormal, 'rename');
    }
  }

  /** Deletes a file, a link (not its target) or a folder with everything in it. */
  async delete(rel: WorkspacePath): Promise<void> {
    const normal = this.refuseRoot(rel, 'delete');
    const abs = await this.root.resolve(normal);
    if ((await lstatIfExists(abs, normal, 'delete')) === undefined) {
      throw notFoundError(normal, 'delete');
    }
    try {
      await fs.rm(abs, { recursive: true });
    } catch (error) {
      throw toMiradorError(error, normal, 'delete');
    }
  }

  private refuseRoot(rel: WorkspacePath, action: string): WorkspacePath {
    const normal = this.root.normalize(rel);
    if (normal === '') {
      throw new MiradorError(
        MiradorErrorCode.invalidParams,
        `Cannot ${action} the workspace folder itself from inside Mirador. Close the workspace and use your file manager.`,
      );
    }
    return normal;
  }

  /** Links are listed only when they lead somewhere inside the workspace; dangling and escaping links are hidden. */
  private async toEntry(parentRel: WorkspacePath, parentAbs: string, name: string, isLink: boolean): Promise<DirEntry | undefined> {
    const abs = path.join(parentAbs, name);
    let stat: Stats;
    try {
      if (isLink && !this.root.contains(await fs.realpath(abs))) return undefined;
      stat = await fs.stat(abs);
    } catch {
      return undefined; // vanished since readdir, dangling, or unreadable: nothing the explorer could open
    }
    // Pipes, sockets and devices are left out: opening one would block or make no sense in an editor.
    const kind = stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : undefined;
    if (kind === undefined) return undefined;
    return { name, path: parentRel === '' ? name : `${parentRel}/${name}`, kind, symlink: isLink };
  }
}

function toFileStat(stat: Stats): FileStat {
  return { size: stat.size, mtimeMs: stat.mtimeMs };
}

async function statIfExists(abs: string, rel: WorkspacePath, action: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(abs);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw toMiradorError(error, rel, action);
  }
}

async function lstatIfExists(abs: string, rel: WorkspacePath, action: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(abs);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw toMiradorError(error, rel, action);
  }
}
