// One captured frame as the pcap/pcapng readers hand it out, and the error a damaged capture file ends with.

export interface CaptureFrame {
  /** The bytes captured (may be shorter than the frame on the wire: see `originalLength`). */
  data: Buffer;
  originalLength: number;
  /** Time of capture as whole seconds since the epoch plus nanoseconds, kept apart so no precision is lost. */
  seconds: number;
  nanoseconds: number;
  /** Index of the pcapng interface (always 0 for pcap). */
  interfaceId: number;
  /** The link-layer type of the frame's interface (1 = Ethernet). */
  linkType: number;
  comment?: string;
}

export interface CaptureInterface {
  linkType: number;
  snapLength: number;
  name?: string;
  /** Timestamp units per second for this interface (pcapng if_tsresol; pcap: 1e6 or 1e9). */
  ticksPerSecond: number;
}

/** Why a capture file stopped yielding frames: the byte offset names the damage so the user can find it. */
export class CaptureFormatError extends Error {
  constructor(
    message: string,
    readonly byteOffset: number,
  ) {
    super(`${message} at byte ${byteOffset}`);
    this.name = 'CaptureFormatError';
  }
}

export const LINKTYPE_ETHERNET = 1;
