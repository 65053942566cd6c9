// The open workspace folder: turns contract paths into absolute paths and refuses any path that would leave it.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MiradorErrorCode } from '../../api/errors';
import type { WorkspacePath } from '../../api/workspace-protocol';
import { MiradorError } from '../mirador-error';
import { displayPath, errnoOf, toMiradorError } from './fs-errors';

/** Linux gives up after 40 links too; a loop must not hang the backend. */
const MAX_SYMLINK_HOPS = 40;

export class WorkspaceRoot {
  private constructor(
    /** The workspace folder's real path (symbolic links resolved), so confinement checks compare like with like. */
    readonly folder: string,
  ) {}

  static async open(folder: string): Promise<WorkspaceRoot> {
    if (typeof folder !== 'string' || folder === '' || folder.includes('\0') || !path.isAbsolute(folder)) {
      throw new MiradorError(
        MiradorErrorCode.invalidParams,
        `Cannot open "${String(folder)}" as a workspace: give the absolute path of a folder.`,
      );
    }
    let real: string;
    try {
      real = await fs.realpath(folder);
      const stat = await fs.stat(real);
      if (!stat.isDirectory()) {
        throw new MiradorError(
          MiradorErrorCode.notADirectory,
          `Cannot open "${folder}" as a workspace: it is a file, not a folder. Pick the folder that contains it.`,
        );
      }
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') {
        throw new MiradorError(
          MiradorErrorCode.notFound,
          `Cannot open "${folder}" as a workspace: the folder does not exist. It may have been moved or deleted; pick another folder.`,
        );
      }
      throw toMiradorError(error, folder, 'open');
    }
    return new WorkspaceRoot(real);
  }

  /**
   * Checks the shape of a contract path and returns its canonical form ('' for the root).
   * Backslashes are refused rather than treated as names, because on Windows-minded clients they mean separators
   * and `..\..\x` must never slip through as an innocent file name.
   */
  normalize(rel: WorkspacePath): WorkspacePath {
    if (typeof rel !== 'string') {
      throw new MiradorError(MiradorErrorCode.invalidParams, 'A workspace path must be a string such as "src/main.ml".');
    }
    if (rel.includes('\0')) {
      throw new MiradorError(MiradorErrorCode.invalidParams, `The path ${JSON.stringify(rel)} contains a NUL byte; remove it.`);
    }
    if (rel.includes('\\')) {
      throw new MiradorError(
        MiradorErrorCode.invalidParams,
        `The path "${rel}" contains a backslash; separate folders with "/" and use paths relative to the workspace.`,
      );
    }
    if (rel.startsWith('/')) {
      throw new MiradorError(
        MiradorErrorCode.outsideWorkspace,
        `The path "${rel}" is absolute; use a path relative to the workspace folder, such as "src/main.ml".`,
      );
    }
    if (rel === '') return '';
    const normal = path.posix.normalize(rel).replace(/\/+$/, '');
    if (normal === '..' || normal.startsWith('../')) {
      throw new MiradorError(
        MiradorErrorCode.outsideWorkspace,
        `The path "${rel}" leads outside the workspace folder; only files inside it can be used.`,
      );
    }
    return normal === '.' ? '' : normal;
  }

  /**
   * The absolute path of an existing or to-be-created entry, without following a final symbolic link
   * (so renaming or deleting a link acts on the link). Refused when the entry or any link on the way leads outside.
   */
  async resolve(rel: WorkspacePath): Promise<string> {
    const normal = this.normalize(rel);
    const lexical = this.lexicalPath(normal);
    await this.assertInside(lexical, normal);
    return lexical;
  }

  /** Like `resolve`, but follows every symbolic link: where the bytes really live (writes go through links). */
  async resolveReal(rel: WorkspacePath): Promise<string> {
    const normal = this.normalize(rel);
    return this.assertInside(this.lexicalPath(normal), normal);
  }

  /** Resolves a path about to be created, checking that its parent folder exists so the error can say so. */
  async resolveParentForCreate(rel: WorkspacePath): Promise<string> {
    const normal = this.normalize(rel);
    if (normal === '') {
      throw new MiradorError(MiradorErrorCode.alreadyExists, 'The workspace folder already exists; give a name inside it.');
    }
    const abs = await this.resolve(normal);
    const parentRel = path.posix.dirname(normal) === '.' ? '' : path.posix.dirname(normal);
    let parentIsDirectory: boolean;
    try {
      parentIsDirectory = (await fs.stat(path.dirname(abs))).isDirectory();
    } catch (error) {
      if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') {
        throw new MiradorError(
          MiradorErrorCode.notFound,
          `Cannot create ${displayPath(normal)}: the folder ${displayPath(parentRel)} does not exist. Create the folder first.`,
        );
      }
      throw toMiradorError(error, parentRel, 'use');
    }
    if (!parentIsDirectory) {
      throw new MiradorError(
        MiradorErrorCode.notADirectory,
        `Cannot create ${displayPath(normal)}: ${displayPath(parentRel)} is a file, not a folder. Choose another location.`,
      );
    }
    return abs;
  }

  /** The contract path of an absolute path inside the workspace. */
  toRelative(abs: string): WorkspacePath {
    const relative = path.relative(this.folder, path.resolve(abs));
    if (!this.isRelativeInside(relative)) {
      throw new MiradorError(
        MiradorErrorCode.outsideWorkspace,
        `"${abs}" is outside the workspace folder "${this.folder}"; only files inside it can be used.`,
      );
    }
    return relative.split(path.sep).join('/');
  }

  /** True when a real (link-free) absolute path is the root or below it. */
  contains(realAbs: string): boolean {
    return this.isRelativeInside(path.relative(this.folder, realAbs));
  }

  private lexicalPath(normal: WorkspacePath): string {
    return normal === '' ? this.folder : path.join(this.folder, ...normal.split('/'));
  }

  private isRelativeInside(relative: string): boolean {
    return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
  }

  private async assertInside(lexical: string, normal: WorkspacePath): Promise<string> {
    let real: string;
    try {
      real = await realLocation(lexical, 0);
    } catch (error) {
      throw toMiradorError(error, normal, 'use');
    }
    if (!this.contains(real)) {
      throw new MiradorError(
        MiradorErrorCode.outsideWorkspace,
        `${displayPath(normal)} is a symbolic link (or inside one) that points outside the workspace folder; ` +
          'Mirador only opens files inside the workspace. Open the target folder as a workspace instead.',
      );
    }
    return real;
  }
}

/**
 * The real path `abs` designates, even when it does not exist yet: the deepest existing ancestor is realpath'd and
 * the missing tail appended. Dangling links are followed by hand, because creating a file through one would
 * otherwise land wherever the link points.
 */
async function realLocation(abs: string, hops: number): Promise<string> {
  if (hops > MAX_SYMLINK_HOPS) {
    throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
  }
  try {
    return await fs.realpath(abs);
  } catch (error) {
    const code = errnoOf(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  const parent = path.dirname(abs);
  let linkTarget: string | undefined;
  try {
    const stat = await fs.lstat(abs);
    if (stat.isSymbolicLink()) linkTarget = await fs.readlink(abs);
  } catch (error) {
    const code = errnoOf(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  if (parent === abs) return abs;
  const realParent = await realLocation(parent, hops);
  if (linkTarget !== undefined) return realLocation(path.resolve(realParent, linkTarget), hops + 1);
  return path.join(realParent, path.basename(abs));
}
