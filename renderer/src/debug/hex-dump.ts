// Formats bytes read from guest memory as hex-dump rows: address, sixteen hex bytes, and their printable ASCII.

export interface HexDumpRow {
  address: string;
  /** Two hex digits per byte, or `??` for a byte the adapter could not read. */
  bytes: string[];
  ascii: string;
}

/** Decodes DAP's base64 `data` without Node's Buffer (the renderer runs in a browser). */
export function decodeBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Parses a DAP address (`0x` hex or decimal) as a bigint: guest addresses do not all fit a double. */
export function parseAddress(text: string): bigint | undefined {
  const trimmed = text.trim();
  if (/^0x[0-9a-f]+$/i.test(trimmed) || /^\d+$/.test(trimmed)) return BigInt(trimmed);
  return undefined;
}

export function formatAddress(address: bigint): string {
  return `0x${address.toString(16).padStart(8, '0')}`;
}

/** `unreadable` bytes after the data (DAP's `unreadableBytes`) are shown as `??` up to `count`. */
export function hexDumpRows(start: bigint, data: Uint8Array, count: number, bytesPerRow = 16): HexDumpRow[] {
  const rows: HexDumpRow[] = [];
  for (let offset = 0; offset < count; offset += bytesPerRow) {
    const bytes: string[] = [];
    let ascii = '';
    for (let i = offset; i < Math.min(offset + bytesPerRow, count); i++) {
      if (i < data.length) {
        bytes.push(data[i].toString(16).padStart(2, '0'));
        ascii += data[i] >= 0x20 && data[i] < 0x7f ? String.fromCharCode(data[i]) : '.';
      } else {
        bytes.push('??');
        ascii += ' ';
      }
    }
    rows.push({ address: formatAddress(start + BigInt(offset)), bytes, ascii });
  }
  return rows;
}

/**
 * The address in an expression's value as gdb prints it: `0x100000 <_start>`, `(char *) 0x1234 "hi"`, `1048576`.
 * Undefined when the value holds no number to read memory at.
 */
export function addressInValue(value: string): string | undefined {
  const hex = /(?:^|[\s)])(0x[0-9a-f]+)\b/i.exec(value);
  if (hex) return hex[1];
  const decimal = /^\s*(\d+)\s*$/.exec(value);
  return decimal?.[1];
}
