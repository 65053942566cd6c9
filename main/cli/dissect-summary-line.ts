// One `mirador dissect` line laid out like tshark's default: No., Time, Source → Destination, Protocol, Length, Info.
import { decimalDigits, type ByteLineWriter } from './byte-line-writer';

const ARROW = Buffer.from(' → ', 'utf8');

/**
 * Writes the line straight into the output bytes (no string is built for it: on a big capture those strings were a good
 * part of the run). `micros` is the time since the first frame in whole microseconds, shown with six decimals.
 */
export function writeSummaryLine(out: ByteLineWriter, number: number, micros: number, source: string, destination: string, protocol: string, length: number, info: string): void {
  out.integer(number, 5);
  out.spaces(1);
  // Time: [-]seconds.micros, right-aligned in 10 characters.
  const magnitude = Math.abs(micros);
  const seconds = Math.floor(magnitude / 1e6);
  const width = (micros < 0 ? 1 : 0) + decimalDigits(seconds) + 7;
  out.spaces(10 - width);
  if (micros < 0) out.text('-');
  out.integer(seconds);
  out.text('.');
  out.digits(magnitude % 1e6, 6);
  out.spaces(1);
  out.textPadStart(source, 12);
  out.bytes(ARROW);
  out.textPadEnd(destination, 12);
  out.spaces(1);
  out.text(protocol);
  out.spaces(1);
  out.integer(length);
  out.spaces(1);
  out.text(info);
  out.endLine();
}
