// Workspace part of the contract: files, folders, search and hot-exit backups, all addressed by workspace-relative paths.

/**
 * A path inside the workspace, relative to its root, with `/` separators and no leading slash.
 * The root itself is the empty string. The backend refuses any path that would leave the root.
 */
export type WorkspacePath = string;

export interface WorkspaceInfo {
  /** Absolute folder on the backend machine, or null when no folder is open. */
  root: string | null;
  /** Display name (the folder's base name). */
  name: string;
}

export type EntryKind = 'file' | 'directory';

export interface DirEntry {
  name: string;
  path: WorkspacePath;
  kind: EntryKind;
  /** True when the entry is a symbolic link (its target is inside the workspace, or it is not listed). */
  symlink: boolean;
}

export interface FileContent {
  path: WorkspacePath;
  text: string;
  size: number;
  mtimeMs: number;
  /** Binary or huge files are shown read-only; `notice` says why. */
  readOnly: boolean;
  notice?: string;
}

export interface WriteFileParams {
  path: WorkspacePath;
  text: string;
  /** When given, the save fails with `conflict` if the file on disk has another modification time. */
  expectedMtimeMs?: number;
}

export interface FileStat {
  size: number;
  mtimeMs: number;
}

export type ChangeKind = 'created' | 'changed' | 'deleted';

export interface WorkspaceChange {
  path: WorkspacePath;
  kind: ChangeKind;
}

export interface SearchQuery {
  pattern: string;
  isRegex?: boolean;
  caseSensitive?: boolean;
  wholeWord?: boolean;
  /** Stop after this many matches (default 2000). */
  maxResults?: number;
}

export interface SearchMatch {
  path: WorkspacePath;
  /** 1-based line and column, as the editor counts them. */
  line: number;
  column: number;
  length: number;
  /** The matching line, trimmed to a readable length. */
  preview: string;
  /** Where the match starts inside `preview` (0-based, UTF-16 units), since a long line's preview is a window of it. */
  previewColumn: number;
}

export interface SearchResult {
  matches: SearchMatch[];
  filesSearched: number;
  truncated: boolean;
}

export interface FileList {
  paths: WorkspacePath[];
  truncated: boolean;
}

export interface Backup {
  path: WorkspacePath;
  text: string;
  /** Modification time of the file on disk when the buffer was loaded, if it existed. */
  baseMtimeMs?: number;
  savedAt: number;
}
