// Positional reads of a kernel image, so checks look at headers and notes without loading a whole kernel into memory.
import { open, type FileHandle } from 'node:fs/promises';

export class ImageFile {
  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(file: string): Promise<ImageFile> {
    const handle = await open(file, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw Object.assign(new Error(`${file} is not a regular file`), { code: 'EISDIR' });
      return new ImageFile(handle, stat.size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Up to `length` bytes at `offset`; shorter at the end of the file. */
  async read(offset: number, length: number): Promise<Buffer> {
    const wanted = Math.max(0, Math.min(length, this.size - offset));
    const buffer = Buffer.alloc(wanted);
    if (wanted === 0) return buffer;
    const { bytesRead } = await this.handle.read(buffer, 0, wanted, offset);
    return buffer.subarray(0, bytesRead);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** Runs `inspect` on the opened image and always closes it. */
export async function withImageFile<T>(file: string, inspect: (image: ImageFile) => Promise<T>): Promise<T> {
  const image = await ImageFile.open(file);
  try {
    return await inspect(image);
  } finally {
    await image.close();
  }
}

/** One sentence for why an image cannot be opened, with what to do. */
export function unreadableImage(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${file} does not exist: build the project first, or point "kernel" at the built image.`;
  if (code === 'EISDIR') return `${file} is a folder, not a kernel image: point "kernel" at the image file inside it.`;
  if (code === 'EACCES' || code === 'EPERM') return `${file} cannot be read (permission denied): check its permissions.`;
  return `${file} cannot be read: ${(error as Error).message}.`;
}
