// Encodes short strings and integers straight into a byte buffer at an offset (no string or view made), returning the
// offset after them: the pieces of `mirador dissect`'s lines, where a native call per piece cost more than the piece.

/**
 * `text` as UTF-8 at `at` (the caller made room: 3 bytes per UTF-16 unit). Lone surrogates become U+FFFD, as Buffer
 * writes them.
 */
export function utf8Into(buffer: Uint8Array, at: number, text: string): number {
  const length = text.length;
  let used = at;
  for (let index = 0; index < length; index++) {
    let code = text.charCodeAt(index);
    if (code < 0x80) {
      buffer[used++] = code;
      continue;
    }
    if (code < 0x800) {
      buffer[used++] = 0xc0 | (code >> 6);
      buffer[used++] = 0x80 | (code & 0x3f);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = index + 1 < length ? text.charCodeAt(index + 1) : 0;
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        index++;
        buffer[used++] = 0xf0 | (code >> 18);
        buffer[used++] = 0x80 | ((code >> 12) & 0x3f);
        buffer[used++] = 0x80 | ((code >> 6) & 0x3f);
        buffer[used++] = 0x80 | (code & 0x3f);
        continue;
      }
      code = 0xfffd;
    }
    buffer[used++] = 0xe0 | (code >> 12);
    buffer[used++] = 0x80 | ((code >> 6) & 0x3f);
    buffer[used++] = 0x80 | (code & 0x3f);
  }
  return used;
}

/** `count` spaces at `at`. */
export function spacesInto(buffer: Uint8Array, at: number, count: number): number {
  let used = at;
  for (let index = 0; index < count; index++) buffer[used++] = 32;
  return used;
}

/** The low `count` decimal digits of a non-negative integer, leading zeros included. */
export function digitsInto(buffer: Uint8Array, at: number, value: number, count: number): number {
  let rest = value;
  let position = at + count;
  if (rest < 0x80000000) {
    // Small enough for integer arithmetic, which V8 turns into a multiply instead of a division.
    let small = rest | 0;
    for (let index = 0; index < count; index++) {
      const next = (small / 10) | 0;
      buffer[--position] = 48 + small - next * 10;
      small = next;
    }
  } else {
    for (let index = 0; index < count; index++) {
      buffer[--position] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
  }
  return at + count;
}

/** How many decimal digits a non-negative integer has. */
export function decimalDigits(value: number): number {
  if (value < 10) return 1;
  if (value < 100) return 2;
  if (value < 1000) return 3;
  if (value < 10000) return 4;
  if (value < 100000) return 5;
  if (value < 1000000) return 6;
  let digits = 7;
  for (let rest = Math.floor(value / 10000000); rest >= 1; rest = Math.floor(rest / 10)) digits++;
  return digits;
}
