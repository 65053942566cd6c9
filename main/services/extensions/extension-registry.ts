// The built-in and third-party extensions found in one folder, and what they contribute (languages for now).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Contributions, ExtensionSummary } from '../../api/extension-protocol';
import { MiradorErrorCode } from '../../api/errors';
import { MiradorError } from '../mirador-error';
import { loadExtension } from './extension-loader';
import { resolveLanguageClaims, type ClaimedLanguage } from './language-claims';

export class ExtensionRegistry {
  private constructor(private readonly loaded: Contributions) {}

  /**
   * Scans every subfolder of `extensionsDir` that has a package.json. Broken extensions are skipped and reported in
   * `problems`; only a missing or unreadable `extensionsDir` itself throws.
   */
  static async load(extensionsDir: string): Promise<ExtensionRegistry> {
    let folders: string[];
    try {
      folders = (await readdir(extensionsDir)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const miradorCode =
        code === 'ENOENT' ? MiradorErrorCode.notFound : code === 'ENOTDIR' ? MiradorErrorCode.notADirectory : MiradorErrorCode.internal;
      throw new MiradorError(miradorCode, `The extensions folder ${extensionsDir} cannot be read: ${(error as Error).message}`);
    }
    const labelRoot = path.basename(path.resolve(extensionsDir));
    const extensions: ExtensionSummary[] = [];
    const candidates: ClaimedLanguage[] = [];
    const problems: string[] = [];
    const names = new Map<string, string>();
    for (const folder of folders) {
      const result = await loadExtension(extensionsDir, folder, labelRoot);
      problems.push(...result.problems);
      const extension = result.extension;
      if (!extension) continue;
      const taken = names.get(extension.summary.name);
      if (taken !== undefined) {
        problems.push(`${extension.manifestLabel}: name "${extension.summary.name}" is already used by ${taken}; ignored`);
        continue;
      }
      names.set(extension.summary.name, extension.manifestLabel);
      extensions.push(extension.summary);
      extension.languages.forEach((language, index) =>
        candidates.push({ where: `${extension.manifestLabel}: contributes.languages[${index}]`, language }),
      );
    }
    const claims = resolveLanguageClaims(candidates);
    return new ExtensionRegistry({ extensions, languages: claims.languages, problems: [...problems, ...claims.problems] });
  }

  /** A copy, so callers (e.g. a grammar compiler that annotates its input) cannot change the registry. */
  contributions(): Contributions {
    return structuredClone(this.loaded);
  }
}
