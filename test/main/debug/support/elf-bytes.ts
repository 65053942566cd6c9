// Test helper: the bytes an ELF32 image puts at a virtual address, read through its program headers (the test's oracle).
import { readFileSync } from 'node:fs';

const PT_LOAD = 1;

/** `count` bytes at `address` as the loader places them (file bytes of the PT_LOAD segment that covers it). */
export function elfBytesAt(imagePath: string, address: bigint, count: number): Buffer {
  const image = readFileSync(imagePath);
  if (image.readUInt32BE(0) !== 0x7f454c46 || image[4] !== 1) throw new Error(`${imagePath} is not an ELF32 file`);
  const tableOffset = image.readUInt32LE(28);
  const entrySize = image.readUInt16LE(42);
  const entries = image.readUInt16LE(44);
  for (let index = 0; index < entries; index++) {
    const entry = tableOffset + index * entrySize;
    if (image.readUInt32LE(entry) !== PT_LOAD) continue;
    const fileOffset = BigInt(image.readUInt32LE(entry + 4));
    const virtualAddress = BigInt(image.readUInt32LE(entry + 8));
    const fileSize = BigInt(image.readUInt32LE(entry + 16));
    if (address >= virtualAddress && address + BigInt(count) <= virtualAddress + fileSize) {
      const start = Number(fileOffset + (address - virtualAddress));
      return image.subarray(start, start + count);
    }
  }
  throw new Error(`no PT_LOAD segment of ${imagePath} holds ${count} bytes at 0x${address.toString(16)}`);
}

/** The ELF header's entry address. */
export function elfEntry(imagePath: string): bigint {
  return BigInt(readFileSync(imagePath).readUInt32LE(24));
}
