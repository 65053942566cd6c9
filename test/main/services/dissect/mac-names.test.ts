// MAC address names as Wireshark gives them, from small manuf/wka/ethers texts; the system's own files are compared
// with tshark in the `mirador dissect` tests (mac-names.pcap).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MacNameTable, SortedManufText } from '../../../../main/services/dissect/mac-names';

/** Debian's libwireshark-data, which the CI installs with tshark. */
const SYSTEM_MANUF = '/usr/share/wireshark/manuf';
const mac = (text: string) => Buffer.from(text.replaceAll(':', ''), 'hex');
const nameOf = (table: MacNameTable, text: string) => table.nameOf(mac(text), 0);

const MANUF = [
  '# comment line',
  '52:54:00\tRealtekU\tRealtek (UpTech? also reported)',
  '00:1B:C5\tIEEERegi\tIEEE Registration Authority',
  '00:1B:C5:00:00:00/36\tConvergi\tConverging Systems Inc.',
  '70:B3:D5:10:00:00/28\tTwentyEi\tA /28 block',
  '00:00:00\t00:00:00\tOfficially Xerox',
  'zz:zz:zz\tBroken\tnot an address',
].join('\n');
const WKA = ['FF-FF-FF-FF-FF-FF\tBroadcast', '01-00-5E/25\t\tIPv4mcast', '33-33-00-00-00-00/16\tIPv6mcast', '03-00-00-00-00-01\tNETBIOS-# [TR?]', '01-80-C2-00-00-00/44\tSpanning-tree'].join('\n');

describe('MacNameTable', () => {
  const table = new MacNameTable({ manuf: [MANUF], wka: [WKA], ethers: ['52:54:00:aa:bb:cc guest   # my unikernel\n'] });

  it('names a vendor’s address by its short name and the last three bytes', () => {
    expect(nameOf(table, '52:54:00:12:34:56')).toBe('RealtekU_12:34:56');
    expect(nameOf(table, '00:00:00:12:34:56')).toBe('00:00:00_12:34:56');
  });

  it('prefers an ethers name, then a well-known address, then a range, then the vendor', () => {
    expect(nameOf(table, '52:54:00:aa:bb:cc')).toBe('guest');
    expect(nameOf(table, 'ff:ff:ff:ff:ff:ff')).toBe('Broadcast');
    expect(nameOf(table, '03:00:00:00:00:01')).toBe('NETBIOS-');
    expect(nameOf(table, '00:1b:c5:00:01:23')).toBe('Convergi_01:23');
  });

  it('shows the bytes past the longest cut that matches, masked to the bits past it (tshark: IPv4mcast_fb, IPv6mcast_01)', () => {
    expect(nameOf(table, '01:00:5e:7f:ff:fa')).toBe('IPv4mcast_7f:ff:fa');
    expect(nameOf(table, '01:00:5e:00:00:fb')).toBe('IPv4mcast_fb');
    expect(nameOf(table, '33:33:00:00:00:01')).toBe('IPv6mcast_01');
    expect(nameOf(table, '33:33:ff:12:34:56')).toBe('IPv6mcast_ff:12:34:56');
    expect(nameOf(table, '01:80:c2:00:00:05')).toBe('Spanning-tree_05');
    expect(nameOf(table, '70:b3:d5:1f:12:34')).toBe('TwentyEi_0f:12:34');
  });

  it('looks a group address up under its vendor, and leaves unknown and locally administered addresses as numbers', () => {
    expect(nameOf(table, '53:54:00:12:34:56')).toBe('RealtekU_12:34:56');
    expect(nameOf(table, '02:00:00:00:00:01')).toBe('02:00:00:00:00:01');
    expect(nameOf(table, '0a:00:27:00:00:00')).toBe('0a:00:27:00:00:00');
  });

  it('without files names nothing', () => {
    expect(nameOf(new MacNameTable({}), '52:54:00:12:34:56')).toBe('52:54:00:12:34:56');
  });
});

describe('SortedManufText (Wireshark’s own manuf file, searched in place)', () => {
  const text = ['# Wireshark manuf', '', '00:00:00\t00:00:00\tOfficially Xerox', '00:1B:C5\tIEEERegi\tIEEE', '00:1B:C5:00:00:00/36\tConvergi\tConverging', '00:1B:C5:00:10:00/36\tOpenRBco', '52:54:00\tRealtekU\tRealtek # comment', 'FC:FF:AA\tLastOne'].join('\n');
  const sorted = new SortedManufText(Buffer.from(text, 'latin1'));

  it('finds a vendor, a range, the first and the last line; nothing for what is absent or of the other kind', () => {
    expect(sorted.find('52:54:00', false)).toBe('RealtekU');
    expect(sorted.find('00:00:00', false)).toBe('00:00:00');
    expect(sorted.find('FC:FF:AA', false)).toBe('LastOne');
    expect(sorted.find('00:1B:C5:00:10:00', true)).toBe('OpenRBco');
    expect(sorted.find('00:1B:C5', false)).toBe('IEEERegi');
    expect(sorted.find('00:1B:C5', true)).toBeUndefined();
    expect(sorted.find('00:1B:C5:00:20:00', true)).toBeUndefined();
    expect(sorted.find('52:54:01', false)).toBeUndefined();
    expect(sorted.find('00:00:01', false)).toBeUndefined();
    expect(sorted.find('FF:FF:FF', false)).toBeUndefined();
  });

  it('names addresses in a table as the parsed file would', () => {
    const searched = new MacNameTable({ sortedManuf: Buffer.from(text, 'latin1') });
    const parsed = new MacNameTable({ manuf: [text] });
    for (const address of ['52:54:00:12:34:56', '00:1b:c5:00:01:23', '00:1b:c5:00:11:23', '00:1b:c5:00:21:23', '53:54:00:00:00:01', '00:00:00:00:00:01', 'fc:ff:aa:01:02:03', '12:34:56:78:9a:bc']) {
      expect(nameOf(searched, address)).toBe(nameOf(parsed, address));
    }
  });
});

describe.skipIf(!existsSync(SYSTEM_MANUF))('this machine’s manuf file', () => {
  it('is in the order SortedManufText searches it in (addresses ascending, upper-case)', () => {
    const addresses = readFileSync(SYSTEM_MANUF, 'latin1').split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.split(/[\t/]/)[0]!);
    expect(addresses.length).toBeGreaterThan(1000);
    for (let index = 1; index < addresses.length; index++) expect(addresses[index - 1]! < addresses[index]!, `${addresses[index - 1]} before ${addresses[index]}`).toBe(true);
    for (const address of addresses) expect(address).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){2}((:[0-9A-F]{2}){3})?$/);
  });
});
