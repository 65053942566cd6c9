// Combines the languages of all extensions so each id, file extension and file name belongs to exactly one language.
import type { LanguageContribution } from '../../api/extension-protocol';

export interface ClaimedLanguage {
  /** The manifest entry problems name, e.g. `extensions/ocaml/package.json: contributes.languages[0]`. */
  where: string;
  language: LanguageContribution;
}

/** First come, first served: later duplicates of an id are dropped, later claims on a taken extension or file name too. */
export function resolveLanguageClaims(candidates: ClaimedLanguage[]): { languages: LanguageContribution[]; problems: string[] } {
  const byId = new Map<string, LanguageContribution>();
  const extensionOwners = new Map<string, string>();
  const filenameOwners = new Map<string, string>();
  const languages: LanguageContribution[] = [];
  const problems: string[] = [];
  for (const { where, language } of candidates) {
    const existing = byId.get(language.id);
    if (existing) {
      problems.push(`${where}.id "${language.id}" is already contributed by extension "${existing.extension}"; ignored`);
      continue;
    }
    const keep = (field: string, claims: string[], owners: Map<string, string>, normalise: (claim: string) => string): string[] =>
      claims.filter((claim) => {
        const owner = owners.get(normalise(claim));
        if (owner === undefined || owner === language.id) {
          owners.set(normalise(claim), language.id);
          return true;
        }
        problems.push(`${where}.${field} "${claim}" is already claimed by language "${owner}"; ignored`);
        return false;
      });
    const accepted: LanguageContribution = {
      ...language,
      // File extensions match case-insensitively (`.S` and `.s`), file names exactly (`Makefile` and `makefile`).
      extensions: keep('extensions', language.extensions, extensionOwners, (claim) => claim.toLowerCase()),
      filenames: keep('filenames', language.filenames, filenameOwners, (claim) => claim),
    };
    byId.set(language.id, accepted);
    languages.push(accepted);
  }
  return { languages, problems };
}
