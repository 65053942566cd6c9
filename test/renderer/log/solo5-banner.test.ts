// Unit tests of the Solo5 banner reader: the memory map model and the exit line.
import { describe, expect, it } from 'vitest';
import { Solo5BannerReader } from '../../../renderer/src/log/solo5-banner';

const BANNER = [
  '            |      ___|',
  'Solo5: Bindings version v0.7.5',
  'Solo5: Memory map: 512 MB addressable:',
  'Solo5:   reserved @ (0x0 - 0xfffff)',
  'Solo5:       text @ (0x100000 - 0x1defff)',
  'Solo5:     rodata @ (0x1df000 - 0x215fff)',
  'Solo5:       data @ (0x216000 - 0x2c1fff)',
  'Solo5:       heap >= 0x2c2000 < stack < 0x20000000',
];

describe('Solo5BannerReader', () => {
  it('builds the memory map from the banner', () => {
    const reader = new Solo5BannerReader();
    expect(BANNER.map((line) => reader.accept(line))).toEqual([false, true, true, true, true, true, true, true]);
    expect(reader.hasBanner).toBe(true);
    expect(reader.banner).toEqual({
      bindingsVersion: 'v0.7.5',
      addressableMB: 512,
      heapStart: 0x2c2000,
      stackTop: 0x20000000,
      regions: [
        { name: 'reserved', start: 0, end: 0x100000 },
        { name: 'text', start: 0x100000, end: 0x1df000 },
        { name: 'rodata', start: 0x1df000, end: 0x216000 },
        { name: 'data', start: 0x216000, end: 0x2c2000 },
        { name: 'heap/stack', start: 0x2c2000, end: 0x20000000 },
      ],
    });
  });

  it('reads solo5_exit and solo5_abort, and starts over on a new banner', () => {
    const reader = new Solo5BannerReader();
    BANNER.forEach((line) => reader.accept(line));
    expect(reader.accept('Solo5: solo5_exit(3) called')).toBe(true);
    expect(reader.banner.exit).toEqual({ kind: 'exit', status: 3 });
    expect(reader.accept('Solo5: solo5_abort() called')).toBe(true);
    expect(reader.banner.exit).toEqual({ kind: 'abort' });
    reader.accept('Solo5: Memory map: 32 MB addressable:');
    expect(reader.banner).toMatchObject({ addressableMB: 32, regions: [] });
    expect(reader.banner.exit).toBeUndefined();
  });

  it('ignores lines that only look alike', () => {
    const reader = new Solo5BannerReader();
    expect(reader.accept('solo5: Bindings version v1')).toBe(false);
    expect(reader.accept('Solo5: something new')).toBe(false);
    expect(reader.hasBanner).toBe(false);
  });
});
