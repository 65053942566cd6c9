// Splits a display filter into tokens, each with its 1-based column so errors can point at it.

/** After a backslash in a string: a hex or octal byte, else one character. */
const STRING_ESCAPE = /^(?:x[0-9a-fA-F]{1,2}|[0-7]{1,3}|[\s\S])/;
const C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' };

export type TokenType = 'word' | 'string' | 'operator' | 'lparen' | 'rparen' | 'end';

export interface Token {
  type: TokenType;
  text: string;
  column: number;
}

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

const OPERATORS = ['==', '!=', '>=', '<=', '&&', '||', '>', '<', '!', '~'];
/** Unquoted literals and field names share one token shape, as in Wireshark: addresses (10.0.0.1/8, fe80::1, 52:54:00:..) included. */
const WORD = /[A-Za-z0-9_.:\-/]/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      at++;
      continue;
    }
    const column = at + 1;
    if (char === '(' || char === ')') {
      tokens.push({ type: char === '(' ? 'lparen' : 'rparen', text: char, column });
      at++;
      continue;
    }
    if (char === '"') {
      let value = '';
      let end = at + 1;
      for (; end < text.length && text[end] !== '"'; end++) {
        if (text[end] !== '\\' || end + 1 >= text.length) {
          value += text[end];
          continue;
        }
        // Wireshark's escapes: \n \t \r \a \b \f \v, \xhh, \ooo (octal); any other character stands for itself (\" \\).
        const sequence = STRING_ESCAPE.exec(text.slice(end + 1, end + 4))![0];
        if (sequence in C_ESCAPES) value += C_ESCAPES[sequence];
        else if (/^[0-7]/.test(sequence)) value += String.fromCharCode(parseInt(sequence, 8));
        else if (sequence.length > 1) value += String.fromCharCode(parseInt(sequence.slice(1), 16));
        else value += sequence;
        end += sequence.length;
      }
      if (end >= text.length) throw new FilterSyntaxError('unterminated string', column);
      tokens.push({ type: 'string', text: value, column });
      at = end + 1;
      continue;
    }
    const operator = OPERATORS.find((candidate) => text.startsWith(candidate, at));
    if (operator) {
      tokens.push({ type: 'operator', text: operator, column });
      at += operator.length;
      continue;
    }
    if (WORD.test(char)) {
      let end = at;
      while (end < text.length && WORD.test(text[end]!)) end++;
      tokens.push({ type: 'word', text: text.slice(at, end), column });
      at = end;
      continue;
    }
    throw new FilterSyntaxError(`unexpected character "${char}"`, column);
  }
  tokens.push({ type: 'end', text: '', column: text.length + 1 });
  return tokens;
}
