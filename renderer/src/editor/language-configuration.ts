// Turns a language configuration read from JSON into Monaco's form: regular expressions and enum values instead of strings.
import type * as Monaco from 'monaco-editor/editor/editor.api';

type Json = Record<string, unknown>;

/** A regular expression in JSON: `"^\\s*end"` or, as in VS Code's files, `{ "pattern": "...", "flags": "i" }`. */
function toRegExp(value: unknown): RegExp | undefined {
  if (typeof value === 'string') return new RegExp(value);
  if (typeof value === 'object' && value !== null && typeof (value as Json).pattern === 'string') {
    const { pattern, flags } = value as { pattern: string; flags?: unknown };
    return new RegExp(pattern, typeof flags === 'string' ? flags : undefined);
  }
  return undefined;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Converts the named fields of `record` to RegExp, leaving the others as they are. */
function withRegExps(record: Json, keys: readonly string[]): Json {
  const converted: Json = { ...record };
  for (const key of keys) {
    const regExp = toRegExp(record[key]);
    if (regExp) converted[key] = regExp;
  }
  return converted;
}

const INDENT_ACTIONS = ['none', 'indent', 'indentOutdent', 'outdent'] as const;

/** VS Code writes `"action": { "indent": "indent" }`; Monaco wants `{ indentAction: IndentAction.Indent }`. */
function toEnterAction(action: Json, indentAction: typeof Monaco.languages.IndentAction): Json {
  const { indent, ...rest } = action;
  const converted: Json = { ...rest };
  const index = INDENT_ACTIONS.indexOf(indent as (typeof INDENT_ACTIONS)[number]);
  if (index >= 0) converted.indentAction = [indentAction.None, indentAction.Indent, indentAction.IndentOutdent, indentAction.Outdent][index];
  return converted;
}

export function toLanguageConfiguration(
  json: Json,
  indentAction: typeof Monaco.languages.IndentAction,
): Monaco.languages.LanguageConfiguration {
  const configuration: Json = withRegExps(json, ['wordPattern']);
  if (isRecord(json.indentationRules)) {
    configuration.indentationRules = withRegExps(json.indentationRules, [
      'increaseIndentPattern',
      'decreaseIndentPattern',
      'indentNextLinePattern',
      'unIndentedLinePattern',
    ]);
  }
  if (Array.isArray(json.onEnterRules)) {
    configuration.onEnterRules = json.onEnterRules.filter(isRecord).map((rule) => {
      const converted = withRegExps(rule, ['beforeText', 'afterText', 'previousLineText']);
      if (isRecord(rule.action)) converted.action = toEnterAction(rule.action, indentAction);
      return converted;
    });
  }
  if (isRecord(json.folding) && isRecord(json.folding.markers)) {
    configuration.folding = { ...json.folding, markers: withRegExps(json.folding.markers, ['start', 'end']) };
  }
  return configuration as Monaco.languages.LanguageConfiguration;
}
