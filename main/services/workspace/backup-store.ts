// Hot exit: keeps unsaved editor buffers of one workspace on disk, one file per buffer, until saved or discarded.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MiradorErrorCode } from '../../api/errors';
import type { Backup, WorkspacePath } from '../../api/workspace-protocol';
import { MiradorError } from '../mirador-error';
import { isTempFileName, writeFileAtomically } from './atomic-write';
import { errnoOf, toMiradorError } from './fs-errors';
import { OperationQueue } from './operation-queue';

const BACKUP_FORMAT_VERSION = 1;
const BACKUP_EXTENSION = '.json';

/** A backup file that could not be loaded; reported so the caller can log it, never thrown. */
export interface CorruptBackup {
  file: string;
  reason: string;
}

export interface BackupLoadResult {
  backups: Backup[];
  corrupt: CorruptBackup[];
}

export class BackupStore {
  private readonly queue = new OperationQueue();

  constructor(readonly backupDir: string) {}

  /** One folder per workspace, named by a hash so any folder path makes a valid, short name. */
  static folderFor(userDataDir: string, workspaceFolder: string): string {
    return path.join(userDataDir, 'backups', sha256(path.resolve(workspaceFolder)).slice(0, 16));
  }

  async write(backup: Omit<Backup, 'savedAt'>): Promise<void> {
    assertBackupShape(backup);
    const stored: Backup & { version: number } = {
      version: BACKUP_FORMAT_VERSION,
      path: backup.path,
      text: backup.text,
      ...(backup.baseMtimeMs !== undefined && { baseMtimeMs: backup.baseMtimeMs }),
      savedAt: Date.now(),
    };
    return this.queue.run(async () => {
      try {
        await fs.mkdir(this.backupDir, { recursive: true });
        await writeFileAtomically(this.fileFor(backup.path), JSON.stringify(stored));
      } catch (error) {
        throw toMiradorError(error, backup.path, 'keep a backup of');
      }
    });
  }

  discard(rel: WorkspacePath): Promise<void> {
    return this.queue.run(async () => {
      try {
        await fs.rm(this.fileFor(rel), { force: true });
      } catch (error) {
        throw toMiradorError(error, rel, 'discard the backup of');
      }
    });
  }

  async list(): Promise<Backup[]> {
    return (await this.load()).backups;
  }

  /** All readable backups sorted by path, plus the files that could not be read (which do not stop the others). */
  load(): Promise<BackupLoadResult> {
    return this.queue.run(async () => {
      let names: string[];
      try {
        names = await fs.readdir(this.backupDir);
      } catch (error) {
        if (errnoOf(error) === 'ENOENT') return { backups: [], corrupt: [] };
        throw toMiradorError(error, '', 'read the backups of');
      }
      const result: BackupLoadResult = { backups: [], corrupt: [] };
      for (const name of names.sort()) {
        // Temp files are writes interrupted by a crash; the previous backup (if any) is still intact beside them.
        if (!name.endsWith(BACKUP_EXTENSION) || isTempFileName(name)) continue;
        const file = path.join(this.backupDir, name);
        try {
          result.backups.push(this.parse(name, await fs.readFile(file, 'utf8')));
        } catch (error) {
          result.corrupt.push({ file, reason: error instanceof Error ? error.message : String(error) });
        }
      }
      result.backups.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      return result;
    });
  }

  private fileFor(rel: WorkspacePath): string {
    return path.join(this.backupDir, `${sha256(rel).slice(0, 32)}${BACKUP_EXTENSION}`);
  }

  private parse(name: string, json: string): Backup {
    const data: unknown = JSON.parse(json);
    if (typeof data !== 'object' || data === null) throw new Error('not a JSON object');
    const record = data as Record<string, unknown>;
    if (record.version !== BACKUP_FORMAT_VERSION) throw new Error(`unknown backup format version ${String(record.version)}`);
    if (typeof record.path !== 'string' || typeof record.text !== 'string' || typeof record.savedAt !== 'number') {
      throw new Error('missing path, text or savedAt');
    }
    if (record.baseMtimeMs !== undefined && typeof record.baseMtimeMs !== 'number') throw new Error('baseMtimeMs is not a number');
    // A name that does not match the path would let this backup shadow another file's; treat it as damage.
    if (path.basename(this.fileFor(record.path)) !== name) throw new Error(`file name does not match its path "${record.path}"`);
    return {
      path: record.path,
      text: record.text,
      ...(record.baseMtimeMs !== undefined && { baseMtimeMs: record.baseMtimeMs }),
      savedAt: record.savedAt,
    };
  }
}

function assertBackupShape(backup: Omit<Backup, 'savedAt'>): void {
  if (typeof backup?.path !== 'string' || backup.path.includes('\0') || typeof backup.text !== 'string') {
    throw new MiradorError(MiradorErrorCode.invalidParams, 'A backup needs a workspace path and the text of the buffer.');
  }
  if (backup.baseMtimeMs !== undefined && typeof backup.baseMtimeMs !== 'number') {
    throw new MiradorError(MiradorErrorCode.invalidParams, 'A backup\'s baseMtimeMs must be a number of milliseconds.');
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
