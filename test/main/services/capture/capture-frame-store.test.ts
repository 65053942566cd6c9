// The compact frame store: frames copied into slabs and found again by index, exactly, with comments and times.
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../../../main/services/capture/capture-file-reader';
import type { CaptureFrame } from '../../../../main/services/capture/capture-frame';
import { CaptureFrameStore } from '../../../../main/services/capture/capture-frame-store';
import { LOOPBACK } from './tshark-runner';

describe('CaptureFrameStore', () => {
  it('gives back every frame of a capture exactly, after the reader’s chunks are gone', () => {
    const store = new CaptureFrameStore();
    const copies: CaptureFrame[] = [];
    for (let round = 0; round < 400; round++) {
      readCaptureFile(LOOPBACK, (frame) => {
        store.append(round === 0 ? { ...frame, comment: copies.length === 3 ? 'note' : undefined } : frame);
        if (round === 0) copies.push({ ...frame, data: Buffer.from(frame.data) });
      });
    }
    expect(store.count).toBe(31 * 400);
    for (const number of [0, 3, 30, 31 * 399 + 30]) {
      const original = copies[number % 31]!;
      const stored = store.frame(number)!;
      expect(stored.data.equals(original.data)).toBe(true);
      expect([stored.seconds, stored.nanoseconds, stored.originalLength, stored.linkType]).toEqual([original.seconds, original.nanoseconds, original.originalLength, 1]);
    }
    expect(store.frame(3)!.comment).toBe('note');
    expect(store.frame(34)!.comment).toBeUndefined();
    expect(store.frame(31 * 400)).toBeUndefined();
    // 12,400 frames of ~110 bytes: a few slabs and the index, not a heap of objects.
    expect(store.byteSize).toBeLessThan(3 * 4 * 1024 * 1024);
  });
});
