// Finds where JSON text first goes wrong: V8's JSON.parse often says what but not where ("Unexpected token 'o', ...").

const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Offset of the first character that is not valid JSON at its place (text.length when the text ends too early), or -1. */
export function jsonErrorOffset(text: string): number {
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1;
  };
  const sticky = (pattern: RegExp): boolean => {
    pattern.lastIndex = at;
    if (!pattern.test(text)) return false;
    at = pattern.lastIndex;
    return true;
  };
  /** Returns false at the first error, leaving `at` on it. */
  const value = (): boolean => {
    skipSpace();
    const char = text[at];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      at += 1;
      skipSpace();
      if (text[at] === close) {
        at += 1;
        return true;
      }
      for (;;) {
        if (close === '}') {
          skipSpace();
          if (!sticky(STRING)) return false;
          skipSpace();
          if (text[at] !== ':') return false;
          at += 1;
        }
        if (!value()) return false;
        skipSpace();
        if (text[at] === ',') at += 1;
        else if (text[at] === close) {
          at += 1;
          return true;
        } else return false;
      }
    }
    if (char === '"') return sticky(STRING);
    const literal = LITERALS.find((word) => text.startsWith(word, at));
    if (literal) {
      at += literal.length;
      return true;
    }
    return sticky(NUMBER);
  };
  if (!value()) return at;
  skipSpace();
  return at < text.length ? at : -1;
}
