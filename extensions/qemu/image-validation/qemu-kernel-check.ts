// Decides whether `qemu-system-x86_64 -kernel FILE` will boot FILE, in QEMU's own order: bzImage, multiboot, PVH ELF.
import { EM_386, machineName, parseElfHeader, readElfNotes, type ElfHeader } from './elf';
import { readBzImageHeader, protocolVersion } from './bzimage';
import { unreadableImage, withImageFile, type ImageFile } from './image-file';
import { hex, MULTIBOOT_ADDRESS_FIELDS, MULTIBOOT_VIDEO_MODE, scanMultiboot, type MultibootScan } from './multiboot';
import { pvhEntry } from './pvh-note';

export type KernelVerdict = { ok: true; format: string } | { ok: false; problem: string };

export interface KernelCheckOptions {
  /** An initrd is passed too (Linux needs boot protocol 2.00 or later for it). */
  initrd?: boolean;
}

const QEMU_PVH_ERROR = '"Error loading uncompressed kernel without PVH ELF Note"';

function elfLabel(elf: ElfHeader): string {
  return `ELF${elf.elfClass} ${machineName(elf.machine)}`;
}

function multibootVerdict(file: string, scan: Extract<MultibootScan, { kind: 'found' }>, elf: ElfHeader | null): KernelVerdict {
  const where = `its multiboot header (at ${hex(scan.offset)})`;
  // QEMU only warns about a video mode request ("multiboot knows VBE. we don't") and boots without one.
  const video = scan.flags & MULTIBOOT_VIDEO_MODE ? ', video mode request ignored by QEMU' : '';
  if (scan.flags & MULTIBOOT_ADDRESS_FIELDS) return { ok: true, format: `multiboot v1 (address fields${video})` };
  if (elf === null) {
    return {
      ok: false,
      problem: `${file}: ${where} has no address fields (flag 16) and the file is not ELF, so QEMU cannot tell where to load it: link it as an ELF32 file, or set flag 16 and fill in the address fields.`,
    };
  }
  if (elf.elfClass !== 32 || elf.machine !== EM_386) {
    return {
      ok: false,
      problem: `${file} is an ${elfLabel(elf)} file; QEMU loads multiboot kernels only from ELF32 i386 files ("Cannot load x86-64 image, give a 32bit one."): link with \`ld -m elf_i386\` (or convert with \`objcopy -O elf32-i386\`), or set multiboot flag 16 with address fields.`,
    };
  }
  return { ok: true, format: video ? `multiboot v1 ELF32 (${video.slice(2)})` : 'multiboot v1 ELF32' };
}

/** Why QEMU did not see the multiboot header, when there is something resembling one. */
function multibootMiss(scan: MultibootScan): string | null {
  if (scan.kind === 'bad-checksum') {
    return `its multiboot magic at ${hex(scan.offset)} has checksum ${hex(scan.checksum)} where ${hex(scan.expected)} is needed (magic + flags + checksum must be 0 mod 2^32), so QEMU ignores it: set checksum = -(0x1BADB002 + flags)`;
  }
  if (scan.kind === 'too-late') {
    return `its multiboot header is at ${hex(scan.offset)}, beyond the first 8 KiB where QEMU looks: place the header's section first in the linker script`;
  }
  return null;
}

async function check(file: string, image: ImageFile, options: KernelCheckOptions): Promise<KernelVerdict> {
  if (image.size === 0) return { ok: false, problem: `${file} is empty: the build did not finish; build it again.` };
  const bzImage = await readBzImageHeader(image);
  if (bzImage) {
    if (options.initrd && bzImage.protocol < 0x200) {
      return { ok: false, problem: `${file} is a Linux kernel with boot protocol ${protocolVersion(bzImage.protocol)}, too old to take an initrd (2.00 or later is needed): use a newer kernel or drop "initrd".` };
    }
    return { ok: true, format: `Linux bzImage (boot protocol ${protocolVersion(bzImage.protocol)})` };
  }
  const elf = parseElfHeader(await image.read(0, 64));
  const multiboot = await scanMultiboot(image);
  if (multiboot.kind === 'found') return multibootVerdict(file, multiboot, elf);
  const miss = multibootMiss(multiboot);
  if (elf !== null) {
    if (pvhEntry(await readElfNotes(image, elf), elf.littleEndian) !== null) return { ok: true, format: `PVH ${elfLabel(elf)}` };
    if (miss !== null) return { ok: false, problem: `${file}: ${miss}; without it QEMU refuses this ${elfLabel(elf)} file with ${QEMU_PVH_ERROR}.` };
    return {
      ok: false,
      problem: `${file} is an ${elfLabel(elf)} file with neither a multiboot v1 header in its first 8 KiB nor a PVH ELF note, so QEMU refuses it with ${QEMU_PVH_ERROR}: add a multiboot header (magic 0x1BADB002) at the start of the image and link it as ELF32, or add a PVH note (Xen ELF note 18).`,
    };
  }
  if (miss !== null) return { ok: false, problem: `${file}: ${miss}.` };
  return {
    ok: false,
    problem: `${file} is neither an ELF file, a multiboot v1 image nor a Linux bzImage (no "HdrS" at 0x202): point "kernel" at the built kernel image.`,
  };
}

export async function checkQemuKernel(file: string, options: KernelCheckOptions = {}): Promise<KernelVerdict> {
  try {
    return await withImageFile(file, (image) => check(file, image, options));
  } catch (error) {
    return { ok: false, problem: unreadableImage(file, error) };
  }
}
