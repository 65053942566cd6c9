// Picks the language of a file from the extensions' contributions, never from Monaco's own associations.
import type { LanguageContribution } from '../../../main/api';

/** The last segment of a `/` or `\` separated path. */
function fileNameOf(path: string): string {
  const segments = path.split(/[/\\]/);
  return segments[segments.length - 1] ?? '';
}

/**
 * Exact file names win (`config.ml`, `dune`, `Makefile`), then the longest matching file extension compared
 * case-insensitively (so `.opam.template` beats `.template`, and `.S` matches `.s`), else `plaintext`.
 * Monaco's own registrations are ignored on purpose: its F# language claims `.ml`.
 */
export function languageForPath(path: string, languages: readonly LanguageContribution[]): string {
  const fileName = fileNameOf(path);
  const byName = languages.find((language) => language.filenames.includes(fileName));
  if (byName) return byName.id;
  const lowerName = fileName.toLowerCase();
  let best: { id: string; length: number } | undefined;
  for (const language of languages) {
    for (const extension of language.extensions) {
      if (lowerName.endsWith(extension.toLowerCase()) && extension.length > (best?.length ?? 0)) {
        best = { id: language.id, length: extension.length };
      }
    }
  }
  return best?.id ?? 'plaintext';
}
