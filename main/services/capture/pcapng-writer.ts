// Encodes pcapng (little-endian): a section header, interface descriptions with nanosecond if_tsresol, enhanced packets, comments.
import type { CaptureFrame } from './capture-frame';
import { PCAPNG_BYTE_ORDER_MAGIC, PCAPNG_ENHANCED_PACKET, PCAPNG_INTERFACE_DESCRIPTION, PCAPNG_OPTION_COMMENT, PCAPNG_OPTION_IF_NAME, PCAPNG_OPTION_IF_TSRESOL, PCAPNG_SECTION_HEADER } from './pcapng-reader';

export interface PcapngInterfaceOptions {
  linkType: number;
  snapLength?: number;
  name?: string;
}

type FrameToWrite = Pick<CaptureFrame, 'data' | 'originalLength' | 'seconds' | 'nanoseconds'> & { interfaceId?: number; comment?: string };

export function pcapngSectionHeader(comment?: string): Buffer {
  const body = Buffer.alloc(16);
  body.writeUInt32LE(PCAPNG_BYTE_ORDER_MAGIC, 0);
  body.writeUInt16LE(1, 4);
  body.writeUInt16LE(0, 6);
  // Section length -1: unknown, so readers never skip by it.
  body.writeInt32LE(-1, 8);
  body.writeInt32LE(-1, 12);
  return block(PCAPNG_SECTION_HEADER, body, comment === undefined ? [] : [[PCAPNG_OPTION_COMMENT, Buffer.from(comment, 'utf8')]]);
}

export function pcapngInterfaceDescription(options: PcapngInterfaceOptions): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt16LE(options.linkType, 0);
  body.writeUInt32LE(options.snapLength ?? 262_144, 4);
  const list: [number, Buffer][] = [];
  if (options.name !== undefined) list.push([PCAPNG_OPTION_IF_NAME, Buffer.from(options.name, 'utf8')]);
  // Nanoseconds, so frames read from nanosecond pcap keep their precision.
  list.push([PCAPNG_OPTION_IF_TSRESOL, Buffer.from([9])]);
  return block(PCAPNG_INTERFACE_DESCRIPTION, body, list);
}

export function pcapngEnhancedPacket(frame: FrameToWrite): Buffer {
  const ticks = BigInt(frame.seconds) * 1_000_000_000n + BigInt(frame.nanoseconds);
  const padded = (frame.data.length + 3) & ~3;
  const body = Buffer.alloc(20 + padded);
  body.writeUInt32LE(frame.interfaceId ?? 0, 0);
  body.writeUInt32LE(Number(ticks >> 32n), 4);
  body.writeUInt32LE(Number(ticks & 0xffffffffn), 8);
  body.writeUInt32LE(frame.data.length, 12);
  body.writeUInt32LE(frame.originalLength, 16);
  frame.data.copy(body, 20);
  return block(PCAPNG_ENHANCED_PACKET, body, frame.comment === undefined ? [] : [[PCAPNG_OPTION_COMMENT, Buffer.from(frame.comment, 'utf8')]]);
}

/** A whole file in one buffer: one section, the given interfaces, the frames. */
export function encodePcapng(interfaces: readonly PcapngInterfaceOptions[], frames: Iterable<FrameToWrite>, sectionComment?: string): Buffer {
  const parts = [pcapngSectionHeader(sectionComment), ...interfaces.map(pcapngInterfaceDescription)];
  for (const frame of frames) parts.push(pcapngEnhancedPacket(frame));
  return Buffer.concat(parts);
}

function block(type: number, body: Buffer, options: readonly [number, Buffer][]): Buffer {
  const optionBytes = options.length === 0 ? Buffer.alloc(0) : Buffer.concat([...options.map(([code, value]) => option(code, value)), Buffer.alloc(4)]);
  const length = 12 + body.length + optionBytes.length;
  const out = Buffer.alloc(length);
  out.writeUInt32LE(type, 0);
  out.writeUInt32LE(length, 4);
  body.copy(out, 8);
  optionBytes.copy(out, 8 + body.length);
  out.writeUInt32LE(length, length - 4);
  return out;
}

function option(code: number, value: Buffer): Buffer {
  const out = Buffer.alloc(4 + ((value.length + 3) & ~3));
  out.writeUInt16LE(code, 0);
  out.writeUInt16LE(value.length, 2);
  value.copy(out, 4);
  return out;
}
