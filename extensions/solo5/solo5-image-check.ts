// Checks that an image looks like a Solo5 unikernel for the chosen tender before the tender is asked to load it.
import path from 'node:path';
import { parseElfHeader } from '../qemu/image-validation/elf';
import { unreadableImage, withImageFile } from '../qemu/image-validation/image-file';
import type { Solo5Tender } from './solo5-availability';

/** MirageOS names images after their target (`dist/hello.hvt`); another Solo5 suffix means the wrong build. */
const SOLO5_SUFFIXES = ['.hvt', '.spt', '.virtio', '.muen', '.genode', '.xen'];

export async function checkSolo5Image(file: string, tender: Solo5Tender): Promise<string | null> {
  const suffix = path.extname(file);
  if (SOLO5_SUFFIXES.includes(suffix) && suffix !== `.${tender}`) {
    return `${file} is built for ${suffix.slice(1)}, not ${tender}: run \`mirage configure -t ${tender}\` and build again, or pick the ${suffix.slice(1)} target.`;
  }
  try {
    const elf = await withImageFile(file, async (image) => parseElfHeader(await image.read(0, 64)));
    if (elf === null) return `${file} is not an ELF file, so it is no Solo5 unikernel: point "kernel" at the ${tender} image in dist/.`;
    if (elf.elfClass !== 64) return `${file} is an ELF32 file; Solo5 ${tender} unikernels are ELF64: build it with \`mirage configure -t ${tender}\`.`;
    return null;
  } catch (error) {
    return unreadableImage(file, error);
  }
}
