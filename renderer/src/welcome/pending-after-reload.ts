// What to do once a folder opened from the welcome page has loaded: opening a folder reloads the window, so it is remembered.

export interface PendingAfterReload {
  /** The folder it applies to: a reload into another folder forgets it. */
  folder: string;
  /** A workspace-relative file to open, e.g. `README.md` or the tutorial notebook. */
  open?: string;
  /** A one-time message for the user, e.g. what to do next in a new project. */
  message?: string;
  /** The active target to set for the folder (a new MirageOS project starts on unix). */
  target?: string;
}

const KEY = 'mirador.welcome.pending';

/** sessionStorage: the intent belongs to this window, not to every window of the profile. */
export function rememberAfterReload(pending: PendingAfterReload): void {
  sessionStorage.setItem(KEY, JSON.stringify(pending));
}

export function takePendingAfterReload(folder: string | null): PendingAfterReload | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (raw === null) return undefined;
  sessionStorage.removeItem(KEY);
  try {
    const pending = JSON.parse(raw) as PendingAfterReload;
    return typeof pending.folder === 'string' && pending.folder === folder ? pending : undefined;
  } catch {
    return undefined;
  }
}
