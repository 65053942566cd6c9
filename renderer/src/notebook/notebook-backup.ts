// Hot exit for one notebook: shortly after each change its unsaved state (cells and outputs, as the .ipynb it would
// save) goes to the backend's backup store, and the backup goes once the notebook is saved, reverted or closed unsaved.
import type { Notebook } from '../../../main/api';
import type { BackendClient } from '../transport/backend-client';
import type { Notifications } from '../workbench/notifications';

/** Longer than a text buffer's delay: a notebook with image outputs is a big JSON to write on every keystroke. */
const BACKUP_DELAY_MS = 600;
/** A cell that prints without pause keeps changing the notebook: its backup still goes out this often. */
const MAX_BACKUP_WAIT_MS = 3000;

export interface NotebookBackupState {
  isDirty: boolean;
  /** The notebook as it would be saved. */
  snapshot(): Notebook;
  /** Modification time of the file on disk the changes started from, if it exists. */
  baseMtimeMs: number | undefined;
}

export class NotebookBackup {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Changes made since the last backup (or discard) reached the backend. */
  private unbacked = false;
  /** What the store holds for this notebook: the text written last, '' when nothing. */
  private stored: string;
  private generation = 0;
  /** When the oldest change not yet backed up was made (0: none waits). */
  private waitingSince = 0;

  constructor(
    private readonly backend: BackendClient,
    private readonly notifications: Notifications,
    private readonly path: string,
    private readonly state: () => NotebookBackupState,
    /** The backup the notebook was restored from ('' when it was opened from its file). */
    restoredText = '',
  ) {
    this.stored = restoredText;
  }

  /** True while some unsaved change has not reached the backup store yet (leaving now would lose it). */
  get isPending(): boolean {
    return this.unbacked;
  }

  /** The notebook changed (cells, outputs, saved or reloaded): back it up, or drop the backup once it is clean. */
  changed(): void {
    this.unbacked = this.state().isDirty || this.stored !== '';
    const now = Date.now();
    if (this.waitingSince === 0) this.waitingSince = now;
    // Each change puts the backup off a little, but never past MAX_BACKUP_WAIT_MS after the first one waiting.
    if (now - this.waitingSince >= MAX_BACKUP_WAIT_MS - BACKUP_DELAY_MS) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), BACKUP_DELAY_MS);
  }

  /** The notebook was closed without saving (the user chose so), or saved and closed: nothing to restore. */
  discard(): void {
    clearTimeout(this.timer);
    this.waitingSince = 0;
    this.unbacked = false;
    this.generation++;
    this.stored = '';
    void this.backend.request('backup/discard', { path: this.path }).catch(() => undefined);
  }

  private flush(): void {
    this.waitingSince = 0;
    const state = this.state();
    const text = state.isDirty ? JSON.stringify(state.snapshot()) : '';
    const generation = ++this.generation;
    if (text === this.stored) {
      this.unbacked = false;
      return;
    }
    const request = text
      ? this.backend.request('backup/write', { path: this.path, text, ...(state.baseMtimeMs !== undefined && { baseMtimeMs: state.baseMtimeMs }) })
      : this.backend.request('backup/discard', { path: this.path });
    request.then(
      () => {
        this.stored = text;
        // A change made while the request was on its way has its own flush coming.
        if (generation === this.generation) this.unbacked = false;
      },
      (error: Error) => this.notifications.warn(`Could not keep a backup of ${this.path}: ${error.message}`),
    );
  }
}
