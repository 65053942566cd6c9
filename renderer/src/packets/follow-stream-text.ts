// Follow Stream's text: each direction's payload as ASCII (non-printable bytes as dots, line breaks kept) or as a hex dump
// whose offsets count each direction's bytes separately, as Wireshark's "Hex Dump" does.
import { asciiChar, hexByte } from './hex-lines';

export function streamAscii(bytes: Uint8Array): string {
  let text = '';
  for (const value of bytes) text += value === 0x0a || value === 0x0d || value === 0x09 ? String.fromCharCode(value) : asciiChar(value);
  return text;
}

/** Lines of `offset  hex…  ascii` for one segment; `offset` is where this segment starts in its direction's bytes. */
export function streamHexDump(bytes: Uint8Array, offset: number): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const slice = bytes.subarray(at, at + 16);
    const hex = [...slice].map(hexByte);
    const padded = [...hex, ...Array<string>(16 - hex.length).fill('  ')];
    lines.push(`${(offset + at).toString(16).padStart(8, '0')}  ${padded.slice(0, 8).join(' ')}  ${padded.slice(8).join(' ')}  ${[...slice].map(asciiChar).join('')}`);
  }
  return lines.join('\n');
}

export interface DirectionTotals {
  clientBytes: number;
  serverBytes: number;
  clientSegments: number;
  serverSegments: number;
}

export function directionTotals(segments: readonly { fromClient: boolean; bytes: Uint8Array }[]): DirectionTotals {
  const totals = { clientBytes: 0, serverBytes: 0, clientSegments: 0, serverSegments: 0 };
  for (const segment of segments) {
    if (segment.fromClient) {
      totals.clientBytes += segment.bytes.length;
      totals.clientSegments++;
    } else {
      totals.serverBytes += segment.bytes.length;
      totals.serverSegments++;
    }
  }
  return totals;
}
