// Sets the unikernel arguments (`args`) of one named entry of .mirador/launch.json, as written, through the one writer.
import type { LaunchArguments } from '../../api/launch-protocol';
import { MiradorError } from '../mirador-error';
import { MIRADOR_LAUNCH_FILE, readLaunchFile } from './launch-file';
import { addRunConfiguration } from './run-configuration-writer';

/**
 * The entry is taken from the file as written, not as loaded: loading expands `${workspaceFolder}` and friends, and
 * writing an expanded copy back would replace the user's variables with one machine's paths.
 */
export async function setRunConfigurationArguments(folder: string, name: string, args: string[]): Promise<void> {
  if (!Array.isArray(args) || args.some((arg) => typeof arg !== 'string')) {
    throw new MiradorError('invalid-params', 'The arguments must be a list of strings, e.g. ["--ipv4=10.0.0.2/24"].');
  }
  const read = await readLaunchFile(folder, MIRADOR_LAUNCH_FILE);
  if (read.kind === 'broken') throw new MiradorError('conflict', `Cannot change the run configuration: ${read.problem}, then try again.`);
  const entry = read.kind === 'read' ? read.entries.find((item) => typeof item === 'object' && item !== null && (item as { name?: unknown }).name === name) : undefined;
  if (entry === undefined) {
    throw new MiradorError('not-found', `${MIRADOR_LAUNCH_FILE} has no configuration named "${name}"; only that file's entries can be changed here.`);
  }
  const { args: _previous, ...rest } = entry as LaunchArguments;
  await addRunConfiguration(folder, args.length > 0 ? { ...rest, args } : (rest as LaunchArguments));
}
