// Checks the --workspace folder before anything starts, so a typo fails with one clear line instead of an empty window.
import { statSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './cli-error';

/** Resolves `value` against the current directory; undefined stays undefined (no folder opened). */
export function resolveWorkspaceOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const folder = path.resolve(value);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(folder).isDirectory();
  } catch {
    throw new CliError(`--workspace ${value}: no such folder (${folder}).`);
  }
  if (!isDirectory) throw new CliError(`--workspace ${value}: not a folder (${folder}).`);
  return folder;
}
