// Reads a JSON file an extension's manifest refers to, refusing any path that leaves the extension folder.
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

export type ContributionFileResult = { json: Record<string, unknown>; problem?: undefined } | { json?: undefined; problem: string };

function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `field` names the manifest entry (e.g. `extensions/ocaml/package.json: contributes.languages[0].monarch`) and
 * `label` is how the referenced file is named in problems (e.g. `extensions/ocaml/syntaxes/ocaml.monarch.json`).
 */
export async function readContributionFile(
  extensionDir: string,
  relativePath: string,
  field: string,
  label: string,
): Promise<ContributionFileResult> {
  const outside = { problem: `${field} "${relativePath}" points outside the extension folder` };
  if (path.isAbsolute(relativePath) || !isInside(extensionDir, path.resolve(extensionDir, relativePath))) return outside;
  let text: string;
  try {
    // Resolve symbolic links too: a link inside the folder may still point elsewhere.
    const realFolder = await realpath(extensionDir);
    const realFile = await realpath(path.resolve(extensionDir, relativePath));
    if (!isInside(realFolder, realFile)) return outside;
    text = await readFile(realFile, 'utf8');
  } catch (error) {
    return { problem: `${field} "${relativePath}" cannot be read: ${reason(error)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `${label}: invalid JSON: ${reason(error)}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { problem: `${label}: must be a JSON object` };
  return { json: json as Record<string, unknown> };
}
