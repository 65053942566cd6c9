// Translates Node file-system errors into MiradorErrors whose messages tell the user what to do next.
import { MiradorErrorCode } from '../../api/errors';
import { MiradorError } from '../mirador-error';

/** How a workspace path is shown in messages; the root has no name of its own. */
export function displayPath(rel: string): string {
  return rel === '' ? 'the workspace folder' : `"${rel}"`;
}

export function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

export function notFoundError(rel: string, action: string): MiradorError {
  return new MiradorError(
    MiradorErrorCode.notFound,
    `Could not ${action} ${displayPath(rel)}: it does not exist. It may have been moved or deleted; refresh the explorer and try again.`,
  );
}

/** Converts `error` (thrown while doing `action` on `rel`) to a MiradorError; MiradorErrors pass through unchanged. */
export function toMiradorError(error: unknown, rel: string, action: string): MiradorError {
  if (error instanceof MiradorError) return error;
  const where = displayPath(rel);
  switch (errnoOf(error)) {
    case 'ENOENT':
      return notFoundError(rel, action);
    case 'EACCES':
    case 'EPERM':
      return new MiradorError(
        MiradorErrorCode.permissionDenied,
        `Could not ${action} ${where}: permission denied. Check the permissions of the file and its folder, then try again.`,
      );
    case 'EEXIST':
    case 'ENOTEMPTY':
      return new MiradorError(
        MiradorErrorCode.alreadyExists,
        `Could not ${action} ${where}: something with that name already exists. Choose another name or delete the existing entry first.`,
      );
    case 'ENOTDIR':
      return new MiradorError(
        MiradorErrorCode.notADirectory,
        `Could not ${action} ${where}: part of the path is a file, not a folder. Check the path and try again.`,
      );
    case 'EISDIR':
      return new MiradorError(
        MiradorErrorCode.isADirectory,
        `Could not ${action} ${where}: it is a folder. Pick a file instead.`,
      );
    case 'EROFS':
      return new MiradorError(
        MiradorErrorCode.readOnly,
        `Could not ${action} ${where}: the file system is read-only. Remount it writable or work on a copy.`,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new MiradorError(
        MiradorErrorCode.unavailable,
        `Could not ${action} ${where}: the disk is full. Free some space and try again.`,
      );
    case 'ELOOP':
      return new MiradorError(
        MiradorErrorCode.invalidParams,
        `Could not ${action} ${where}: it goes through a loop of symbolic links. Fix or remove the links.`,
      );
    case 'EINVAL':
      return new MiradorError(
        MiradorErrorCode.invalidParams,
        `Could not ${action} ${where}: the operation is not possible there (for example, moving a folder into itself).`,
      );
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return new MiradorError(MiradorErrorCode.internal, `Could not ${action} ${where}: ${detail}`);
    }
  }
}
