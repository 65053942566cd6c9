// Finds a command on PATH the way a shell does (first executable regular file wins), without running `which`.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

export type ExecutableSearch =
  | { kind: 'found'; path: string }
  /** Only a file that is not executable carries the name: worth telling the user, since it shadows nothing yet looks installed. */
  | { kind: 'not-executable'; path: string }
  | { kind: 'missing' };

/** The absolute directories of PATH; empty and relative entries are skipped, since they depend on the current folder. */
export function pathDirsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return (env.PATH ?? '').split(path.delimiter).filter((dir) => path.isAbsolute(dir));
}

export async function searchPath(name: string, dirs: readonly string[]): Promise<ExecutableSearch> {
  let notExecutable: string | undefined;
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    const isFile = await stat(candidate).then(
      (stats) => stats.isFile(),
      () => false,
    );
    if (!isFile) continue;
    const executable = await access(candidate, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (executable) return { kind: 'found', path: candidate };
    notExecutable ??= candidate;
  }
  return notExecutable === undefined ? { kind: 'missing' } : { kind: 'not-executable', path: notExecutable };
}
