// Parses one line of gdb/MI output into a record: result, async, stream, prompt, or an unrecognized line kept as is.
import { emptyTuple, type MiRecord, type MiTuple, type MiValue } from './mi-record';

class MiSyntaxError extends Error {}

const RECORD_TYPES = {
  '^': 'result',
  '*': 'exec',
  '+': 'status',
  '=': 'notify',
  '~': 'console',
  '@': 'target',
  '&': 'log',
} as const;

/** Single-character escapes gdb's printchar writes (and \e, which it writes for ESC). */
const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, '"': 34, '\\': 92, "'": 39, '?': 63 };

/** A result's name (gdb's "variable"), read in place where the cursor stands. */
const RESULT_NAME = /[a-zA-Z_][\w.-]*/y;

/** Never throws: a malformed line becomes an `unrecognized` record, so one odd line cannot break a session. */
export function parseMiLine(rawLine: string): MiRecord {
  const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
  if (/^\(gdb\)\s*$/.test(line)) return { type: 'prompt' };
  try {
    return parseRecord(line);
  } catch (error) {
    if (error instanceof MiSyntaxError) return { type: 'unrecognized', line, problem: error.message };
    throw error;
  }
}

function parseRecord(line: string): MiRecord {
  const tokenMatch = /^\d+/.exec(line);
  const token = tokenMatch ? Number(tokenMatch[0]) : undefined;
  let at = tokenMatch ? tokenMatch[0].length : 0;
  const marker = line[at] as keyof typeof RECORD_TYPES | undefined;
  const type = marker === undefined ? undefined : RECORD_TYPES[marker];
  if (type === undefined) throw new MiSyntaxError('not an MI record');
  at++;
  if (type === 'console' || type === 'target' || type === 'log') {
    if (token !== undefined) throw new MiSyntaxError('a stream record carries no token');
    const cursor = new Cursor(line, at);
    const text = cursor.cString();
    cursor.expectEnd();
    return { type, text };
  }
  const classMatch = /^[a-zA-Z][\w-]*/.exec(line.slice(at));
  if (!classMatch) throw new MiSyntaxError(`no class after "${marker}"`);
  const cursor = new Cursor(line, at + classMatch[0].length);
  const results = emptyTuple();
  while (!cursor.atEnd()) {
    cursor.expect(',');
    const [name, value] = cursor.result();
    addResult(results, name, value);
  }
  const tokenPart = token === undefined ? {} : { token };
  if (type === 'result') return { type, ...tokenPart, resultClass: classMatch[0], results };
  return { type, ...tokenPart, asyncClass: classMatch[0], results };
}

/** gdb sometimes repeats a name in one tuple; the first occurrence wins (it is the one gdb means, e.g. a stop's frame). */
function addResult(tuple: MiTuple, name: string, value: MiValue): void {
  if (!(name in tuple)) tuple[name] = value;
}

class Cursor {
  /** Where the next backslash at or after the cursor is: -1 when none is left, -2 until first looked for. */
  private nextBackslash = -2;

  constructor(
    private readonly text: string,
    private at: number,
  ) {}

  atEnd(): boolean {
    return this.at >= this.text.length;
  }

  expectEnd(): void {
    if (!this.atEnd()) throw new MiSyntaxError(`unexpected text at column ${this.at}: ${JSON.stringify(this.text.slice(this.at, this.at + 20))}`);
  }

  expect(char: string): void {
    if (this.text[this.at] !== char) throw new MiSyntaxError(`expected "${char}" at column ${this.at}`);
    this.at++;
  }

  result(): [string, MiValue] {
    RESULT_NAME.lastIndex = this.at;
    const match = RESULT_NAME.exec(this.text);
    if (!match) throw new MiSyntaxError(`expected a result name at column ${this.at}`);
    this.at += match[0].length;
    this.expect('=');
    return [match[0], this.value()];
  }

  value(): MiValue {
    const char = this.text[this.at];
    if (char === '"') return this.cString();
    if (char === '{') return this.tuple();
    if (char === '[') return this.list();
    throw new MiSyntaxError(`expected a value at column ${this.at}`);
  }

  private tuple(): MiTuple {
    this.expect('{');
    const tuple = emptyTuple();
    if (this.text[this.at] === '}') {
      this.at++;
      return tuple;
    }
    for (;;) {
      const [name, value] = this.result();
      addResult(tuple, name, value);
      if (this.text[this.at] === '}') {
        this.at++;
        return tuple;
      }
      this.expect(',');
    }
  }

  /** `[value,...]` or `[name=value,...]`: the names of a result list repeat (frame=, frame=) and carry nothing. */
  private list(): MiValue[] {
    this.expect('[');
    const items: MiValue[] = [];
    if (this.text[this.at] === ']') {
      this.at++;
      return items;
    }
    for (;;) {
      items.push(this.text[this.at] === '"' || this.text[this.at] === '{' || this.text[this.at] === '[' ? this.value() : this.result()[1]);
      if (this.text[this.at] === ']') {
        this.at++;
        return items;
      }
      this.expect(',');
    }
  }

  /** A C string as gdb writes it: escapes and octal bytes, which together may spell UTF-8 (decoded at the end). */
  cString(): string {
    this.expect('"');
    // Most strings (addresses, names, numbers) hold no escape: they are the text up to the closing quote.
    const close = this.text.indexOf('"', this.at);
    if (close >= 0) {
      // Found once and reused while ahead: searching anew for each string would make a long line quadratic.
      if (this.nextBackslash !== -1 && this.nextBackslash < this.at) this.nextBackslash = this.text.indexOf('\\', this.at);
      if (this.nextBackslash === -1 || this.nextBackslash > close) {
        const text = this.text.slice(this.at, close);
        this.at = close + 1;
        return text;
      }
    }
    const bytes: number[] = [];
    let plainStart = this.at;
    const flushPlain = (end: number) => {
      if (end > plainStart) for (const byte of Buffer.from(this.text.slice(plainStart, end), 'utf8')) bytes.push(byte);
    };
    while (this.at < this.text.length) {
      const char = this.text[this.at]!;
      if (char === '"') {
        flushPlain(this.at);
        this.at++;
        return Buffer.from(bytes).toString('utf8');
      }
      if (char !== '\\') {
        this.at++;
        continue;
      }
      flushPlain(this.at);
      const escaped = this.text[this.at + 1];
      if (escaped === undefined) break;
      const octal = /^[0-7]{1,3}/.exec(this.text.slice(this.at + 1, this.at + 4));
      const hex = escaped === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(this.text.slice(this.at + 2, this.at + 4)) : null;
      if (octal) {
        bytes.push(parseInt(octal[0], 8) & 0xff);
        this.at += 1 + octal[0].length;
      } else if (hex) {
        bytes.push(parseInt(hex[0], 16));
        this.at += 2 + hex[0].length;
      } else {
        // An unknown escape stands for the character itself, as in C.
        const simple = SIMPLE_ESCAPES[escaped];
        const literal = String.fromCodePoint(this.text.codePointAt(this.at + 1)!);
        if (simple !== undefined) bytes.push(simple);
        else for (const byte of Buffer.from(literal, 'utf8')) bytes.push(byte);
        this.at += 1 + literal.length;
      }
      plainStart = this.at;
    }
    throw new MiSyntaxError('unterminated c-string');
  }
}
