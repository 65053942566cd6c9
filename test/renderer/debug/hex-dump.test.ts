// Memory view formatting: rows of hex and ASCII, unreadable bytes, base64 data, addresses in gdb's printed values.
import { describe, expect, it } from 'vitest';
import { addressInValue, decodeBase64, hexDumpRows, parseAddress } from '../../../renderer/src/debug/hex-dump';

describe('hex dump', () => {
  it('prints sixteen bytes a row with their printable ASCII', () => {
    const bytes = new TextEncoder().encode('Hello, unikernel\x00\x01!');
    const rows = hexDumpRows(0x100000n, bytes, bytes.length);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ address: '0x00100000', bytes: [...'Hello, unikernel'].map((c) => c.charCodeAt(0).toString(16)), ascii: 'Hello, unikernel' });
    expect(rows[1]).toEqual({ address: '0x00100010', bytes: ['00', '01', '21'], ascii: '..!' });
  });

  it('shows bytes the adapter could not read as ??', () => {
    const rows = hexDumpRows(0xfff0n, new Uint8Array([0xea]), 4);
    expect(rows[0].bytes).toEqual(['ea', '??', '??', '??']);
  });

  it('keeps 64-bit addresses exact', () => {
    expect(hexDumpRows(0xffffffff80000000n, new Uint8Array(32), 32)[1].address).toBe('0xffffffff80000010');
    expect(parseAddress('0xffffffff80000000')).toBe(0xffffffff80000000n);
    expect(parseAddress('1048576')).toBe(1048576n);
    expect(parseAddress('$esp')).toBeUndefined();
  });

  it('decodes DAP base64 data', () => {
    expect([...decodeBase64('AAH/')]).toEqual([0, 1, 255]);
  });

  it('finds the address in values as gdb prints them', () => {
    expect(addressInValue('0x100000 <_start>')).toBe('0x100000');
    expect(addressInValue('(char *) 0x106000 <stack_top> ""')).toBe('0x106000');
    expect(addressInValue('1048576')).toBe('1048576');
    expect(addressInValue('{a = 1, b = 2}')).toBeUndefined();
  });
});
