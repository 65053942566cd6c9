// pcap/pcapng codec against tshark's tools: both byte orders, ns timestamps, several interfaces, SPB, comments, damage.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../../../main/services/capture/capture-file-reader';
import type { CaptureFrame } from '../../../../main/services/capture/capture-frame';
import { PcapReader } from '../../../../main/services/capture/pcap-reader';
import { encodePcap } from '../../../../main/services/capture/pcap-writer';
import { PcapngReader } from '../../../../main/services/capture/pcapng-reader';
import { encodePcapng } from '../../../../main/services/capture/pcapng-writer';
import { LOOPBACK, SYNTHETIC, tool, tsharkFields } from './tshark-runner';

const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-codec-'));

function readAll(file: string) {
  const frames: CaptureFrame[] = [];
  const result = readCaptureFile(file, (frame) => frames.push({ ...frame, data: Buffer.from(frame.data) }));
  return { frames, ...result };
}

/** tshark's epoch time "1700000000.001007000" as the reader's split form. */
function epoch(text: string) {
  const [seconds, fraction = ''] = text.split('.');
  return { seconds: Number(seconds), nanoseconds: Number(fraction.padEnd(9, '0').slice(0, 9)) };
}

function expectSameAsTshark(file: string) {
  const { frames, error } = readAll(file);
  expect(error).toBeUndefined();
  const reference = tsharkFields(file, ['frame.time_epoch', 'frame.len', 'frame.cap_len', 'frame.interface_id']);
  expect(frames.length).toBe(reference.length);
  frames.forEach((frame, index) => {
    const [time, length, captured, interfaceId] = reference[index]!;
    expect({ ...epoch(time!), length: frame.originalLength, captured: frame.data.length, interfaceId: frame.interfaceId }).toEqual({ seconds: frame.seconds, nanoseconds: frame.nanoseconds, length: Number(length), captured: Number(captured), interfaceId: Number(interfaceId) });
  });
  return frames;
}

/** The same pcap with every header field byte-swapped: a capture written on a big-endian machine. */
function toBigEndianPcap(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (const offset of [0, 8, 12, 16, 20]) out.writeUInt32BE(bytes.readUInt32LE(offset), offset);
  out.writeUInt16BE(bytes.readUInt16LE(4), 4);
  out.writeUInt16BE(bytes.readUInt16LE(6), 6);
  for (let at = 24; at < bytes.length; ) {
    const length = bytes.readUInt32LE(at + 8);
    for (let field = 0; field < 16; field += 4) out.writeUInt32BE(bytes.readUInt32LE(at + field), at + field);
    at += 16 + length;
  }
  return out;
}

describe('capture codec', () => {
  it('reads little-endian microsecond pcap like tshark', () => {
    expect(expectSameAsTshark(LOOPBACK).length).toBe(31);
  });

  it('reads big-endian pcap and nanosecond pcap (editcap -F nsecpcap)', () => {
    const bigEndian = path.join(work, 'big.pcap');
    writeFileSync(bigEndian, toBigEndianPcap(readFileSync(LOOPBACK)));
    expect(readFileSync(bigEndian).readUInt32BE(0)).toBe(0xa1b2c3d4);
    expectSameAsTshark(bigEndian);
    const nanoseconds = path.join(work, 'nano.pcap');
    tool('editcap', ['-F', 'nsecpcap', LOOPBACK, nanoseconds]);
    expect(readFileSync(nanoseconds).readUInt32LE(0)).toBe(0xa1b23c4d);
    expectSameAsTshark(nanoseconds);
  });

  it('reads pcapng with two interfaces and packet comments (mergecap, editcap -a)', () => {
    const merged = path.join(work, 'merged.pcapng');
    tool('mergecap', ['-F', 'pcapng', '-I', 'none', '-w', merged, LOOPBACK, SYNTHETIC]);
    const commented = path.join(work, 'commented.pcapng');
    tool('editcap', ['-a', '2:first comment', '-a', '40:second comment', merged, commented]);
    const frames = expectSameAsTshark(commented);
    expect(new Set(frames.map((frame) => frame.interfaceId))).toEqual(new Set([0, 1]));
    expect(frames.filter((frame) => frame.comment).map((frame) => [frames.indexOf(frame) + 1, frame.comment])).toEqual([
      [2, 'first comment'],
      [40, 'second comment'],
    ]);
  });

  it('reads a big-endian pcapng section with a simple packet block and if_tsresol 2^-10', () => {
    const be32 = (value: number) => Buffer.from([value >>> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]);
    const block = (type: number, body: Buffer) => Buffer.concat([be32(type), be32(12 + body.length), body, be32(12 + body.length)]);
    const section = block(0x0a0d0d0a, Buffer.concat([be32(0x1a2b3c4d), Buffer.from([0, 1, 0, 0]), Buffer.alloc(8, 0xff)]));
    const tsresol = Buffer.from([0, 9, 0, 1, 0x8a, 0, 0, 0, 0, 0, 0, 0]);
    const idb = block(1, Buffer.concat([Buffer.from([0, 1, 0, 0]), be32(64), tsresol]));
    const epb = block(6, Buffer.concat([be32(0), be32(0), be32(3 * 1024 + 512), be32(4), be32(60), Buffer.from('abcd')]));
    const spb = block(3, Buffer.concat([be32(5), Buffer.from('hello\0\0\0')]));
    const reader = new PcapngReader();
    reader.push(Buffer.concat([section, idb, epb, spb]));
    const first = reader.next()!;
    expect({ seconds: first.seconds, nanoseconds: first.nanoseconds, data: first.data.toString(), originalLength: first.originalLength }).toEqual({ seconds: 3, nanoseconds: 500_000_000, data: 'abcd', originalLength: 60 });
    const second = reader.next()!;
    expect([second.data.toString(), second.originalLength]).toEqual(['hello', 5]);
    expect(reader.next()).toBeUndefined();
    expect(reader.finish()).toBeUndefined();
  });

  it('writes pcapng (two interfaces, comments, nanoseconds) that tshark reads back', () => {
    const { frames } = readAll(LOOPBACK);
    const out = path.join(work, 'written.pcapng');
    const written = frames.map((frame, index) => ({ ...frame, nanoseconds: frame.nanoseconds + 123, interfaceId: index % 2, comment: index === 4 ? 'written by mirador' : undefined }));
    writeFileSync(out, encodePcapng([{ linkType: 1, name: 'guest0' }, { linkType: 1, name: 'guest1' }], written, 'mirador test'));
    const reference = tsharkFields(out, ['frame.interface_id', 'frame.time_epoch', 'frame.comment', 'frame.protocols', 'frame.interface_name']);
    expect(reference.length).toBe(frames.length);
    expect(reference[4]!.slice(0, 3)).toEqual(['0', `${written[4]!.seconds}.${String(written[4]!.nanoseconds).padStart(9, '0')}`, 'written by mirador']);
    expect(reference[5]![0]).toBe('1');
    expect(reference[5]![4]).toBe('guest1');
    expect(reference[0]![3]).toBe('eth:ethertype:ip:udp:dns');
    expect(readAll(out).frames.map((frame) => frame.data.toString('hex'))).toEqual(frames.map((frame) => frame.data.toString('hex')));
  });

  it('writes nanosecond pcap that tshark reads back', () => {
    const out = path.join(work, 'written.pcap');
    writeFileSync(out, encodePcap(1, [{ data: Buffer.alloc(60), originalLength: 60, seconds: 1_700_000_000, nanoseconds: 123_456_789 }], { nanoseconds: true }));
    expect(tsharkFields(out, ['frame.time_epoch', 'frame.len'])).toEqual([['1700000000.123456789', '60']]);
  });

  it('a file cut anywhere yields every whole frame before the cut and one error; never throws', () => {
    const bytes = readFileSync(LOOPBACK);
    const { frames } = readAll(LOOPBACK);
    const ends: number[] = [];
    for (let at = 24, index = 0; index < frames.length; index++) ends.push((at += 16 + frames[index]!.data.length));
    for (let cut = 0; cut < bytes.length; cut += 7) {
      const reader = new PcapReader();
      reader.push(bytes.subarray(0, cut));
      let count = 0;
      while (reader.next()) count++;
      expect(count).toBe(ends.filter((end) => end <= cut).length);
      const error = reader.finish();
      if (ends.includes(cut)) expect(error).toBeUndefined();
      else expect(error?.message).toMatch(/cut short/);
    }
    const truncated = path.join(work, 'truncated.pcap');
    writeFileSync(truncated, bytes.subarray(0, ends[9]! + 20));
    const result = readAll(truncated);
    expect(result.frames.length).toBe(10);
    expect(result.error?.message).toBe(`pcap file cut short in the middle of a record (20 bytes left over) at byte ${ends[9]}`);
  });

  it('a corrupt record length ends the file with an error after the good frames (pcap and pcapng)', () => {
    const bytes = Buffer.from(readFileSync(LOOPBACK));
    const { frames } = readAll(LOOPBACK);
    let at = 24;
    for (let index = 0; index < 5; index++) at += 16 + frames[index]!.data.length;
    bytes.writeUInt32LE(0x7fffffff, at + 8);
    const corrupt = path.join(work, 'corrupt.pcap');
    writeFileSync(corrupt, bytes);
    const result = readAll(corrupt);
    expect(result.frames.length).toBe(5);
    expect(result.error?.message).toMatch(/claims 2147483647 captured bytes.*at byte \d+/);

    const ng = Buffer.from(encodePcapng([{ linkType: 1 }], frames));
    const ngFile = path.join(work, 'corrupt.pcapng');
    // The last block's trailer no longer matches its length.
    ng.writeUInt32LE(12345, ng.length - 4);
    writeFileSync(ngFile, ng);
    const ngResult = readAll(ngFile);
    expect(ngResult.frames.length).toBe(frames.length - 1);
    expect(ngResult.error?.message).toMatch(/does not match its trailer/);
    for (let cut = 0; cut < ng.length; cut += 13) {
      const reader = new PcapngReader();
      reader.push(ng.subarray(0, cut));
      while (reader.next());
      reader.finish();
    }
  });

  it('rejects a file that is neither pcap nor pcapng with one error', () => {
    const file = path.join(work, 'text.pcap');
    writeFileSync(file, 'this is not a capture file at all');
    expect(readAll(file).error?.message).toBe('not a pcap file (magic 0x74686973) at byte 0');
  });
});
