// Tests utf8Prefix: cutting UTF-8 at a limit without splitting 2-, 3- or 4-byte characters.
import { describe, expect, it } from 'vitest';
import { utf8Prefix } from '../../../../main/services/workspace/utf8-prefix';

const cut = (text: string, limit: number) => Buffer.from(utf8Prefix(Buffer.from(text), limit)).toString('utf8');

describe('utf8Prefix', () => {
  it('keeps whole characters only', () => {
    expect(cut('abc', 10)).toBe('abc');
    expect(cut('abc', 2)).toBe('ab');
    expect(cut('aé', 2)).toBe('a'); // é is 2 bytes
    expect(cut('aé', 3)).toBe('aé');
    expect(cut('a€', 3)).toBe('a'); // € is 3 bytes
    expect(cut('a€', 4)).toBe('a€');
    expect(cut('a😀', 4)).toBe('a'); // 😀 is 4 bytes
    expect(cut('a😀', 5)).toBe('a😀');
    expect(cut('😀', 0)).toBe('');
  });
});
