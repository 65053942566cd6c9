// Replaces a file's content in one step (temp file, fsync, rename, fsync folder): a crash leaves old or new bytes, never half.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** Watchers and listings recognise our own in-flight files by this prefix. */
export const TEMP_FILE_PREFIX = '.mirador-tmp-';

/** Keeps temp names under the 255-byte name limit even for long targets. */
const MAX_TARGET_NAME_IN_TEMP = 100;

export function isTempFileName(name: string): boolean {
  return name.startsWith(TEMP_FILE_PREFIX);
}

export interface AtomicWriteOptions {
  /** Permission bits to give the new file, e.g. the mode of the file being replaced. Default: 0o666 minus umask. */
  mode?: number;
  /** Owner to keep when replacing someone else's file (only effective when running as root). */
  owner?: { uid: number; gid: number };
}

export async function writeFileAtomically(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const folder = path.dirname(target);
  const suffix = randomBytes(6).toString('hex');
  const temp = path.join(folder, `${TEMP_FILE_PREFIX}${path.basename(target).slice(0, MAX_TARGET_NAME_IN_TEMP)}-${suffix}`);
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', options.mode ?? 0o666);
    // open() applies the umask; an explicit chmod keeps the replaced file's exact mode.
    if (options.mode !== undefined) await handle.chmod(options.mode);
    if (options.owner !== undefined) await handle.chown(options.owner.uid, options.owner.gid).catch(() => undefined);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Makes the rename itself durable; some file systems cannot fsync a folder, which is not worth failing a save for. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // best effort, see above
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
