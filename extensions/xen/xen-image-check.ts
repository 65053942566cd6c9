// Checks that an image is a PVH ELF kernel, the only kind `type = 'pvh'` domains boot.
import { parseElfHeader, readElfNotes } from '../qemu/image-validation/elf';
import { unreadableImage, withImageFile } from '../qemu/image-validation/image-file';
import { pvhEntry } from '../qemu/image-validation/pvh-note';

export async function checkXenImage(file: string): Promise<string | null> {
  try {
    return await withImageFile(file, async (image) => {
      const elf = parseElfHeader(await image.read(0, 64));
      if (elf === null) return `${file} is not an ELF file: point "kernel" at the .xen image that \`mirage configure -t xen\` builds in dist/.`;
      if (pvhEntry(await readElfNotes(image, elf), elf.littleEndian) === null) {
        return `${file} has no PVH entry note (Xen ELF note 18), so xl cannot boot it as type 'pvh': build it with \`mirage configure -t xen\` (MirageOS 4 makes PVH images).`;
      }
      return null;
    });
  } catch (error) {
    return unreadableImage(file, error);
  }
}
