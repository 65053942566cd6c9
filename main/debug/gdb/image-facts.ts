// Reads what a debug session needs from the image before gdb loads it: ELF class (32-bit view or not) and entry address.
import { open } from 'node:fs/promises';
import { parseElfHeader } from '../../../extensions/qemu/image-validation/elf';
import type { ImageFacts } from './gdb-connection-plan';

export async function readImageFacts(imagePath: string): Promise<ImageFacts> {
  const head = Buffer.alloc(64);
  const file = await open(imagePath, 'r');
  try {
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const elf = parseElfHeader(head.subarray(0, bytesRead));
    if (!elf) return { path: imagePath, elfClass: null, entry: null };
    // e_entry follows e_version at offset 24 in both classes.
    const entry = elf.elfClass === 32 ? BigInt(elf.littleEndian ? head.readUInt32LE(24) : head.readUInt32BE(24)) : elf.littleEndian ? head.readBigUInt64LE(24) : head.readBigUInt64BE(24);
    return { path: imagePath, elfClass: elf.elfClass, entry: entry === 0n ? null : entry };
  } finally {
    await file.close();
  }
}
