// Registers the languages contributed by extensions with Monaco: grammars, editing rules, but no file associations.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { LanguageContribution } from '../../../main/api';
import { toLanguageConfiguration } from './language-configuration';

export type MonacoApi = typeof Monaco;

/**
 * Languages with a Monarch grammar are registered without `extensions`/`filenames`: files are mapped by
 * languageForPath, so Monaco's own associations (its F# claims `.ml`) never decide. Built-in ids such as `c`,
 * `json` and `markdown` are already known to Monaco and only get a configuration if one is contributed.
 * One broken contribution does not stop the others; its error goes to `onProblem`.
 */
export function registerLanguages(
  monaco: MonacoApi,
  languages: readonly LanguageContribution[],
  onProblem: (message: string) => void = () => {},
): void {
  const known = new Set(monaco.languages.getLanguages().map((language) => language.id));
  for (const language of languages) {
    try {
      if (language.monarch !== undefined || !known.has(language.id)) {
        monaco.languages.register({ id: language.id, aliases: language.aliases });
        known.add(language.id);
      }
      if (language.monarch !== undefined) {
        // Monarch's compiler annotates the object it is given; keep the contribution as it came.
        const grammar = structuredClone(language.monarch) as unknown as Monaco.languages.IMonarchLanguage;
        monaco.languages.setMonarchTokensProvider(language.id, grammar);
      }
      if (language.configuration !== undefined) {
        monaco.languages.setLanguageConfiguration(
          language.id,
          toLanguageConfiguration(language.configuration, monaco.languages.IndentAction),
        );
      }
    } catch (error) {
      onProblem(`Language "${language.id}" from extension "${language.extension}": ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
