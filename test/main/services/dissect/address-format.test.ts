// Address texts: Wireshark's forms, and the recent-texts table never hands one address another's text.
import { describe, expect, it } from 'vitest';
import { formatIpv4, formatIpv6, formatMac } from '../../../../main/services/dissect/address-format';

describe('address texts', () => {
  it('writes MAC, IPv4 and IPv6 (RFC 5952, IPv4-mapped) as Wireshark does', () => {
    expect(formatMac(Buffer.from('525400123456', 'hex'), 0)).toBe('52:54:00:12:34:56');
    expect(formatIpv4(Buffer.from([0, 10, 0, 2, 15]), 1)).toBe('10.0.2.15');
    expect(formatIpv4(Buffer.from([255, 255, 255, 255]), 0)).toBe('255.255.255.255');
    expect(formatIpv6(Buffer.from('fe800000000000000000000000000001', 'hex'), 0)).toBe('fe80::1');
    expect(formatIpv6(Buffer.from('00000000000000000000000000000000', 'hex'), 0)).toBe('::');
    expect(formatIpv6(Buffer.from('20010db8000000010000000000000001', 'hex'), 0)).toBe('2001:db8:0:1::1');
    expect(formatIpv6(Buffer.from('00000000000000000000ffff0a00020f', 'hex'), 0)).toBe('::ffff:10.0.2.15');
    expect(formatIpv6(Buffer.from('20010db8000100020003000400050006', 'hex'), 0)).toBe('2001:db8:1:2:3:4:5:6');
  });

  it('gives every address its own text when many share the table', () => {
    // 20 000 addresses through 1024 slots, twice over: colliding slots must be told apart by the stored bytes.
    const bytes = Buffer.alloc(16);
    for (let round = 0; round < 2; round++) {
      for (let index = 1; index <= 20_000; index++) {
        bytes.fill(0);
        bytes.writeUInt32BE((index * 2654435761) >>> 0, 0);
        const [a, b, c, e] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
        expect(formatIpv4(bytes, 0)).toBe(`${a}.${b}.${c}.${e}`);
        bytes.writeUInt16BE(index & 0xffff, 4);
        expect(formatMac(bytes, 0)).toBe([...bytes.subarray(0, 6)].map((byte) => byte.toString(16).padStart(2, '0')).join(':'));
        bytes.writeUInt32BE(0x20010db8, 0);
        bytes.writeUInt32BE(index, 12);
        // Words: 2001 db8 index 0 0 0 0 index: the zero run in the middle is the "::".
        expect(formatIpv6(bytes, 0)).toBe(`2001:db8:${index.toString(16)}::${index.toString(16)}`);
      }
    }
  });
});
