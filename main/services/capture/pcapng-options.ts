// Reads the option list at the end of a pcapng block (code, length, padded value) into a map; stops quietly at damage.

export function readPcapngOptions(block: Buffer, start: number, end: number, littleEndian: boolean): Map<number, Buffer> {
  const options = new Map<number, Buffer>();
  let offset = start;
  while (offset + 4 <= end) {
    const code = littleEndian ? block.readUInt16LE(offset) : block.readUInt16BE(offset);
    const length = littleEndian ? block.readUInt16LE(offset + 2) : block.readUInt16BE(offset + 2);
    if (code === 0 || offset + 4 + length > end) break;
    // The first occurrence wins: Wireshark shows the first comment first too.
    if (!options.has(code)) options.set(code, block.subarray(offset + 4, offset + 4 + length));
    offset += 4 + ((length + 3) & ~3);
  }
  return options;
}
