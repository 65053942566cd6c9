// Error codes the backend attaches to failed requests, so the UI can tell the user what happened and what to do.

export const MiradorErrorCode = {
  /** The path would leave the workspace root (directly, with `..`, or through a symbolic link). */
  outsideWorkspace: 'outside-workspace',
  notFound: 'not-found',
  alreadyExists: 'already-exists',
  /** The file changed on disk since it was loaded; saving would overwrite someone else's change. */
  conflict: 'conflict',
  noWorkspace: 'no-workspace',
  invalidParams: 'invalid-params',
  notADirectory: 'not-a-directory',
  isADirectory: 'is-a-directory',
  permissionDenied: 'permission-denied',
  readOnly: 'read-only',
  unavailable: 'unavailable',
  internal: 'internal',
} as const;

export type MiradorErrorCode = (typeof MiradorErrorCode)[keyof typeof MiradorErrorCode];

/** The `data` of a JSON-RPC error response from the backend. */
export interface MiradorErrorData {
  code: MiradorErrorCode;
  /** For a display filter that does not compile: the 1-based column of the mistake. */
  column?: number;
}

/** JSON-RPC error code used for every Mirador failure; the precise reason is in `data.code`. */
export const MIRADOR_RPC_ERROR = -32001;
