// Reads a DNS name with compression pointers, refusing loops and forward jumps so hostile packets cannot hang us.
import { wiresharkText } from './wireshark-text';

export interface DnsName {
  name: string;
  /** Where the name ends at its original position (after the first pointer, if any). */
  end: number;
}

const MAX_POINTER_HOPS = 64;
const MAX_NAME_LENGTH = 255;

/** `message` is the DNS message's start in `bytes`; pointers are relative to it. Returns a reason string when malformed. */
export function readDnsName(bytes: Buffer, message: number, offset: number, limit: number): DnsName | string {
  const labels: string[] = [];
  let at = offset;
  let end = -1;
  let hops = 0;
  let length = 0;
  // Pointers must go strictly backwards from the lowest position reached so far: no loop can form.
  let lowest = offset;
  for (;;) {
    if (at >= limit) return 'name runs past the end of the message';
    const size = bytes[at]!;
    if (size === 0) {
      if (end < 0) end = at + 1;
      break;
    }
    if ((size & 0xc0) === 0xc0) {
      if (at + 1 >= limit) return 'compression pointer cut short';
      const target = message + (((size & 0x3f) << 8) | bytes[at + 1]!);
      if (end < 0) end = at + 2;
      if (++hops > MAX_POINTER_HOPS || target >= lowest) return `compression pointer loop (to offset ${target - message})`;
      lowest = target;
      at = target;
      continue;
    }
    if ((size & 0xc0) !== 0) return `unknown label type 0x${(size & 0xc0).toString(16)}`;
    if (at + 1 + size > limit) return 'label runs past the end of the message';
    length += size + 1;
    if (length > MAX_NAME_LENGTH) return 'name longer than 255 bytes';
    labels.push(wiresharkText(bytes, at + 1, at + 1 + size));
    at += 1 + size;
  }
  return { name: labels.length === 0 ? '<Root>' : labels.join('.'), end };
}
