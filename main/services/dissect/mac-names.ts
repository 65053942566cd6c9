// Names for MAC addresses as Wireshark resolves them (its default): ethers names, then well-known addresses and ranges
// (wka), then the vendor's short name from the manuf file ("RealtekU_12:34:56"), read from Wireshark's own data files
// when it is installed. Without them addresses stay numbers, as with tshark -n.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatMac } from './address-format';

export interface MacNames {
  /** The address's name as Wireshark shows it in the Source/Destination columns (the address itself when it has none). */
  nameOf(bytes: Buffer, offset: number): string;
}

/** The files' contents (any may be missing): `ethers` lines "52:54:00:12:34:56 name", manuf and wka in Wireshark's formats. */
export interface MacNameSources {
  ethers?: string[];
  manuf?: string[];
  wka?: string[];
  /** Wireshark's own manuf file, searched as it is (see SortedManufText). */
  sortedManuf?: Buffer;
}

const TWO_TO_THE = (bits: number): number => 2 ** bits;
/** Distinct addresses remembered; past this the cache starts again (a capture rarely holds more than a few hundred). */
const MAX_CACHED = 65536;

export class MacNameTable implements MacNames {
  /** Whole addresses (ethers, and wka or manuf entries of 48 bits). */
  private readonly exact = new Map<number, string>();
  /** Vendors by their 24-bit OUI. */
  private readonly vendors = new Map<number, string>();
  /**
   * Ranges (wka's /25, /40..., manuf's /28 and /36): the address with the bits past the prefix cleared → name. One table
   * for every length, as in Wireshark: an address matches a range at any length whose cleared bits are zero in it too.
   */
  private readonly ranges = new Map<number, string>();
  private readonly cache = new Map<number, string>();
  /** Wireshark's own manuf file, searched where it lies rather than parsed. */
  private readonly sortedManufs: SortedManufText[] = [];

  constructor(sources: MacNameSources) {
    // Earlier files win, as in Wireshark: ethers names before well-known addresses before vendors.
    for (const text of sources.ethers ?? []) this.readEthers(text);
    for (const text of sources.wka ?? []) this.readTable(text);
    for (const text of sources.manuf ?? []) this.readTable(text);
    if (sources.sortedManuf) this.sortedManufs.push(new SortedManufText(sources.sortedManuf));
  }

  nameOf(bytes: Buffer, offset: number): string {
    const address = bytes.readUInt16BE(offset) * TWO_TO_THE(32) + bytes.readUInt32BE(offset + 2);
    let name = this.cache.get(address);
    if (name === undefined) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      name = this.resolve(bytes.subarray(offset, offset + 6), address);
      this.cache.set(address, name);
    }
    return name;
  }

  /**
   * Wireshark 4.0's order (addr_resolv.c, eth_addr_resolve): a whole address; the address cut to 47 down to 24 bits
   * in the range table; the vendor; then cut to 23 down to 0 bits. A range's name is followed by the bytes
   * past the cut's whole bytes, the first masked to the bits past the cut (tshark: "IPv4mcast_fb", "IPv6mcast_01").
   */
  private resolve(bytes: Buffer, address: number): string {
    const exact = this.exact.get(address);
    if (exact !== undefined) return exact;
    for (let bits = 47; bits >= 24; bits--) {
      const name = this.rangeName(bytes, address, bits);
      if (name !== undefined) return name;
    }
    // A group address is looked up under its vendor's OUI (the I/G bit cleared), as Wireshark does.
    const oui = Math.floor(address / TWO_TO_THE(24)) & 0xfeffff;
    const vendor = this.vendors.get(oui) ?? this.searchManufs(addressText(oui * TWO_TO_THE(24), 3), false);
    if (vendor !== undefined) return `${vendor}_${hex(bytes[3]!)}:${hex(bytes[4]!)}:${hex(bytes[5]!)}`;
    for (const bits of SHORT_CUTS) {
      const name = this.rangeName(bytes, address, bits);
      if (name !== undefined) return name;
    }
    return formatMac(bytes, 0);
  }

  private rangeName(bytes: Buffer, address: number, bits: number): string | undefined {
    const key = cut(address, bits);
    const name = this.ranges.get(key) ?? (this.sortedManufs.length > 0 ? this.searchManufs(addressText(key, 6), true) : undefined);
    if (name === undefined) return undefined;
    const firstShown = Math.floor(bits / 8);
    const shown = [hex(bytes[firstShown]! & (0xff >> (bits % 8)))];
    for (let at = firstShown + 1; at < 6; at++) shown.push(hex(bytes[at]!));
    return `${name}_${shown.join(':')}`;
  }

  private searchManufs(address: string, range: boolean): string | undefined {
    for (const manuf of this.sortedManufs) {
      const name = manuf.find(address, range);
      if (name !== undefined) return name;
    }
    return undefined;
  }

  private readEthers(text: string): void {
    for (const line of text.split('\n')) {
      const [addressText, name] = line.replace(/#.*/, '').trim().split(/\s+/);
      if (!addressText || !name) continue;
      const parsed = parseAddress(addressText);
      if (parsed && parsed.byteCount === 6 && parsed.bits === 48 && !this.exact.has(parsed.value)) this.exact.set(parsed.value, name);
    }
  }

  /** manuf and wka: "ADDRESS[/BITS]<tab>SHORT NAME[<tab>LONG NAME]"; three bytes without a length are a vendor. */
  private readTable(text: string): void {
    for (const line of text.split('\n')) {
      const fields = line.replace(/#.*/, '').split(/\t+/);
      const name = fields[1]?.trim();
      const parsed = parseAddress(fields[0]!.trim());
      if (!parsed || !name) continue;
      if (parsed.byteCount === 3 && parsed.bits === 24 && !parsed.explicitBits) {
        const oui = Math.floor(parsed.value / TWO_TO_THE(24));
        if (!this.vendors.has(oui)) this.vendors.set(oui, name);
      } else if (parsed.bits === 48) {
        if (!this.exact.has(parsed.value)) this.exact.set(parsed.value, name);
      } else {
        const key = cut(parsed.value, parsed.bits);
        if (!this.ranges.has(key)) this.ranges.set(key, name);
      }
    }
  }
}

/** "52:54:00", "01-00-5E/25", "00:1B:C5:00:00:00/36", "0050.56c0.0001": its value as a 48-bit number, left aligned. */
function parseAddress(text: string): { value: number; byteCount: number; bits: number; explicitBits: boolean } | undefined {
  const [addressPart, bitsPart] = text.split('/');
  const hexDigits = addressPart!.split(/[:.-]/);
  let bytes: number[];
  if (hexDigits.length === 3 && hexDigits.every((group) => group.length === 4)) {
    bytes = hexDigits.flatMap((group) => [parseInt(group.slice(0, 2), 16), parseInt(group.slice(2), 16)]);
  } else {
    bytes = hexDigits.map((group) => (/^[0-9a-fA-F]{1,2}$/.test(group) ? parseInt(group, 16) : NaN));
  }
  if (bytes.length < 1 || bytes.length > 6 || bytes.some(Number.isNaN)) return undefined;
  const bits = bitsPart === undefined ? bytes.length * 8 : Number(bitsPart);
  if (!Number.isInteger(bits) || bits < 1 || bits > 48) return undefined;
  let value = 0;
  for (let index = 0; index < 6; index++) value = value * 256 + (bytes[index] ?? 0);
  return { value, byteCount: bytes.length, bits, explicitBits: bitsPart !== undefined };
}

/**
 * Wireshark's own manuf file, searched in place: its lines are in the order of their addresses ("00:1B:C5",
 * "00:1B:C5:00:00:00/36", upper-case hex), so a name is a binary search over the bytes away. Parsing its 50k lines
 * would cost more than dissecting a small capture.
 */
export class SortedManufText {
  constructor(private readonly bytes: Buffer) {}

  /** The short name on the line for `address` ("52:54:00"; six bytes for a range, whose line has a /bits length). */
  find(address: string, range: boolean): string | undefined {
    const length = this.bytes.length;
    let low = 0;
    let high = length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const line = this.entryAtOrAfter(middle);
      if (line < length && this.compareAddress(line, address) < 0) low = middle + 1;
      else high = middle;
    }
    const line = this.entryAtOrAfter(low);
    if (line >= length || this.compareAddress(line, address) !== 0) return undefined;
    let end = this.bytes.indexOf(10, line);
    if (end < 0) end = length;
    const fields = this.bytes.toString('latin1', line, end).replace(/#.*/, '').split(/\t+/);
    return fields[0]!.includes('/') === range ? fields[1]?.trim() || undefined : undefined;
  }

  /** The start of the first entry line (not a comment, not empty) that starts at or after `position`. */
  private entryAtOrAfter(position: number): number {
    const bytes = this.bytes;
    let at = position === 0 ? 0 : bytes.indexOf(10, position - 1) + 1;
    if (at === 0 && position > 0) return bytes.length;
    while (at < bytes.length && (bytes[at] === 35 /* # */ || bytes[at] === 10 || bytes[at] === 13)) {
      const next = bytes.indexOf(10, at);
      at = next < 0 ? bytes.length : next + 1;
    }
    return at;
  }

  /** The line's address (up to a tab or slash) against `address`, as strings compare. */
  private compareAddress(line: number, address: string): number {
    const bytes = this.bytes;
    for (let index = 0; ; index++) {
      const code = line + index < bytes.length ? bytes[line + index]! : 9;
      const ended = code === 9 || code === 47 || code === 10 || code === 13 || code === 32;
      if (index === address.length) return ended ? 0 : 1;
      if (ended) return -1;
      const difference = code - address.charCodeAt(index);
      if (difference !== 0) return difference;
    }
  }
}

/** The first `byteCount` bytes of a 48-bit address as manuf writes them: "52:54:00". */
function addressText(address: number, byteCount: number): string {
  const parts: string[] = [];
  for (let index = 0; index < byteCount; index++) parts.push(hex(Math.floor(address / TWO_TO_THE(40 - index * 8)) % 256).toUpperCase());
  return parts.join(':');
}

/** The cuts below the vendor's 24 bits Wireshark tries, longest first. */
const SHORT_CUTS = Array.from({ length: 24 }, (_, index) => 23 - index);

/** The 48-bit address with the bits past the first `bits` cleared. */
function cut(address: number, bits: number): number {
  const unit = TWO_TO_THE(48 - bits);
  return Math.floor(address / unit) * unit;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** Where Wireshark keeps its data files on Linux, macOS and Windows installs. */
const DATA_DIRECTORIES = ['/usr/share/wireshark', '/usr/local/share/wireshark', '/opt/homebrew/share/wireshark', '/Applications/Wireshark.app/Contents/Resources/share/wireshark', 'C:\\Program Files\\Wireshark'];

let system: MacNameTable | undefined;

/** The names Wireshark on this machine would give (read once, on first use); no files: every address stays a number. */
export function systemMacNames(): MacNames {
  return {
    nameOf(bytes, offset) {
      system ??= new MacNameTable(readSystemSources());
      return system.nameOf(bytes, offset);
    },
  };
}

function readSystemSources(): MacNameSources {
  const personal = path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'wireshark');
  const data = DATA_DIRECTORIES.find((directory) => existsSync(path.join(directory, 'manuf')));
  const texts = (files: string[]): string[] => files.map(readText).filter((text): text is string => text !== undefined);
  return {
    ethers: texts([path.join(personal, 'ethers'), '/etc/ethers']),
    manuf: texts([path.join(personal, 'manuf')]),
    wka: texts(data ? [path.join(data, 'wka')] : []),
    sortedManuf: data ? readBytes(path.join(data, 'manuf')) : undefined,
  };
}

function readText(file: string): string | undefined {
  return readBytes(file)?.toString('latin1');
}

function readBytes(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
