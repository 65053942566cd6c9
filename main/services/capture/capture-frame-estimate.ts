// About how many frames a capture file holds, from its size and the frames in its first mebibyte: enough to choose
// how to read it (one thread or two) without reading it all.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createCaptureDecoder } from './capture-file-reader';
import { PcapReader } from './pcap-reader';

const SAMPLE_BYTES = 1024 * 1024;
/** A record's bytes besides the frame: pcap's record header; pcapng's enhanced packet block and its padding. */
const PCAP_RECORD_OVERHEAD = 16;
const PCAPNG_RECORD_OVERHEAD = 34;

/** undefined when the file cannot be read or its start holds no frame. */
export function estimateFrameCount(file: string): number | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    const size = fstatSync(descriptor).size;
    const sample = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    const length = readSync(descriptor, sample, 0, sample.length, 0);
    const decoder = createCaptureDecoder(sample.subarray(0, length));
    decoder.push(sample.subarray(0, length));
    const overhead = decoder instanceof PcapReader ? PCAP_RECORD_OVERHEAD : PCAPNG_RECORD_OVERHEAD;
    let frames = 0;
    let bytes = 0;
    for (let frame = decoder.next(); frame; frame = decoder.next()) {
      frames++;
      bytes += frame.data.length + overhead;
    }
    return frames === 0 ? undefined : Math.round((size * frames) / Math.max(bytes, 1));
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
