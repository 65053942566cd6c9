// Loads one extension folder: its manifest and the grammar and configuration files its languages refer to.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExtensionSummary, LanguageContribution } from '../../api/extension-protocol';
import { readContributionFile } from './contribution-file';
import { validateManifest, type LanguageManifestEntry } from './manifest-validation';

export interface LoadedExtension {
  summary: ExtensionSummary;
  /** Where problems about this extension point, e.g. `extensions/ocaml/package.json`. */
  manifestLabel: string;
  languages: LanguageContribution[];
}

/** `extension` is undefined when the folder has no manifest (not an extension) or when it is broken (see problems). */
export interface ExtensionLoadResult {
  extension?: LoadedExtension;
  problems: string[];
}

function monarchProblem(grammar: Record<string, unknown>, label: string): string | null {
  const tokenizer = grammar.tokenizer;
  if (typeof tokenizer !== 'object' || tokenizer === null || Array.isArray(tokenizer)) {
    return `${label}: a Monarch grammar needs a "tokenizer" object`;
  }
  const bad = Object.entries(tokenizer).find(([, rules]) => !Array.isArray(rules));
  return bad ? `${label}: tokenizer state "${bad[0]}" must be an array of rules` : null;
}

async function loadLanguage(
  entry: LanguageManifestEntry,
  field: string,
  extensionDir: string,
  folderLabel: string,
  extensionName: string,
): Promise<{ language?: LanguageContribution; problems: string[] }> {
  const language: LanguageContribution = {
    id: entry.id,
    aliases: entry.aliases,
    extensions: entry.extensions,
    filenames: entry.filenames,
    extension: extensionName,
  };
  const problems: string[] = [];
  for (const key of ['monarch', 'configuration'] as const) {
    const relative = entry[key];
    if (relative === undefined) continue;
    const label = path.posix.join(folderLabel, relative.split(path.sep).join('/'));
    const result = await readContributionFile(extensionDir, relative, `${field}.${key}`, label);
    if (result.problem !== undefined) {
      problems.push(result.problem);
      continue;
    }
    const problem = key === 'monarch' ? monarchProblem(result.json, label) : null;
    if (problem !== null) problems.push(problem);
    else language[key] = result.json;
  }
  return problems.length > 0 ? { problems } : { language, problems };
}

/** `labelRoot` names the extensions folder in problems (e.g. `extensions`). */
export async function loadExtension(extensionsDir: string, folder: string, labelRoot: string): Promise<ExtensionLoadResult> {
  const extensionDir = path.join(extensionsDir, folder);
  const folderLabel = `${labelRoot}/${folder}`;
  const manifestLabel = `${folderLabel}/package.json`;
  let text: string;
  try {
    text = await readFile(path.join(extensionDir, 'package.json'), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A folder (or file) without a manifest is simply not an extension.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problems: [] };
    return { problems: [`${manifestLabel}: cannot be read: ${(error as Error).message}`] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problems: [`${manifestLabel}: invalid JSON: ${(error as Error).message}`] };
  }
  const validation = validateManifest(raw, manifestLabel);
  if (validation.manifest === undefined) return { problems: validation.problems };
  const { manifest } = validation;
  const languages: LanguageContribution[] = [];
  const problems: string[] = [];
  for (const [index, entry] of manifest.languages.entries()) {
    const field = `${manifestLabel}: contributes.languages[${index}]`;
    const result = await loadLanguage(entry, field, extensionDir, folderLabel, manifest.name);
    problems.push(...result.problems);
    if (result.language) languages.push(result.language);
  }
  // One broken file makes the whole extension broken: half an extension would only confuse.
  if (problems.length > 0) return { problems };
  const { name, displayName, version, description } = manifest;
  return { extension: { summary: { name, displayName, version, description }, manifestLabel, languages }, problems: [] };
}
