// Reads what launchers need from an ELF file: class, machine, type, and its notes (PVH entry, Solo5 manifest...).
import type { ImageFile } from './image-file';

export const EM_386 = 3;
export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;

const PT_NOTE = 4;
const SHT_NOTE = 7;
/** Notes and header tables larger than this are not boot metadata; a corrupt header must not allocate gigabytes. */
const MAX_NOTE_BYTES = 1 << 20;

export interface ElfHeader {
  elfClass: 32 | 64;
  littleEndian: boolean;
  /** ET_EXEC = 2, ET_DYN = 3. */
  type: number;
  machine: number;
  programHeaderOffset: number;
  programHeaderSize: number;
  programHeaderCount: number;
  sectionHeaderOffset: number;
  sectionHeaderSize: number;
  sectionHeaderCount: number;
}

export interface ElfNote {
  name: string;
  type: number;
  desc: Buffer;
}

export function machineName(machine: number): string {
  if (machine === EM_386) return 'i386';
  if (machine === EM_X86_64) return 'x86-64';
  if (machine === EM_AARCH64) return 'AArch64';
  return `machine ${machine}`;
}

/** Parses the ELF header at the start of `head` (at least 64 bytes); null when it is not an ELF file. */
export function parseElfHeader(head: Buffer): ElfHeader | null {
  if (head.length < 52 || head.readUInt32BE(0) !== 0x7f454c46) return null;
  const elfClass = head[4] === 1 ? 32 : head[4] === 2 ? 64 : null;
  const littleEndian = head[5] === 1 ? true : head[5] === 2 ? false : null;
  if (elfClass === null || littleEndian === null || (elfClass === 64 && head.length < 64)) return null;
  const u16 = (offset: number) => (littleEndian ? head.readUInt16LE(offset) : head.readUInt16BE(offset));
  const u32 = (offset: number) => (littleEndian ? head.readUInt32LE(offset) : head.readUInt32BE(offset));
  const u64 = (offset: number) => Number(littleEndian ? head.readBigUInt64LE(offset) : head.readBigUInt64BE(offset));
  const type = u16(16);
  const machine = u16(18);
  if (elfClass === 32) {
    return {
      elfClass, littleEndian, type, machine,
      programHeaderOffset: u32(28), programHeaderSize: u16(42), programHeaderCount: u16(44),
      sectionHeaderOffset: u32(32), sectionHeaderSize: u16(46), sectionHeaderCount: u16(48),
    };
  }
  return {
    elfClass, littleEndian, type, machine,
    programHeaderOffset: u64(32), programHeaderSize: u16(54), programHeaderCount: u16(56),
    sectionHeaderOffset: u64(40), sectionHeaderSize: u16(58), sectionHeaderCount: u16(60),
  };
}

interface NoteArea {
  offset: number;
  size: number;
  align: number;
}

/** The PT_NOTE segments (what QEMU and the Solo5 tenders read), or the SHT_NOTE sections when there are none. */
async function noteAreas(image: ImageFile, elf: ElfHeader): Promise<NoteArea[]> {
  // Header tables are a few KiB; a corrupt count must not make us read a whole image.
  const read = (offset: number, length: number) => image.read(offset, Math.min(length, MAX_NOTE_BYTES));
  const word = (buffer: Buffer, offset: number, wide: boolean) => {
    if (wide) return Number(elf.littleEndian ? buffer.readBigUInt64LE(offset) : buffer.readBigUInt64BE(offset));
    return elf.littleEndian ? buffer.readUInt32LE(offset) : buffer.readUInt32BE(offset);
  };
  const u32 = (buffer: Buffer, offset: number) => word(buffer, offset, false);
  const wide = elf.elfClass === 64;
  const areas: NoteArea[] = [];
  if (elf.programHeaderCount > 0 && elf.programHeaderSize >= (wide ? 56 : 32)) {
    const table = await read(elf.programHeaderOffset, elf.programHeaderSize * elf.programHeaderCount);
    for (let index = 0; (index + 1) * elf.programHeaderSize <= table.length; index++) {
      const entry = table.subarray(index * elf.programHeaderSize);
      if (u32(entry, 0) !== PT_NOTE) continue;
      areas.push(
        wide
          ? { offset: word(entry, 8, true), size: word(entry, 32, true), align: word(entry, 48, true) }
          : { offset: u32(entry, 4), size: u32(entry, 16), align: u32(entry, 28) },
      );
    }
  }
  if (areas.length > 0 || elf.sectionHeaderCount === 0 || elf.sectionHeaderSize < (wide ? 64 : 40)) return areas;
  const table = await read(elf.sectionHeaderOffset, elf.sectionHeaderSize * elf.sectionHeaderCount);
  for (let index = 0; (index + 1) * elf.sectionHeaderSize <= table.length; index++) {
    const entry = table.subarray(index * elf.sectionHeaderSize);
    if (u32(entry, 4) !== SHT_NOTE) continue;
    areas.push(
      wide
        ? { offset: word(entry, 24, true), size: word(entry, 32, true), align: word(entry, 48, true) }
        : { offset: u32(entry, 16), size: u32(entry, 20), align: u32(entry, 32) },
    );
  }
  return areas;
}

/** Every note of the file; malformed notes end the walk of their area instead of failing the whole check. */
export async function readElfNotes(image: ImageFile, elf: ElfHeader): Promise<ElfNote[]> {
  const notes: ElfNote[] = [];
  for (const area of await noteAreas(image, elf)) {
    if (area.size > MAX_NOTE_BYTES) continue;
    const bytes = await image.read(area.offset, area.size);
    // Almost every toolchain pads notes to 4 bytes even in ELF64; honour 8 only when the segment asks for it.
    const align = area.align === 8 ? 8 : 4;
    const pad = (length: number) => Math.ceil(length / align) * align;
    let at = 0;
    while (at + 12 <= bytes.length) {
      const u32 = (offset: number) => (elf.littleEndian ? bytes.readUInt32LE(offset) : bytes.readUInt32BE(offset));
      const nameSize = u32(at);
      const descSize = u32(at + 4);
      const type = u32(at + 8);
      const nameStart = at + 12;
      const descStart = nameStart + pad(nameSize);
      if (descStart + descSize > bytes.length) break;
      const name = bytes.subarray(nameStart, nameStart + nameSize).toString('latin1').replace(/\0+$/, '');
      notes.push({ name, type, desc: Buffer.from(bytes.subarray(descStart, descStart + descSize)) });
      at = descStart + pad(descSize);
    }
  }
  return notes;
}
