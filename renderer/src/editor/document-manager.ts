// Opens, saves, reverts and backs up files: the editor's link to the disk, with hot exit and on-disk change handling.
import type { Backup, LanguageContribution, WorkspaceChange } from '../../../main/api';
import { BackendError, type BackendClient } from '../transport/backend-client';
import type { Notifications } from '../workbench/notifications';
import type { QuickInput } from '../workbench/quick-input';
import { languageForPath } from './language-for-path';
import type { Monaco } from './monaco-loader';
import { TextDocument } from './text-document';

const BACKUP_DELAY_MS = 400;

export class DocumentManager {
  private readonly documents = new Map<string, TextDocument>();
  private readonly loading = new Map<string, Promise<TextDocument>>();
  private readonly backupTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Paths whose latest edits are neither saved nor backed up. */
  private readonly unbacked = new Set<string>();
  private readonly listeners = new Set<(document: TextDocument) => void>();

  constructor(
    private readonly monaco: Monaco,
    private readonly backend: BackendClient,
    private readonly languages: LanguageContribution[],
    private readonly notifications: Notifications,
    private readonly quickInput: QuickInput,
  ) {}

  get(path: string): TextDocument | undefined {
    return this.documents.get(path);
  }

  all(): TextDocument[] {
    return [...this.documents.values()];
  }

  /** True while some unsaved change has not reached the backend's backup store yet. */
  hasPendingBackups(): boolean {
    return this.unbacked.size > 0;
  }

  dirty(): TextDocument[] {
    return this.all().filter((document) => document.isDirty);
  }

  /** Any document's dirty, deleted or conflict state changed. */
  onDidChangeState(listener: (document: TextDocument) => void): void {
    this.listeners.add(listener);
  }

  open(path: string): Promise<TextDocument> {
    const existing = this.documents.get(path);
    if (existing) return Promise.resolve(existing);
    let pending = this.loading.get(path);
    if (!pending) {
      pending = this.load(path).finally(() => this.loading.delete(path));
      this.loading.set(path, pending);
    }
    return pending;
  }

  private async load(path: string, backupText?: string): Promise<TextDocument> {
    const content = await this.backend.request('fs/readFile', { path });
    const model = this.monaco.editor.createModel(content.text, languageForPath(path, this.languages), this.monaco.Uri.from({ scheme: 'mirador', path: `/${path}` }));
    const document = new TextDocument(path, model, content.mtimeMs, content.readOnly, content.notice);
    if (backupText !== undefined && backupText !== content.text && !content.readOnly) {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: backupText }], () => null);
    }
    this.track(document);
    return document;
  }

  private track(document: TextDocument): void {
    this.documents.set(document.path, document);
    document.onDidChangeState(() => this.listeners.forEach((listener) => listener(document)));
    document.model.onDidChangeContent(() => this.scheduleBackup(document));
  }

  private scheduleBackup(document: TextDocument): void {
    clearTimeout(this.backupTimers.get(document.path));
    if (document.isDirty) this.unbacked.add(document.path);
    this.backupTimers.set(
      document.path,
      setTimeout(() => {
        this.backupTimers.delete(document.path);
        const version = document.model.getAlternativeVersionId();
        const request = document.isDirty
          ? this.backend.request('backup/write', { path: document.path, text: document.model.getValue(), baseMtimeMs: document.mtimeMs })
          : this.backend.request('backup/discard', { path: document.path });
        request.then(
          () => {
            if (document.model.isDisposed() || document.model.getAlternativeVersionId() === version) this.unbacked.delete(document.path);
          },
          (error: Error) => this.notifications.warn(`Could not keep a backup of ${document.path}: ${error.message}`),
        );
      }, BACKUP_DELAY_MS),
    );
  }

  /** Hot exit: reopens the unsaved buffers the backend kept from an earlier session (from `backup/list`). Returns their paths. */
  async restoreBackups(backups: readonly Backup[]): Promise<string[]> {
    const restored: string[] = [];
    for (const backup of backups) {
      if (this.documents.has(backup.path)) continue;
      try {
        await this.load(backup.path, backup.text);
      } catch (error) {
        if (!(error instanceof BackendError) || error.code !== 'not-found') throw error;
        const model = this.monaco.editor.createModel(backup.text, languageForPath(backup.path, this.languages), this.monaco.Uri.from({ scheme: 'mirador', path: `/${backup.path}` }));
        const document = new TextDocument(backup.path, model, undefined, false, undefined);
        document.deletedOnDisk = true;
        document.markDirty();
        this.track(document);
      }
      restored.push(backup.path);
    }
    return restored;
  }

  /** Saves the buffer atomically; on a conflict with a newer file on disk, asks before overwriting. */
  async save(document: TextDocument): Promise<boolean> {
    if (document.readOnly) {
      this.notifications.warn(`${document.path} is open read-only (${document.notice ?? 'binary or too large'}); it cannot be saved from here.`);
      return false;
    }
    const text = document.model.getValue();
    const version = document.model.getAlternativeVersionId();
    try {
      let stat;
      try {
        stat = await this.backend.request('fs/writeFile', { path: document.path, text, expectedMtimeMs: document.deletedOnDisk ? undefined : document.mtimeMs });
      } catch (error) {
        if (!(error instanceof BackendError) || error.code !== 'conflict') throw error;
        const choice = await this.quickInput.pick(
          [
            { label: 'Overwrite', description: 'replace the file on disk with your version', value: 'overwrite' },
            { label: 'Revert', description: 'discard your changes and load the file from disk', value: 'revert' },
            { label: 'Cancel', value: 'cancel' },
          ],
          { title: `${document.name} changed on disk since you opened it`, placeholder: `${document.name} changed on disk. Overwrite it with your version?`, keepOrder: true },
        );
        if (choice === 'revert') return (await this.revert(document), false);
        if (choice !== 'overwrite') return false;
        stat = await this.backend.request('fs/writeFile', { path: document.path, text });
      }
      if (document.model.getAlternativeVersionId() === version) {
        document.markSaved(stat.mtimeMs);
        this.unbacked.delete(document.path);
      } else document.mtimeMs = stat.mtimeMs;
      clearTimeout(this.backupTimers.get(document.path));
      await this.backend.request('backup/discard', { path: document.path }).catch(() => undefined);
      return true;
    } catch (error) {
      this.notifications.error(`Could not save ${document.path}: ${(error as Error).message}. Your changes are still in the editor.`, [
        { label: 'Retry', run: () => void this.save(document) },
      ]);
      return false;
    }
  }

  async revert(document: TextDocument): Promise<void> {
    const content = await this.backend.request('fs/readFile', { path: document.path });
    document.model.pushEditOperations([], [{ range: document.model.getFullModelRange(), text: content.text }], () => null);
    document.markSaved(content.mtimeMs);
    this.unbacked.delete(document.path);
    await this.backend.request('backup/discard', { path: document.path }).catch(() => undefined);
  }

  /** Forgets a document nobody shows any more; its backup goes too, since the user chose not to save. */
  release(document: TextDocument): void {
    clearTimeout(this.backupTimers.get(document.path));
    this.backupTimers.delete(document.path);
    this.unbacked.delete(document.path);
    if (document.isDirty) void this.backend.request('backup/discard', { path: document.path }).catch(() => undefined);
    this.documents.delete(document.path);
    document.model.dispose();
  }

  /** Applies changes made on disk by other programs to open documents. */
  async applyDiskChanges(changes: WorkspaceChange[]): Promise<void> {
    for (const change of changes) {
      const document = this.documents.get(change.path);
      if (!document) continue;
      if (change.kind === 'deleted') {
        document.deletedOnDisk = true;
        document.fire();
        continue;
      }
      try {
        const stat = await this.backend.request('fs/stat', { path: document.path });
        if (stat.mtimeMs === document.mtimeMs && !document.deletedOnDisk) continue;
        if (!document.isDirty) {
          const content = await this.backend.request('fs/readFile', { path: document.path });
          if (content.text !== document.model.getValue()) {
            document.model.pushEditOperations([], [{ range: document.model.getFullModelRange(), text: content.text }], () => null);
          }
          document.markSaved(content.mtimeMs);
        } else {
          document.deletedOnDisk = false;
          document.changedOnDisk = true;
          document.fire();
          this.notifications.warn(`${document.path} changed on disk while you have unsaved changes. Saving will ask whether to overwrite.`, [
            { label: 'Revert to disk', run: () => void this.revert(document) },
          ]);
        }
      } catch {
        // The file vanished between the event and the stat; the deletion event follows.
      }
    }
  }
}
