// Finds the VMM's executable before starting it, so "not installed" is reported as such even when a wrapper execs it.
import path from 'node:path';
import { pathDirsFromEnv, searchPath } from '../../services/toolchain/executable-search';

export type CommandLocation = { found: string } | { problem: string };

export async function locateCommand(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CommandLocation> {
  const search = command.includes('/')
    ? await searchPath(path.basename(command), [path.dirname(path.resolve(cwd, command))])
    : await searchPath(command, pathDirsFromEnv(env));
  if (search.kind === 'found') return { found: search.path };
  if (search.kind === 'not-executable') return { problem: `${search.path} is not executable (chmod +x ${search.path})` };
  return { problem: command.includes('/') ? `${command} does not exist` : `${command} was not found; install it or fix PATH` };
}
