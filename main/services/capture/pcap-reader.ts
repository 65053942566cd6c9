// Decodes classic pcap (libpcap) files: either byte order, microsecond or nanosecond timestamps, pushed in chunks.
import { ByteQueue } from './byte-queue';
import type { CaptureDecoder } from './capture-decoder';
import { CaptureFormatError, type CaptureFrame, type CaptureInterface } from './capture-frame';

export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
/** Larger records than this are damage, not frames (Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD). */
export const MAX_FRAME_LENGTH = 262_144;
const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;

export class PcapReader implements CaptureDecoder {
  private readonly queue: ByteQueue;
  private littleEndian = true;
  private nanosecondUnits = false;
  private header: CaptureInterface | undefined;
  error: CaptureFormatError | undefined;

  /** `reuseBuffers`: frames are valid only until the next `push` (see ByteQueue). */
  constructor(reuseBuffers = false) {
    this.queue = new ByteQueue(reuseBuffers);
  }

  get interfaces(): readonly CaptureInterface[] {
    return this.header ? [this.header] : [];
  }

  push(chunk: Buffer): void {
    this.queue.push(chunk);
  }

  next(): CaptureFrame | undefined {
    if (this.error) return undefined;
    if (!this.header && !this.readFileHeader()) return undefined;
    if (this.queue.available < RECORD_HEADER_LENGTH) return undefined;
    const { bytes, at } = this.queue.view();
    // A method, not a closure over bytes and at: that needs a context per frame unless the optimiser removes it.
    const capturedLength = this.u32(bytes, at + 8);
    if (capturedLength > MAX_FRAME_LENGTH && capturedLength > this.header!.snapLength) {
      this.error = new CaptureFormatError(`pcap record claims ${capturedLength} captured bytes (more than ${MAX_FRAME_LENGTH}): the file is corrupt`, this.queue.position);
      return undefined;
    }
    if (this.queue.available < RECORD_HEADER_LENGTH + capturedLength) return undefined;
    const seconds = this.u32(bytes, at);
    const fraction = this.u32(bytes, at + 4);
    const originalLength = this.u32(bytes, at + 12);
    this.queue.skip(RECORD_HEADER_LENGTH);
    const data = this.queue.take(capturedLength);
    return { data, originalLength, seconds, nanoseconds: this.nanosecondUnits ? fraction : fraction * 1000, interfaceId: 0, linkType: this.header!.linkType };
  }

  finish(): CaptureFormatError | undefined {
    if (this.error) return this.error;
    if (!this.header) this.error = new CaptureFormatError(`pcap file header cut short (${this.queue.available} of ${FILE_HEADER_LENGTH} bytes)`, this.queue.position);
    else if (this.queue.available > 0) this.error = new CaptureFormatError(`pcap file cut short in the middle of a record (${this.queue.available} bytes left over)`, this.queue.position);
    return this.error;
  }

  /** A 32-bit word in the file's byte order. */
  private u32(bytes: Buffer, at: number): number {
    return this.littleEndian ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at);
  }

  private readFileHeader(): boolean {
    if (this.queue.available < FILE_HEADER_LENGTH) return false;
    const { bytes, at } = this.queue.view();
    const magicLittle = bytes.readUInt32LE(at);
    const magicBig = bytes.readUInt32BE(at);
    if (magicLittle === PCAP_MAGIC_MICROSECONDS || magicLittle === PCAP_MAGIC_NANOSECONDS) this.littleEndian = true;
    else if (magicBig === PCAP_MAGIC_MICROSECONDS || magicBig === PCAP_MAGIC_NANOSECONDS) this.littleEndian = false;
    else {
      this.error = new CaptureFormatError(`not a pcap file (magic 0x${magicBig.toString(16).padStart(8, '0')})`, this.queue.position);
      return false;
    }
    const magic = this.littleEndian ? magicLittle : magicBig;
    this.nanosecondUnits = magic === PCAP_MAGIC_NANOSECONDS;
    // The top bits of the link-type word carry FCS information, not the link type.
    this.header = { snapLength: this.u32(bytes, at + 16), linkType: this.u32(bytes, at + 20) & 0x0fffffff, ticksPerSecond: this.nanosecondUnits ? 1e9 : 1e6 };
    this.queue.skip(FILE_HEADER_LENGTH);
    return true;
  }
}
