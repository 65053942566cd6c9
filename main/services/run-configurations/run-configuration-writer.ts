// Adds or replaces one entry of .mirador/launch.json in a single atomic write, keeping every other entry and key.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { LaunchArguments } from '../../api/launch-protocol';
import { MiradorError } from '../mirador-error';
import { writeFileAtomically } from '../workspace/atomic-write';
import { checkLaunchArguments } from './launch-arguments-check';
import { MIRADOR_LAUNCH_FILE, readLaunchFile } from './launch-file';

export interface RunConfigurationAdded {
  /** Absolute path of the file written. */
  file: string;
  /** True when an entry of the same name was replaced rather than a new one appended. */
  replaced: boolean;
}

/** Writes to one folder's file happen one after another, so two quick additions cannot lose each other. */
const queues = new Map<string, Promise<unknown>>();

export function addRunConfiguration(folder: string, configuration: LaunchArguments): Promise<RunConfigurationAdded> {
  const key = path.resolve(folder);
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => writeConfiguration(key, configuration));
  queues.set(key, next);
  void next.finally(() => {
    if (queues.get(key) === next) queues.delete(key);
  }).catch(() => undefined);
  return next;
}

async function writeConfiguration(folder: string, configuration: LaunchArguments): Promise<RunConfigurationAdded> {
  const checked = checkLaunchArguments(configuration, 'configuration');
  if (!checked.configuration) throw new MiradorError('invalid-params', `The run configuration is not valid: ${checked.problems.join('; ')}.`);
  // The identifying fields first, as people write them by hand.
  const { name, type, request, target, ...rest } = checked.configuration;
  const entry: LaunchArguments = { ...(name === undefined ? {} : { name }), type, request, target, ...rest };

  const read = await readLaunchFile(folder, MIRADOR_LAUNCH_FILE);
  if (read.kind === 'broken') {
    throw new MiradorError('conflict', `Cannot add the run configuration: ${read.problem}, then try again.`);
  }
  const document: Record<string, unknown> = read.kind === 'read' ? { ...read.document } : {};
  const entries = read.kind === 'read' ? [...read.entries] : [];
  const sameName = name === undefined ? -1 : entries.findIndex((item) => typeof item === 'object' && item !== null && (item as { name?: unknown }).name === name);
  if (sameName === -1) entries.push(entry);
  else entries[sameName] = entry;

  // Comments in the old file are not carried over: that needs a JSONC editor (jsonc-parser's `modify`), not installed here.
  const output = { version: document.version ?? '0.2.0', ...document, configurations: entries };
  const file = path.join(folder, ...MIRADOR_LAUNCH_FILE.split('/'));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomically(file, `${JSON.stringify(output, null, 2)}\n`);
  return { file, replaced: sameName !== -1 };
}
