// The recently opened workspace folders, most recent first, kept in a small JSON file that may be missing or damaged.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from './atomic-write';
import { toMiradorError } from './fs-errors';
import { OperationQueue } from './operation-queue';

const MAX_RECENT_FOLDERS = 10;

export class RecentFolders {
  private readonly queue = new OperationQueue();

  constructor(private readonly file: string) {}

  list(): Promise<string[]> {
    return this.queue.run(() => this.read());
  }

  async add(folder: string): Promise<void> {
    const entry = path.resolve(folder);
    return this.queue.run(async () => {
      const folders = [entry, ...(await this.read()).filter((known) => known !== entry)].slice(0, MAX_RECENT_FOLDERS);
      try {
        await fs.mkdir(path.dirname(this.file), { recursive: true });
        await writeFileAtomically(this.file, `${JSON.stringify(folders, null, 2)}\n`);
      } catch (error) {
        throw toMiradorError(error, this.file, 'update the recent folders list in');
      }
    });
  }

  /** A missing or damaged file just means no history: it must never keep the app from starting. */
  private async read(): Promise<string[]> {
    let data: unknown;
    try {
      data = JSON.parse(await fs.readFile(this.file, 'utf8'));
    } catch {
      return [];
    }
    if (!Array.isArray(data)) return [];
    const folders = data.filter((item): item is string => typeof item === 'string' && path.isAbsolute(item));
    return [...new Set(folders)].slice(0, MAX_RECENT_FOLDERS);
  }
}
