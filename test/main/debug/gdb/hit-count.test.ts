// DAP hit counts as gdb's ignore counts: the forms gdb can express, and the ones it cannot.
import { describe, expect, it } from 'vitest';
import { ignoreCountOf } from '../../../../main/api/debug-protocol';

describe('ignoreCountOf', () => {
  it('stops from the Nth hit on for N and >=N, from the one after for >N', () => {
    expect(ignoreCountOf('1')).toBe(0);
    expect(ignoreCountOf('3')).toBe(2);
    expect(ignoreCountOf(' >= 3 ')).toBe(2);
    expect(ignoreCountOf('>3')).toBe(3);
  });

  it('refuses what an ignore count cannot say: exactly N, every Nth, zero, words', () => {
    for (const text of ['==3', '%2', '0', '>=0', 'three', '3 hits', '-1', '']) expect(ignoreCountOf(text), text).toBeUndefined();
  });
});
