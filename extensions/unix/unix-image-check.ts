// Checks that a unix-target image is an executable for this machine before it is spawned.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { EM_AARCH64, EM_X86_64, machineName, parseElfHeader } from '../qemu/image-validation/elf';
import { unreadableImage, withImageFile } from '../qemu/image-validation/image-file';

const HOST_MACHINES: Partial<Record<string, number>> = { x64: EM_X86_64, arm64: EM_AARCH64 };

export async function checkUnixImage(file: string): Promise<string | null> {
  try {
    const elf = await withImageFile(file, async (image) => parseElfHeader(await image.read(0, 64)));
    // macOS builds are Mach-O: only ELF files are checked further.
    if (elf !== null) {
      const hostMachine = HOST_MACHINES[process.arch];
      if (hostMachine !== undefined && elf.machine !== hostMachine) {
        return `${file} is built for ${machineName(elf.machine)}, but this machine is ${machineName(hostMachine)}: build it here with \`mirage configure -t unix\`.`;
      }
      if (elf.type !== 2 && elf.type !== 3) return `${file} is an ELF object file, not a program: point "kernel" at the linked unikernel in dist/.`;
    }
  } catch (error) {
    return unreadableImage(file, error);
  }
  try {
    await access(file, constants.X_OK);
  } catch {
    return `${file} is not executable: run \`chmod +x ${file}\`, or build it again with \`mirage build\`.`;
  }
  return null;
}
