// Reads one launch.json-shaped file: where it is, whether it parses, and its raw `configurations` entries.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseJsonc } from './jsonc-text';

/** Mirador's own run configurations, and VS Code's file whose `"type": "mirador"` entries are read too. */
export const MIRADOR_LAUNCH_FILE = '.mirador/launch.json';
export const VSCODE_LAUNCH_FILE = '.vscode/launch.json';

export type LaunchFileRead =
  | { kind: 'missing' }
  /** `document` is the whole parsed object, kept so a rewrite preserves keys other than `configurations`. */
  | { kind: 'read'; document: Record<string, unknown>; entries: unknown[] }
  | { kind: 'broken'; problem: string };

/** `relative` is one of the constants above; problems start with it, e.g. `.mirador/launch.json: ...`. */
export async function readLaunchFile(folder: string, relative: string): Promise<LaunchFileRead> {
  let text: string;
  try {
    text = await readFile(path.join(folder, ...relative.split('/')), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'broken', problem: `${relative}: cannot be read (${code ?? (error as Error).message}); check its permissions` };
  }
  if (text.trim() === '') return { kind: 'read', document: {}, entries: [] };
  const parsed = parseJsonc(text);
  if (!parsed.ok) {
    return { kind: 'broken', problem: `${relative}: line ${parsed.line}, column ${parsed.column}: ${parsed.reason}; fix the JSON (comments and trailing commas are fine)` };
  }
  const document = parsed.value;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { kind: 'broken', problem: `${relative}: must be an object like { "version": "0.2.0", "configurations": [] }` };
  }
  const configurations = (document as Record<string, unknown>).configurations;
  if (configurations === undefined) return { kind: 'read', document: document as Record<string, unknown>, entries: [] };
  if (!Array.isArray(configurations)) return { kind: 'broken', problem: `${relative}: configurations must be an array` };
  return { kind: 'read', document: document as Record<string, unknown>, entries: configurations };
}
