// Checks an extension's parsed package.json and turns it into a typed manifest, or into problems a person can fix.

/** One entry of `contributes.languages`, with its file references still relative to the extension folder. */
export interface LanguageManifestEntry {
  id: string;
  aliases: string[];
  extensions: string[];
  filenames: string[];
  monarch?: string;
  configuration?: string;
}

export interface ExtensionManifest {
  name: string;
  displayName: string;
  version: string;
  description: string;
  languages: LanguageManifestEntry[];
}

export type ManifestValidation = { manifest: ExtensionManifest; problems: [] } | { manifest: undefined; problems: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects problems under one location prefix, so every message names the file and the field. */
class FieldChecker {
  readonly problems: string[] = [];

  constructor(private readonly where: string) {}

  fail(field: string, message: string): void {
    this.problems.push(`${this.where}: ${field} ${message}`);
  }

  requiredString(record: Record<string, unknown>, key: string, field: string): string {
    const value = record[key];
    if (typeof value !== 'string') {
      this.fail(field, 'must be a string');
      return '';
    }
    if (value.trim() === '') this.fail(field, 'must not be empty');
    return value;
  }

  optionalString(record: Record<string, unknown>, key: string, field: string): string | undefined {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.fail(field, 'must be a string');
      return undefined;
    }
    return value;
  }

  /** An optional list of strings; `check` returns why one element is unacceptable, or null. */
  stringList(record: Record<string, unknown>, key: string, field: string, check?: (item: string) => string | null): string[] {
    const value = record[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(field, 'must be an array of strings');
      return [];
    }
    const items: string[] = [];
    value.forEach((item, index) => {
      if (typeof item !== 'string') {
        this.fail(`${field}[${index}]`, 'must be a string');
        return;
      }
      const why = check?.(item) ?? null;
      if (why !== null) this.fail(`${field}[${index}]`, why);
      else items.push(item);
    });
    return items;
  }
}

function checkFileExtension(item: string): string | null {
  return item.length > 1 && item.startsWith('.') && !/[/\\]/.test(item) ? null : 'must start with "." and name no folder';
}

function checkFilename(item: string): string | null {
  return item !== '' && !/[/\\]/.test(item) ? null : 'must be a file name without folders';
}

function validateLanguage(checker: FieldChecker, raw: unknown, field: string): LanguageManifestEntry | undefined {
  if (!isRecord(raw)) {
    checker.fail(field, 'must be an object');
    return undefined;
  }
  const id = checker.requiredString(raw, 'id', `${field}.id`);
  const aliases = raw.aliases === undefined ? [id] : checker.stringList(raw, 'aliases', `${field}.aliases`);
  const language: LanguageManifestEntry = {
    id,
    aliases,
    extensions: checker.stringList(raw, 'extensions', `${field}.extensions`, checkFileExtension),
    filenames: checker.stringList(raw, 'filenames', `${field}.filenames`, checkFilename),
  };
  const monarch = checker.optionalString(raw, 'monarch', `${field}.monarch`);
  const configuration = checker.optionalString(raw, 'configuration', `${field}.configuration`);
  if (monarch !== undefined) language.monarch = monarch;
  if (configuration !== undefined) language.configuration = configuration;
  return language;
}

/** `where` prefixes every problem, e.g. `extensions/ocaml/package.json`. */
export function validateManifest(raw: unknown, where: string): ManifestValidation {
  const checker = new FieldChecker(where);
  if (!isRecord(raw)) return { manifest: undefined, problems: [`${where}: the manifest must be a JSON object`] };
  const name = checker.requiredString(raw, 'name', 'name');
  const version = checker.requiredString(raw, 'version', 'version');
  const displayName = checker.optionalString(raw, 'displayName', 'displayName') ?? name;
  const description = checker.optionalString(raw, 'description', 'description') ?? '';
  const languages: LanguageManifestEntry[] = [];
  const contributes = raw.contributes;
  if (contributes !== undefined && !isRecord(contributes)) checker.fail('contributes', 'must be an object');
  if (isRecord(contributes) && contributes.languages !== undefined) {
    if (!Array.isArray(contributes.languages)) checker.fail('contributes.languages', 'must be an array');
    else {
      contributes.languages.forEach((entry: unknown, index) => {
        const language = validateLanguage(checker, entry, `contributes.languages[${index}]`);
        if (language) languages.push(language);
      });
    }
  }
  if (checker.problems.length > 0) return { manifest: undefined, problems: checker.problems };
  return { manifest: { name, displayName, version, description, languages }, problems: [] };
}
