// Recognises a Linux bzImage by its setup header ("HdrS" at 0x202), as QEMU's x86 loader does.
import type { ImageFile } from './image-file';

export interface BzImageHeader {
  /** Boot protocol version, e.g. 0x20f. */
  protocol: number;
  /** Set when the kernel loads high (bzImage rather than an old zImage). */
  loadsHigh: boolean;
}

export async function readBzImageHeader(image: ImageFile): Promise<BzImageHeader | null> {
  const setup = await image.read(0, 0x212);
  if (setup.length < 0x212 || setup.toString('latin1', 0x202, 0x206) !== 'HdrS') return null;
  return { protocol: setup.readUInt16LE(0x206), loadsHigh: (setup[0x211]! & 0x01) !== 0 };
}

export function protocolVersion(protocol: number): string {
  return `${protocol >> 8}.${(protocol & 0xff).toString().padStart(2, '0')}`;
}
