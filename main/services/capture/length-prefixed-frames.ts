// Splits QEMU's filter-mirror stream into frames: a 4-byte big-endian length, then (with vnet_hdr_support=on) the 4-byte
// length of the virtio-net header that starts the packet, then the packet; the header is cut off, leaving the Ethernet frame.
import { ByteQueue } from './byte-queue';
import { MAX_FRAME_LENGTH } from './pcap-reader';

export class LengthPrefixedFrames {
  private readonly queue = new ByteQueue();
  private readonly headerWords: number;

  /** `withVnetHeaderLength`: the stream of a filter-mirror with vnet_hdr_support=on (tap netdevs carry a virtio-net header). */
  constructor(private readonly withVnetHeaderLength = true) {
    this.headerWords = withVnetHeaderLength ? 2 : 1;
  }

  /** Set when a length makes no sense: the stream is not what we expect and nothing after it can be trusted. */
  error: string | undefined;

  push(chunk: Buffer): void {
    this.queue.push(chunk);
  }

  /** The next whole frame (a view into the pushed chunks), or undefined until more bytes arrive. */
  next(): Buffer | undefined {
    const prefix = this.headerWords * 4;
    if (this.error || this.queue.available < prefix) return undefined;
    const { bytes, at } = this.queue.view();
    const length = bytes.readUInt32BE(at);
    const headerLength = this.withVnetHeaderLength ? bytes.readUInt32BE(at + 4) : 0;
    if (length > MAX_FRAME_LENGTH || headerLength > length) {
      this.error = `a frame of ${length} bytes (virtio-net header ${headerLength}) at byte ${this.queue.position} of the mirror stream: the stream is not QEMU's filter-mirror format`;
      return undefined;
    }
    if (this.queue.available < prefix + length) return undefined;
    this.queue.take(prefix);
    return this.queue.take(length).subarray(headerLength);
  }

  /** Bytes of a frame cut off when the stream ended. */
  get leftover(): number {
    return this.queue.available;
  }
}
