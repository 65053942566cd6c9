// Picks the shell a new terminal runs: the user's $SHELL when it is usable, else /bin/bash, else /bin/sh.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { MiradorErrorCode } from '../../api/errors';
import { MiradorError } from '../mirador-error';

export const FALLBACK_SHELLS = ['/bin/bash', '/bin/sh'] as const;

export function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function resolveShell(env: NodeJS.ProcessEnv, fallbacks: readonly string[] = FALLBACK_SHELLS): string {
  const userShell = env.SHELL?.trim();
  // Only an absolute $SHELL is trusted: a bare name would be looked up in whatever PATH the backend happens to have.
  const candidates = userShell && path.isAbsolute(userShell) ? [userShell, ...fallbacks] : [...fallbacks];
  const shell = candidates.find(isExecutableFile);
  if (shell !== undefined) return shell;
  const tried = [userShell ? `$SHELL (${userShell})` : '$SHELL (unset)', ...fallbacks].join(', ');
  throw new MiradorError(
    MiradorErrorCode.unavailable,
    `No usable shell for the terminal: tried ${tried}. Set SHELL to the absolute path of an executable shell and restart Mirador.`,
  );
}
