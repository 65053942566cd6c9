// Tells the UI about files created, changed or deleted on disk, in the folders it has listed and the files it has open.
import { promises as fs, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import path from 'node:path';
import type { ChangeKind, WorkspaceChange, WorkspacePath } from '../../api/workspace-protocol';
import { isTempFileName } from './atomic-write';
import { errnoOf, toMiradorError } from './fs-errors';
import type { WorkspaceRoot } from './workspace-root';

/** One non-recursive OS watch on a folder, shared by the folder's listing and the open files inside it. */
interface WatchedFolder {
  rel: WorkspacePath;
  abs: string;
  ino: number;
  watcher?: FSWatcher;
  /** Child names seen last time: an event alone cannot tell a creation from a change. */
  known: Set<string>;
  ready: Promise<void>;
  listed: boolean;
  openFiles: Set<string>;
  pendingNames: Set<string>;
  /** The OS did not say which child changed (or reported an error): compare the whole folder. */
  rescan: boolean;
  closed: boolean;
}

export class DirectoryWatcher {
  /** Insertion order doubles as least-recently-requested order for eviction. */
  private readonly folders = new Map<WorkspacePath, WatchedFolder>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly root: WorkspaceRoot,
    private readonly onChanges: (changes: WorkspaceChange[]) => void,
    private readonly debounceMs = 50,
    /** inotify watches are a per-user system resource; an explorer expanded everywhere must not exhaust them. */
    private readonly maxWatchers = 2000,
  ) {}

  /** Reports changes to the folder's children. Watching is best effort: when the OS is out of watches, nothing is reported. */
  async watchDirectory(rel: WorkspacePath): Promise<void> {
    const folder = await this.folderFor(this.root.normalize(rel));
    if (folder) folder.listed = true;
  }

  /** Reports changes to one open file, through a watch on its folder. */
  async watchFile(rel: WorkspacePath): Promise<void> {
    const normal = this.root.normalize(rel);
    if (normal === '') return this.watchDirectory(normal);
    await this.root.resolve(normal);
    const folder = await this.folderFor(parentOf(normal));
    folder?.openFiles.add(path.posix.basename(normal));
  }

  /** Stops reporting for a folder the UI collapsed or a file it closed. */
  unwatch(rel: WorkspacePath): void {
    const normal = this.root.normalize(rel);
    const folder = this.folders.get(normal);
    if (folder) {
      folder.listed = false;
      this.closeIfUnused(folder);
    }
    if (normal === '') return;
    const parent = this.folders.get(parentOf(normal));
    if (parent) {
      parent.openFiles.delete(path.posix.basename(normal));
      this.closeIfUnused(parent);
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const folder of this.folders.values()) this.close(folder);
  }

  /** Number of OS watches currently held. */
  get watcherCount(): number {
    return this.folders.size;
  }

  private async folderFor(rel: WorkspacePath): Promise<WatchedFolder | undefined> {
    if (this.disposed) return undefined;
    const existing = this.folders.get(rel);
    if (existing) return this.touch(existing);
    const abs = await this.root.resolveReal(rel);
    let ino: number;
    try {
      ino = (await fs.stat(abs)).ino;
    } catch (error) {
      throw toMiradorError(error, rel, 'watch');
    }
    const raced = this.folders.get(rel);
    if (raced || this.disposed) return raced && this.touch(raced);
    const folder: WatchedFolder = {
      rel,
      abs,
      ino,
      known: new Set(),
      ready: Promise.resolve(),
      listed: false,
      openFiles: new Set(),
      pendingNames: new Set(),
      rescan: false,
      closed: false,
    };
    try {
      folder.watcher = this.startWatch(folder);
    } catch (error) {
      const code = errnoOf(error);
      if (code === 'ENOSPC' || code === 'EMFILE') return undefined;
      throw toMiradorError(error, rel, 'watch');
    }
    // Started after the watch, so nothing created in between is missed.
    folder.ready = childNames(abs).then((names) => {
      folder.known = names;
    });
    this.evictIfFull();
    this.folders.set(rel, folder);
    await folder.ready;
    return folder;
  }

  private startWatch(folder: WatchedFolder): FSWatcher {
    const watcher = watch(folder.abs, { persistent: false }, (_event, filename) => {
      if (folder.closed || this.disposed) return;
      if (filename !== null && isTempFileName(filename)) return;
      if (filename === null) folder.rescan = true;
      else folder.pendingNames.add(filename);
      this.schedule();
    });
    // Without a listener an 'error' event would crash the backend; the next flush finds out what happened.
    watcher.on('error', () => {
      if (folder.closed || this.disposed) return;
      folder.rescan = true;
      this.schedule();
    });
    return watcher;
  }

  private touch(folder: WatchedFolder): WatchedFolder {
    this.folders.delete(folder.rel);
    this.folders.set(folder.rel, folder);
    return folder;
  }

  /** Evicts the least recently requested folder, preferring ones without open files. */
  private evictIfFull(): void {
    if (this.folders.size < this.maxWatchers) return;
    const all = [...this.folders.values()];
    const victim = all.find((folder) => folder.openFiles.size === 0) ?? all[0];
    if (victim) this.close(victim);
  }

  private closeIfUnused(folder: WatchedFolder): void {
    if (!folder.listed && folder.openFiles.size === 0) this.close(folder);
  }

  private close(folder: WatchedFolder): void {
    folder.closed = true;
    folder.watcher?.close();
    if (this.folders.get(folder.rel) === folder) this.folders.delete(folder.rel);
  }

  /** Fixed windows rather than a sliding delay, so a constantly busy folder still reports every `debounceMs`. */
  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }, this.debounceMs);
  }

  private async flush(): Promise<void> {
    const changes = new Map<WorkspacePath, ChangeKind>();
    for (const folder of [...this.folders.values()]) {
      if (folder.closed || (folder.pendingNames.size === 0 && !folder.rescan)) continue;
      await this.collect(folder, changes);
    }
    if (changes.size > 0 && !this.disposed) {
      this.onChanges([...changes].map(([changedPath, kind]) => ({ path: changedPath, kind })));
    }
  }

  private async collect(folder: WatchedFolder, changes: Map<WorkspacePath, ChangeKind>): Promise<void> {
    const named = folder.pendingNames;
    const names = new Set(named);
    let rescan = folder.rescan;
    folder.pendingNames = new Set();
    folder.rescan = false;
    await folder.ready;
    const current = await statIfExists(folder.abs);
    if (!current?.isDirectory()) {
      this.reportGone(folder, changes);
      return;
    }
    if (current.ino !== folder.ino) {
      // Deleted and recreated within one window: the old watch is dead, so watch the new folder in its place.
      folder.watcher?.close();
      folder.ino = current.ino;
      folder.watcher = this.startWatch(folder);
      rescan = true;
    }
    if (rescan) {
      for (const name of folder.known) names.add(name);
      for (const name of await childNames(folder.abs)) names.add(name);
    }
    for (const name of names) {
      const exists = await entryExists(path.join(folder.abs, name));
      const wasKnown = folder.known.has(name);
      let kind: ChangeKind;
      if (exists) {
        folder.known.add(name);
        kind = wasKnown ? 'changed' : 'created';
      } else if (wasKnown) {
        folder.known.delete(name);
        kind = 'deleted';
      } else {
        continue; // came and went within one window
      }
      // A rescan only compares names, so it cannot tell whether an entry it was not told about changed.
      if (kind === 'changed' && !named.has(name)) continue;
      if (folder.listed || folder.openFiles.has(name)) changes.set(childPath(folder.rel, name), kind);
    }
  }

  private reportGone(folder: WatchedFolder, changes: Map<WorkspacePath, ChangeKind>): void {
    if (folder.listed) changes.set(folder.rel, 'deleted');
    for (const name of folder.known) {
      if (folder.listed || folder.openFiles.has(name)) changes.set(childPath(folder.rel, name), 'deleted');
    }
    this.close(folder);
  }
}

function parentOf(rel: WorkspacePath): WorkspacePath {
  const parent = path.posix.dirname(rel);
  return parent === '.' ? '' : parent;
}

function childPath(folderRel: WorkspacePath, name: string): WorkspacePath {
  return folderRel === '' ? name : `${folderRel}/${name}`;
}

async function childNames(abs: string): Promise<Set<string>> {
  try {
    return new Set((await fs.readdir(abs)).filter((name) => !isTempFileName(name)));
  } catch {
    return new Set();
  }
}

async function statIfExists(abs: string) {
  try {
    return await fs.stat(abs);
  } catch {
    return undefined;
  }
}

/** lstat, so a link whose target vanished still counts as an entry; unreadable entries count as present. */
async function entryExists(abs: string): Promise<boolean> {
  try {
    await fs.lstat(abs);
    return true;
  } catch (error) {
    const code = errnoOf(error);
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}
