// Reading with one reused buffer (what `mirador dissect` does) yields the very frames a fresh-chunk read yields.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteQueue } from '../../../../main/services/capture/byte-queue';
import { readCaptureFile } from '../../../../main/services/capture/capture-file-reader';
import { encodePcap } from '../../../../main/services/capture/pcap-writer';
import { encodePcapng } from '../../../../main/services/capture/pcapng-writer';
import { PcapReader } from '../../../../main/services/capture/pcap-reader';

const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-reuse-'));

/** Frames of every size up to 9000 bytes, each filled with its own pattern, so a misplaced byte shows. */
function frames(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const data = Buffer.alloc(14 + ((index * 7919) % 9000));
    for (let at = 0; at < data.length; at++) data[at] = (index * 31 + at) & 0xff;
    return { data, originalLength: data.length, seconds: 1_700_000_000 + index, nanoseconds: (index * 1000) % 1e9, interfaceId: 0, linkType: 1 };
  });
}

function digestOf(file: string, reuseBuffers: boolean) {
  const seen: string[] = [];
  const result = readCaptureFile(file, (frame) => seen.push(`${frame.seconds}.${frame.nanoseconds}:${frame.originalLength}:${frame.data.toString('base64')}`), { reuseBuffers });
  return { seen, result };
}

describe('reading with a reused buffer', () => {
  it('gives the same frames as fresh chunks, across chunk boundaries, for pcap and pcapng', () => {
    // About 2.7 MB: records straddle many of the reader's 256 KiB reads.
    const written = frames(600);
    const files = { pcap: path.join(work, 'many.pcap'), pcapng: path.join(work, 'many.pcapng') };
    writeFileSync(files.pcap, encodePcap(1, written));
    writeFileSync(files.pcapng, encodePcapng([{ linkType: 1 }], written));
    for (const file of Object.values(files)) {
      const fresh = digestOf(file, false);
      const reused = digestOf(file, true);
      expect(reused.result.error).toBeUndefined();
      expect(reused.seen).toHaveLength(600);
      expect(reused.seen).toEqual(fresh.seen);
      expect(reused.seen[599]).toContain(written[599]!.data.toString('base64'));
    }
  });

  it('reports damage after the same good frames', () => {
    const file = path.join(work, 'cut.pcap');
    const bytes = encodePcap(1, frames(300));
    writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    const fresh = digestOf(file, false);
    const reused = digestOf(file, true);
    expect(reused.seen).toEqual(fresh.seen);
    expect(reused.result.frameCount).toBe(299);
    expect(reused.result.error?.message).toMatch(/cut short/);
  });

  it('a reusing queue keeps the unread tail and grows for a record larger than its window', () => {
    const queue = new ByteQueue(true);
    queue.push(Buffer.from('abcdef'));
    expect(queue.take(4).toString()).toBe('abcd');
    queue.push(Buffer.from('ghij'));
    expect(queue.available).toBe(6);
    expect(queue.position).toBe(4);
    expect(queue.take(6).toString()).toBe('efghij');
    queue.push(Buffer.from('x'.repeat(100)));
    expect(queue.take(100).toString()).toBe('x'.repeat(100));
    // A pcap record split over pushes of 1 byte each decodes whole.
    const reader = new PcapReader(true);
    const encoded = encodePcap(1, frames(3));
    const decoded: string[] = [];
    for (const byte of encoded) {
      reader.push(Buffer.from([byte]));
      for (let frame = reader.next(); frame; frame = reader.next()) decoded.push(frame.data.toString('base64'));
    }
    expect(decoded).toEqual(frames(3).map((frame) => frame.data.toString('base64')));
  });
});
