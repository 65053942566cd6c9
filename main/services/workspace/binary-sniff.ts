// Decides whether a file is binary the way git and grep do: a NUL byte near the start.

/** How much of a file's start is inspected. */
export const BINARY_SNIFF_BYTES = 8 * 1024;

export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}
