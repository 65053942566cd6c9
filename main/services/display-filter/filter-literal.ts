// Reads a filter literal as the type of the field it is compared with: numbers, IPv4 (with /prefix), IPv6, MAC, strings.
import { formatIpv6Words } from '../dissect/address-format';
import type { FieldKind } from './filter-fields';

export type FilterLiteral = { kind: 'uint'; value: number } | { kind: 'ipv4'; address: number; mask: number } | { kind: 'text'; value: string };

/** The literal, or a message saying why it is not a value of this kind. */
export function parseLiteral(kind: FieldKind, text: string, quoted: boolean): FilterLiteral | string {
  switch (kind) {
    case 'uint': {
      if (!quoted && /^(0x[0-9a-f]+|\d+)$/i.test(text)) return { kind: 'uint', value: Number(text) };
      if (!quoted && /^(true|false)$/i.test(text)) return { kind: 'uint', value: text.toLowerCase() === 'true' ? 1 : 0 };
      return `"${text}" is not a valid number`;
    }
    case 'ipv4': {
      const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text);
      const octets = match ? match.slice(1, 5).map(Number) : [];
      const prefix = match?.[5] === undefined ? 32 : Number(match[5]);
      if (!match || octets.some((octet) => octet > 255) || prefix > 32) return `"${text}" is not a valid IPv4 address`;
      const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
      return { kind: 'ipv4', address: (ipv4ToNumber(octets) & mask) >>> 0, mask };
    }
    case 'ipv6': {
      const words = parseIpv6(text);
      return words ? { kind: 'text', value: formatIpv6Words(words) } : `"${text}" is not a valid IPv6 address`;
    }
    case 'ether': {
      const parts = text.toLowerCase().split(/[:.-]/);
      const hex = parts.length === 3 ? parts.map((part) => part.padStart(4, '0')).join('') : parts.map((part) => part.padStart(2, '0')).join('');
      if (!/^[0-9a-f]{12}$/.test(hex) || (parts.length !== 6 && parts.length !== 3)) return `"${text}" is not a valid Ethernet address`;
      return { kind: 'text', value: hex.match(/../g)!.join(':') };
    }
    case 'string':
      return { kind: 'text', value: text };
    case 'protocol':
      return 'a protocol cannot be compared with a value';
  }
}

export function ipv4ToNumber(octets: readonly number[]): number {
  return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

function parseIpv6(text: string): number[] | undefined {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.split('::').length > 2) return undefined;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const words = (part: string | undefined) => (part ? part.split(':') : []);
  const toWords = (list: string[]) => {
    const out: number[] = [];
    for (const item of list) {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(item)) {
        const octets = item.split('.').map(Number);
        out.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
      } else if (/^[0-9a-f]{1,4}$/i.test(item)) out.push(parseInt(item, 16));
      else return undefined;
    }
    return out;
  };
  const first = toWords(words(head));
  const last = toWords(words(tail));
  if (!first || !last) return undefined;
  if (tail === undefined) return first.length === 8 ? first : undefined;
  const missing = 8 - first.length - last.length;
  return missing >= 1 ? [...first, ...new Array<number>(missing).fill(0), ...last] : undefined;
}
