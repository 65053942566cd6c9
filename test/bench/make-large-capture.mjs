// Writes a large classic pcap for the packet benchmarks: the fixtures' frames (DNS, ICMP, HTTP, TLS, ARP, DHCP, IPv6...)
// repeated in turn, timestamps advancing 100 µs a frame. Run: node test/bench/make-large-capture.mjs OUT.pcap [FRAMES]
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pcapHeader } from '../fixtures/captures/tcp-conversation-builder.mjs';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = ['loopback.pcap', 'synthetic.pcap'].map((name) => path.join(REPO_ROOT, 'test/fixtures/captures', name));

/** The frames of a little-endian microsecond pcap, read without Mirador's reader. */
function pcapFrames(file) {
  const bytes = readFileSync(file);
  const frames = [];
  for (let at = 24; at + 16 <= bytes.length; ) {
    const length = bytes.readUInt32LE(at + 8);
    frames.push({ data: bytes.subarray(at + 16, at + 16 + length), originalLength: bytes.readUInt32LE(at + 12) });
    at += 16 + length;
  }
  return frames;
}

export function writeLargeCapture(file, frameCount) {
  const source = FIXTURES.flatMap(pcapFrames);
  const out = openSync(file, 'w');
  writeSync(out, pcapHeader());
  // Records are gathered into 4 MiB chunks: one write call per record would take longer than the benchmark.
  const chunk = Buffer.alloc(4 * 1024 * 1024);
  let used = 0;
  for (let index = 0; index < frameCount; index++) {
    const frame = source[index % source.length];
    if (used + 16 + frame.data.length > chunk.length) {
      writeSync(out, chunk, 0, used);
      used = 0;
    }
    const micros = index * 100;
    chunk.writeUInt32LE(1_700_000_000 + Math.floor(micros / 1_000_000), used);
    chunk.writeUInt32LE(micros % 1_000_000, used + 4);
    chunk.writeUInt32LE(frame.data.length, used + 8);
    chunk.writeUInt32LE(frame.originalLength, used + 12);
    frame.data.copy(chunk, used + 16);
    used += 16 + frame.data.length;
  }
  writeSync(out, chunk, 0, used);
  closeSync(out);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, frames = '1000000'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node test/bench/make-large-capture.mjs OUT.pcap [FRAMES]');
    process.exit(2);
  }
  writeLargeCapture(file, Number(frames));
  console.log(`wrote ${file} (${Number(frames)} frames)`);
}
