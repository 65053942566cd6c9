// Reads JSON with comments and trailing commas (VS Code's launch.json dialect) without an extra dependency.
import { jsonErrorOffset } from './json-error-offset';

export type JsoncParse = { ok: true; value: unknown } | { ok: false; line: number; column: number; reason: string };

/**
 * Blanks out comments and trailing commas, keeping every other character (and every newline) where it was,
 * so the positions JSON.parse reports still point into the original text.
 */
export function stripJsonc(text: string): string {
  const out = text.split('');
  let index = 0;
  /** Position of the last comma seen outside strings, while only whitespace and comments followed it. */
  let pendingComma = -1;
  const blank = (from: number, to: number) => {
    for (let at = from; at < to; at += 1) if (out[at] !== '\n' && out[at] !== '\r') out[at] = ' ';
  };
  while (index < text.length) {
    const char = text[index]!;
    const next = text[index + 1];
    if (char === '"') {
      pendingComma = -1;
      index += 1;
      while (index < text.length && text[index] !== '"' && text[index] !== '\n') index += text[index] === '\\' ? 2 : 1;
      index += 1;
    } else if (char === '/' && next === '/') {
      const end = text.indexOf('\n', index);
      const stop = end === -1 ? text.length : end;
      blank(index, stop);
      index = stop;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', index + 2);
      // An unterminated block comment is left in place so JSON.parse reports where it starts.
      if (end === -1) break;
      blank(index, end + 2);
      index = end + 2;
    } else if (char === ',') {
      pendingComma = index;
      index += 1;
    } else if (char === '}' || char === ']') {
      if (pendingComma !== -1) out[pendingComma] = ' ';
      pendingComma = -1;
      index += 1;
    } else {
      if (!/\s/.test(char)) pendingComma = -1;
      index += 1;
    }
  }
  return out.join('');
}

export function parseJsonc(text: string): JsoncParse {
  const stripped = stripJsonc(text.replace(/^\uFEFF/, ' '));
  try {
    return { ok: true, value: JSON.parse(stripped) };
  } catch (error) {
    const offset = jsonErrorOffset(stripped);
    const position = offset === -1 ? stripped.length : offset;
    const before = text.slice(0, position).split('\n');
    return { ok: false, line: before.length, column: before.at(-1)!.length + 1, reason: describeAt(stripped, position, (error as Error).message) };
  }
}

/** V8's reason without its quoted excerpt of the text (the line and column say where). */
function describeAt(text: string, position: number, v8Message: string): string {
  if (position >= text.length) return 'the text ends too early';
  const reason = v8Message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/, (?:\.\.\.)?".*$/s, '');
  return reason !== '' ? reason : `unexpected ${JSON.stringify(text[position])}`;
}
