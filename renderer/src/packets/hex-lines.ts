// The hex pane's lines as data: 16 bytes a line, offset, hex in two groups of 8, printable ASCII (others as dots).

export const BYTES_PER_LINE = 16;

export function lineCount(byteCount: number): number {
  return Math.ceil(byteCount / BYTES_PER_LINE);
}

/** Offsets as Wireshark prints them: 4 hex digits, more when the frame is longer than 64 KiB. */
export function formatOffset(offset: number, byteCount: number): string {
  const digits = Math.max(4, (Math.max(0, byteCount - 1)).toString(16).length);
  return offset.toString(16).padStart(digits, '0');
}

export function hexByte(value: number): string {
  return value.toString(16).padStart(2, '0');
}

export function asciiChar(value: number): string {
  return value >= 0x20 && value < 0x7f ? String.fromCharCode(value) : '.';
}

/** Lines `first`..`end-1` that must be shown for bytes `start`..`end-1` (a selected node's bytes). */
export function linesOfRange(range: { start: number; end: number }): { first: number; end: number } {
  return { first: Math.floor(range.start / BYTES_PER_LINE), end: Math.floor((range.end - 1) / BYTES_PER_LINE) + 1 };
}
