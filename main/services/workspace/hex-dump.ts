// Renders bytes the way `hexdump -C` does, so binary files (ELF images, disk blobs) get a familiar read-only preview.

const BYTES_PER_LINE = 16;

/** Unlike `hexdump -C`, repeated lines are not folded into `*`: every offset stays visible while scrolling. */
export function hexDump(bytes: Uint8Array, startOffset = 0): string {
  const lines: string[] = [];
  for (let lineStart = 0; lineStart < bytes.length; lineStart += BYTES_PER_LINE) {
    const chunk = bytes.subarray(lineStart, lineStart + BYTES_PER_LINE);
    let hex = '';
    let ascii = '';
    for (let i = 0; i < BYTES_PER_LINE; i++) {
      if (i === BYTES_PER_LINE / 2) hex += ' ';
      if (i < chunk.length) {
        const byte = chunk[i];
        hex += `${byte.toString(16).padStart(2, '0')} `;
        ascii += byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '.';
      } else {
        hex += '   ';
      }
    }
    lines.push(`${offsetLabel(startOffset + lineStart)}  ${hex} |${ascii}|`);
  }
  lines.push(offsetLabel(startOffset + bytes.length));
  return `${lines.join('\n')}\n`;
}

function offsetLabel(offset: number): string {
  return offset.toString(16).padStart(8, '0');
}
