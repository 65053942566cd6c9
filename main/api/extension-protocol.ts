// Extension part of the contract: what built-in and third-party extensions contribute to the UI (languages for now).

export interface LanguageContribution {
  /** Monaco language id, e.g. `ocaml`, `dune`, `c`. */
  id: string;
  aliases: string[];
  /** File name endings including the dot, e.g. `.ml`. */
  extensions: string[];
  /** Exact file names, e.g. `dune`, `Makefile`. They win over extensions. */
  filenames: string[];
  /** A Monarch grammar as JSON (regular expressions as strings), or absent when Monaco has the language built in. */
  monarch?: Record<string, unknown>;
  /** Monaco language configuration (comments, brackets, auto-closing pairs) as JSON. */
  configuration?: Record<string, unknown>;
  /** The extension that contributed it. */
  extension: string;
}

export interface ExtensionSummary {
  name: string;
  displayName: string;
  version: string;
  description: string;
}

export interface Contributions {
  extensions: ExtensionSummary[];
  languages: LanguageContribution[];
  /** Problems found while loading extensions; shown in the Output panel. */
  problems: string[];
}
