// Finds a multiboot v1 header the way QEMU's loader does: magic 0x1BADB002, 4-byte aligned, early in the file, valid checksum.
import type { ImageFile } from './image-file';

export const MULTIBOOT_MAGIC = 0x1badb002;
/** QEMU (hw/i386/multiboot.c) scans `i < 8192 - 48`: the header has to start there to be seen at all. */
export const MULTIBOOT_SEARCH_LIMIT = 8192 - 48;
/** How far we keep looking, only to explain a header that sits too late. */
const DIAGNOSTIC_SEARCH_BYTES = 64 * 1024;

/** Flag 2: the kernel asks for a video mode, which QEMU refuses ("multiboot knows VBE. we don't."). */
export const MULTIBOOT_VIDEO_MODE = 1 << 2;
/** Flag 16: load addresses come from the header, so QEMU needs no ELF32 program headers (the "a.out kludge"). */
export const MULTIBOOT_ADDRESS_FIELDS = 1 << 16;

export type MultibootScan =
  | { kind: 'found'; offset: number; flags: number }
  | { kind: 'bad-checksum'; offset: number; flags: number; checksum: number; expected: number }
  | { kind: 'too-late'; offset: number }
  | { kind: 'none' };

export async function scanMultiboot(image: ImageFile): Promise<MultibootScan> {
  const bytes = await image.read(0, DIAGNOSTIC_SEARCH_BYTES);
  let firstBadChecksum: MultibootScan | null = null;
  for (let offset = 0; offset + 12 <= bytes.length; offset += 4) {
    if (bytes.readUInt32LE(offset) !== MULTIBOOT_MAGIC) continue;
    const flags = bytes.readUInt32LE(offset + 4);
    const checksum = bytes.readUInt32LE(offset + 8);
    const expected = (0x100000000 - ((MULTIBOOT_MAGIC + flags) % 0x100000000)) % 0x100000000;
    if (offset >= MULTIBOOT_SEARCH_LIMIT) return firstBadChecksum ?? { kind: 'too-late', offset };
    if (checksum === expected) return { kind: 'found', offset, flags };
    // QEMU skips a magic with a wrong checksum and keeps looking; so do we, but remember it for the explanation.
    firstBadChecksum ??= { kind: 'bad-checksum', offset, flags, checksum, expected };
  }
  return firstBadChecksum ?? { kind: 'none' };
}

export function hex(value: number): string {
  return `0x${value.toString(16)}`;
}
