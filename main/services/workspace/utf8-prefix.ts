// Cuts a UTF-8 buffer without splitting a character, so a truncated preview does not end in a replacement glyph.

/** The longest prefix of `bytes` (at most `limit` bytes) that ends on a character boundary. */
export function utf8Prefix(bytes: Uint8Array, limit: number): Uint8Array {
  if (bytes.length <= limit) return bytes;
  let end = limit;
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the character that straddles the limit.
  let back = 0;
  while (back < 4 && end - back > 0 && (bytes[end - back - 1] & 0xc0) === 0x80) back++;
  const leadIndex = end - back - 1;
  if (leadIndex >= 0) {
    const lead = bytes[leadIndex];
    const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (needed > back + 1) end = leadIndex;
  }
  return bytes.subarray(0, end);
}
