// The frame count `mirador dissect` guesses from a capture's size and first mebibyte, to pick one thread or two.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateFrameCount } from '../../../../main/services/capture/capture-frame-estimate';
import { encodePcap } from '../../../../main/services/capture/pcap-writer';
import { encodePcapng } from '../../../../main/services/capture/pcapng-writer';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-estimate-'));

function frames(count: number, size: (index: number) => number) {
  return Array.from({ length: count }, (_, index) => ({ data: Buffer.alloc(size(index), index & 0xff), originalLength: size(index), seconds: 1_700_000_000, nanoseconds: index }));
}

describe('estimateFrameCount', () => {
  it('is within a few percent for small frames (pcap) and full-size ones (pcapng), far past the sampled mebibyte', () => {
    const small = path.join(dir, 'small.pcap');
    writeFileSync(small, encodePcap(1, frames(60_000, (index) => 60 + (index % 7) * 20)));
    const large = path.join(dir, 'large.pcapng');
    writeFileSync(large, encodePcapng([{ linkType: 1 }], frames(5_000, () => 1514)));
    expect(Math.abs(estimateFrameCount(small)! / 60_000 - 1)).toBeLessThan(0.05);
    expect(Math.abs(estimateFrameCount(large)! / 5_000 - 1)).toBeLessThan(0.05);
  });

  it('gives undefined for a missing file, one that is not a capture, and a capture with no frame', () => {
    const junk = path.join(dir, 'junk.pcap');
    writeFileSync(junk, 'not a capture at all');
    const empty = path.join(dir, 'empty.pcap');
    writeFileSync(empty, encodePcap(1, []));
    expect(estimateFrameCount(path.join(dir, 'missing.pcap'))).toBeUndefined();
    expect(estimateFrameCount(junk)).toBeUndefined();
    expect(estimateFrameCount(empty)).toBeUndefined();
  });
});
