// Encodes classic pcap (little-endian), with microsecond or nanosecond timestamps.
import type { CaptureFrame } from './capture-frame';
import { PCAP_MAGIC_MICROSECONDS, PCAP_MAGIC_NANOSECONDS } from './pcap-reader';

type FrameToWrite = Pick<CaptureFrame, 'data' | 'originalLength' | 'seconds' | 'nanoseconds'>;

export function pcapFileHeader(linkType: number, options: { nanoseconds?: boolean; snapLength?: number } = {}): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(options.nanoseconds ? PCAP_MAGIC_NANOSECONDS : PCAP_MAGIC_MICROSECONDS, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(options.snapLength ?? 262_144, 16);
  header.writeUInt32LE(linkType, 20);
  return header;
}

export function pcapRecord(frame: FrameToWrite, nanoseconds = false): Buffer {
  const record = Buffer.alloc(16 + frame.data.length);
  record.writeUInt32LE(frame.seconds, 0);
  record.writeUInt32LE(nanoseconds ? frame.nanoseconds : Math.floor(frame.nanoseconds / 1000), 4);
  record.writeUInt32LE(frame.data.length, 8);
  record.writeUInt32LE(frame.originalLength, 12);
  frame.data.copy(record, 16);
  return record;
}

export function encodePcap(linkType: number, frames: Iterable<FrameToWrite>, options: { nanoseconds?: boolean } = {}): Buffer {
  const parts = [pcapFileHeader(linkType, options)];
  for (const frame of frames) parts.push(pcapRecord(frame, options.nanoseconds));
  return Buffer.concat(parts);
}
