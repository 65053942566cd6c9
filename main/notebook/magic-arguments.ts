// Splits a magic's argument text as a shell would (quotes group words, backslash escapes), without ever running a shell.

export function splitMagicArguments(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && index + 1 < text.length && '"\\$`'.includes(text[index + 1]!)) word += text[++index]!;
      else word += char;
      continue;
    }
    if (/\s/.test(char)) {
      if (word !== null) words.push(word);
      word = null;
      continue;
    }
    word ??= '';
    if (char === '"' || char === "'") quote = char;
    else if (char === '\\' && index + 1 < text.length) word += text[++index]!;
    else word += char;
  }
  if (quote) throw new Error(`unterminated ${quote} quote`);
  if (word !== null) words.push(word);
  return words;
}
