// What the pcap and pcapng decoders share: bytes are pushed in as they arrive, frames are pulled out, damage ends it.
import type { CaptureFormatError, CaptureFrame, CaptureInterface } from './capture-frame';

export interface CaptureDecoder {
  /** Adds bytes read from the file or stream; frames may then be pulled with `next()`. */
  push(chunk: Buffer): void;
  /** The next complete frame, or undefined when more bytes are needed (or after an error). */
  next(): CaptureFrame | undefined;
  /** Called once no more bytes will come: the error for a truncated tail, if any. */
  finish(): CaptureFormatError | undefined;
  readonly error: CaptureFormatError | undefined;
  readonly interfaces: readonly CaptureInterface[];
}
