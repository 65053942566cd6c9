// Maps between the debugger's absolute source paths and the workspace-relative paths the editor opens.

/** Removes `.` and `..` segments and doubled slashes, so gdb's `/ws/./src/../kernel.c` compares equal to `/ws/kernel.c`. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
    else if (segment !== '..' || !absolute) segments.push(segment);
  }
  return `${absolute ? '/' : ''}${segments.join('/')}`;
}

/** The absolute path the adapter wants in `setBreakpoints` for a workspace-relative path. */
export function toAbsolutePath(root: string, workspacePath: string): string {
  return normalizePath(`${root}/${workspacePath}`);
}

/**
 * The workspace-relative path of a path the adapter reported, or undefined when it lies outside the workspace.
 * A relative path is taken as relative to the workspace, where the build ran.
 */
export function toWorkspacePath(root: string | null, path: string): string | undefined {
  if (!root) return undefined;
  const normalized = normalizePath(path);
  if (!normalized.startsWith('/')) return normalized.startsWith('..') || normalized === '' ? undefined : normalized;
  const base = normalizePath(root);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return normalized.startsWith(prefix) && normalized.length > prefix.length ? normalized.slice(prefix.length) : undefined;
}
