// One `mirador dissect` line laid out like tshark's default: No., Time, Source → Destination, Protocol, Length, Info.
import { BUFFER_SIZE, type ByteLineWriter } from './byte-line-writer';
import { decimalDigits, digitsInto, spacesInto, utf8Into } from './utf8-into';

/** Up to this many UTF-16 units, Info is encoded here; a longer one costs one native call, worth it by then. */
const SHORT_INFO = 24;
/** Room for everything but the strings: number, time, separators, arrow, length, newline. */
const FIXED_BYTES = 96;

/** Whole microseconds since the first frame (Wireshark truncates the relative time to microseconds). */
export function relativeMicros(frame: { seconds: number; nanoseconds: number }, firstSeconds: number, firstNanoseconds: number): number {
  return Math.trunc(((frame.seconds - firstSeconds) * 1e9 + frame.nanoseconds - firstNanoseconds) / 1000);
}

/**
 * Writes the line straight into the output bytes: no string is built for it, and (room made once) no call per piece —
 * on a big capture both showed in profiles. `micros` is the time since the first frame in whole microseconds, shown
 * with six decimals.
 */
export function writeSummaryLine(out: ByteLineWriter, number: number, micros: number, source: string, destination: string, protocol: string, length: number, info: string): void {
  const worst = FIXED_BYTES + 3 * (source.length + destination.length + protocol.length + info.length);
  if (worst > BUFFER_SIZE) return writeLongSummaryLine(out, number, micros, source, destination, protocol, length, info);
  const buffer = out.claim(worst);
  let at = out.bufferedLength;
  const numberDigits = decimalDigits(number);
  at = spacesInto(buffer, at, 5 - numberDigits);
  at = digitsInto(buffer, at, number, numberDigits);
  buffer[at++] = 32;
  // Time: [-]seconds.micros, right-aligned in 10 characters.
  const magnitude = Math.abs(micros);
  const seconds = Math.floor(magnitude / 1e6);
  const secondsDigits = decimalDigits(seconds);
  at = spacesInto(buffer, at, 10 - (micros < 0 ? 1 : 0) - secondsDigits - 7);
  if (micros < 0) buffer[at++] = 45;
  at = digitsInto(buffer, at, seconds, secondsDigits);
  buffer[at++] = 46;
  at = digitsInto(buffer, at, magnitude % 1e6, 6);
  buffer[at++] = 32;
  at = spacesInto(buffer, at, 12 - source.length);
  at = utf8Into(buffer, at, source);
  // " → "
  buffer[at++] = 32;
  buffer[at++] = 0xe2;
  buffer[at++] = 0x86;
  buffer[at++] = 0x92;
  buffer[at++] = 32;
  at = utf8Into(buffer, at, destination);
  at = spacesInto(buffer, at, 12 - destination.length);
  buffer[at++] = 32;
  at = utf8Into(buffer, at, protocol);
  buffer[at++] = 32;
  const lengthDigits = decimalDigits(length);
  at = digitsInto(buffer, at, length, lengthDigits);
  buffer[at++] = 32;
  at = info.length > SHORT_INFO ? at + buffer.write(info, at, 'utf8') : utf8Into(buffer, at, info);
  buffer[at++] = 10;
  out.commitLine(at);
}

/** A line too long for one buffer (an Info of tens of thousands of characters), piece by piece. */
function writeLongSummaryLine(out: ByteLineWriter, number: number, micros: number, source: string, destination: string, protocol: string, length: number, info: string): void {
  out.integer(number, 5);
  out.spaces(1);
  const magnitude = Math.abs(micros);
  const seconds = Math.floor(magnitude / 1e6);
  out.spaces(10 - (micros < 0 ? 1 : 0) - decimalDigits(seconds) - 7);
  if (micros < 0) out.text('-');
  out.integer(seconds);
  out.text('.');
  out.digits(magnitude % 1e6, 6);
  out.spaces(1);
  out.textPadStart(source, 12);
  out.text(' → ');
  out.textPadEnd(destination, 12);
  out.spaces(1);
  out.text(protocol);
  out.spaces(1);
  out.integer(length);
  out.spaces(1);
  out.text(info);
  out.endLine();
}
