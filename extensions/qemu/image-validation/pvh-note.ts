// The PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY) that lets QEMU and Xen boot an ELF kernel in 32-bit protected mode.
import type { ElfNote } from './elf';

export const XEN_ELFNOTE_PHYS32_ENTRY = 18;

/** The PVH entry address, or null when the notes carry none. */
export function pvhEntry(notes: ElfNote[], littleEndian: boolean): number | null {
  const note = notes.find((candidate) => candidate.name === 'Xen' && candidate.type === XEN_ELFNOTE_PHYS32_ENTRY);
  if (!note) return null;
  if (note.desc.length >= 8) return Number(littleEndian ? note.desc.readBigUInt64LE(0) : note.desc.readBigUInt64BE(0));
  if (note.desc.length >= 4) return littleEndian ? note.desc.readUInt32LE(0) : note.desc.readUInt32BE(0);
  return null;
}
