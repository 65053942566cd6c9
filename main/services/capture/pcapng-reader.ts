// Decodes pcapng: sections of either byte order, several interfaces (linktype, snaplen, if_tsresol), EPB, SPB, comments.
import { ByteQueue } from './byte-queue';
import type { CaptureDecoder } from './capture-decoder';
import { CaptureFormatError, type CaptureFrame, type CaptureInterface } from './capture-frame';
import { readPcapngOptions } from './pcapng-options';

export const PCAPNG_SECTION_HEADER = 0x0a0d0d0a;
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
export const PCAPNG_INTERFACE_DESCRIPTION = 1;
export const PCAPNG_SIMPLE_PACKET = 3;
export const PCAPNG_ENHANCED_PACKET = 6;
export const PCAPNG_OPTION_COMMENT = 1;
export const PCAPNG_OPTION_IF_NAME = 2;
export const PCAPNG_OPTION_IF_TSRESOL = 9;
/** Blocks bigger than this are damage (no frame needs 16 MiB). */
const MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

export class PcapngReader implements CaptureDecoder {
  private readonly queue: ByteQueue;
  private littleEndian = true;
  private sectionSeen = false;
  /** Interfaces of the current section: frame interface ids index into it. */
  private sectionInterfaces: CaptureInterface[] = [];
  /** Every interface of every section, in order, for callers that show them. */
  readonly interfaces: CaptureInterface[] = [];
  /** Comments of section headers, in order. */
  readonly sectionComments: string[] = [];
  error: CaptureFormatError | undefined;

  /** `reuseBuffers`: frames are valid only until the next `push` (see ByteQueue). */
  constructor(reuseBuffers = false) {
    this.queue = new ByteQueue(reuseBuffers);
  }

  push(chunk: Buffer): void {
    this.queue.push(chunk);
  }

  next(): CaptureFrame | undefined {
    while (!this.error && this.queue.available >= 12) {
      const { bytes, at } = this.queue.view();
      const position = this.queue.position;
      const type = bytes.readUInt32LE(at);
      if (type === PCAPNG_SECTION_HEADER) {
        const byteOrder = bytes.readUInt32LE(at + 8);
        if (byteOrder === PCAPNG_BYTE_ORDER_MAGIC) this.littleEndian = true;
        else if (byteOrder === 0x4d3c2b1a) this.littleEndian = false;
        else return this.fail(`pcapng section header has an unknown byte-order magic 0x${byteOrder.toString(16)}`, position);
      } else if (!this.sectionSeen) {
        return this.fail(`not a pcapng file (first block type 0x${type.toString(16)})`, position);
      }
      const u32 = (offset: number) => (this.littleEndian ? bytes.readUInt32LE(at + offset) : bytes.readUInt32BE(at + offset));
      const blockLength = u32(4);
      if (blockLength < 12 || blockLength % 4 !== 0 || blockLength > MAX_BLOCK_LENGTH) return this.fail(`pcapng block of impossible length ${blockLength}`, position);
      if (this.queue.available < blockLength) return undefined;
      if (u32(blockLength - 4) !== blockLength) return this.fail(`pcapng block length ${blockLength} does not match its trailer ${u32(blockLength - 4)}`, position);
      const block = this.queue.take(blockLength);
      const blockType = this.littleEndian ? block.readUInt32LE(0) : block.readUInt32BE(0);
      const frame = this.readBlock(blockType, block, position);
      if (frame) return frame;
    }
    return undefined;
  }

  finish(): CaptureFormatError | undefined {
    if (this.error) return this.error;
    if (!this.sectionSeen) this.error = new CaptureFormatError('pcapng file has no section header', this.queue.position);
    else if (this.queue.available > 0) this.error = new CaptureFormatError(`pcapng file cut short in the middle of a block (${this.queue.available} bytes left over)`, this.queue.position);
    return this.error;
  }

  private fail(message: string, position: number): undefined {
    this.error = new CaptureFormatError(message, position);
    return undefined;
  }

  private readBlock(type: number, block: Buffer, position: number): CaptureFrame | undefined {
    const le = this.littleEndian;
    const u32 = (offset: number) => (le ? block.readUInt32LE(offset) : block.readUInt32BE(offset));
    const u16 = (offset: number) => (le ? block.readUInt16LE(offset) : block.readUInt16BE(offset));
    const bodyEnd = block.length - 4;
    switch (type) {
      case PCAPNG_SECTION_HEADER: {
        if (block.length < 28) return this.fail('pcapng section header too short', position);
        this.sectionSeen = true;
        this.sectionInterfaces = [];
        const comment = readPcapngOptions(block, 24, bodyEnd, le).get(PCAPNG_OPTION_COMMENT);
        if (comment) this.sectionComments.push(comment.toString('utf8'));
        return undefined;
      }
      case PCAPNG_INTERFACE_DESCRIPTION: {
        if (block.length < 20) return this.fail('pcapng interface description too short', position);
        const options = readPcapngOptions(block, 16, bodyEnd, le);
        const description: CaptureInterface = { linkType: u16(8), snapLength: u32(12), ticksPerSecond: ticksPerSecond(options.get(PCAPNG_OPTION_IF_TSRESOL)) };
        const name = options.get(PCAPNG_OPTION_IF_NAME);
        if (name) description.name = name.toString('utf8').replace(/\0+$/, '');
        this.sectionInterfaces.push(description);
        this.interfaces.push(description);
        return undefined;
      }
      case PCAPNG_ENHANCED_PACKET: {
        if (block.length < 32) return this.fail('pcapng enhanced packet block too short', position);
        const interfaceId = u32(8);
        const owner = this.sectionInterfaces[interfaceId];
        if (!owner) return this.fail(`pcapng packet names interface ${interfaceId}, which was not described`, position);
        const capturedLength = u32(20);
        if (28 + capturedLength > bodyEnd) return this.fail(`pcapng packet claims ${capturedLength} bytes, more than its block holds`, position);
        const frame = this.frame(block.subarray(28, 28 + capturedLength), u32(24), u32(12), u32(16), interfaceId, owner);
        const optionsStart = 28 + ((capturedLength + 3) & ~3);
        if (optionsStart < bodyEnd) {
          const comment = readPcapngOptions(block, optionsStart, bodyEnd, le).get(PCAPNG_OPTION_COMMENT);
          if (comment) frame.comment = comment.toString('utf8');
        }
        return frame;
      }
      case PCAPNG_SIMPLE_PACKET: {
        const owner = this.sectionInterfaces[0];
        if (!owner) return this.fail('pcapng simple packet before any interface was described', position);
        const originalLength = u32(8);
        const capturedLength = Math.min(originalLength, owner.snapLength || originalLength, bodyEnd - 12);
        return this.frame(block.subarray(12, 12 + capturedLength), originalLength, 0, 0, 0, owner);
      }
      default:
        // Name resolution, statistics, decryption secrets...: not frames.
        return undefined;
    }
  }

  private frame(data: Buffer, originalLength: number, high: number, low: number, interfaceId: number, owner: CaptureInterface): CaptureFrame {
    const { seconds, nanoseconds } = splitTimestamp(high, low, owner.ticksPerSecond);
    return { data, originalLength, seconds, nanoseconds, interfaceId, linkType: owner.linkType };
  }
}

/** if_tsresol: top bit clear means 10^-n seconds, set means 2^-n; absent means microseconds. */
function ticksPerSecond(option: Buffer | undefined): number {
  if (!option || option.length < 1) return 1e6;
  const exponent = option[0]! & 0x7f;
  return option[0]! & 0x80 ? 2 ** exponent : 10 ** exponent;
}

/** Splits a 64-bit tick count into seconds and nanoseconds without losing precision beyond 2^53. */
export function splitTimestamp(high: number, low: number, ticks: number): { seconds: number; nanoseconds: number } {
  if (high < 0x200000) {
    const total = high * 4294967296 + low;
    const seconds = Math.floor(total / ticks);
    return { seconds, nanoseconds: Math.round(((total - seconds * ticks) * 1e9) / ticks) };
  }
  const total = (BigInt(high) << 32n) | BigInt(low);
  const perSecond = BigInt(Math.round(ticks));
  const seconds = total / perSecond;
  return { seconds: Number(seconds), nanoseconds: Math.round((Number(total - seconds * perSecond) * 1e9) / ticks) };
}
