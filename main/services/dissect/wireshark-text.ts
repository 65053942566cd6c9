// Bytes a packet carries as text (DNS labels, HINFO strings), shown as Wireshark shows them: UTF-8 (an invalid byte is
// U+FFFD), control characters as C escapes (\n, \t...) or three octal digits (\000), so a line never breaks or beeps.

const C_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

export function wiresharkText(bytes: Buffer, start: number, end: number): string {
  // Printable ASCII, nearly always: one latin1 slice, nothing to look at twice.
  let plain = true;
  for (let at = start; at < end; at++) {
    const byte = bytes[at]!;
    if (byte < 0x20 || byte >= 0x7f) {
      plain = false;
      break;
    }
  }
  if (plain) return bytes.toString('latin1', start, end);
  const decoded = bytes.toString('utf8', start, end);
  let text = '';
  for (let index = 0; index < decoded.length; index++) {
    const code = decoded.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) text += C_ESCAPES[code] ?? `\\${code.toString(8).padStart(3, '0')}`;
    else text += decoded[index];
  }
  return text;
}
