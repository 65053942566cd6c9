// Benchmark: `mirador dissect` vs `tshark -r` (the issue's peer) on the same captures (the fixtures' frames repeated,
// timestamps advancing; 200k and 1M frames), all writing summary lines to /dev/null. Also against
// `tshark -n -o ip.defragment:FALSE -o ipv6.defragment:FALSE -r`, whose lines are Mirador's line for line (but the
// DNS frame whose name points at itself): plain -r also names MAC vendors and puts IP fragments together, more work
// that Mirador does not do, so that second ratio is the stricter one.
// Measures wall time and peak RSS (/usr/bin/time -v) over 3 runs each, alternating, and prints the medians and ratios
// per size; the goals (>= 5x faster, <= 1/4 of the memory) are judged against `tshark -r`, as the issue states them.
// Run after `npm run build`: node test/bench/dissect.mjs [FRAMES...]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeLargeCapture } from './make-large-capture.mjs';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const SIZES = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [200_000, 1_000_000];
const RUNS = 3;

function measure(argv) {
  const result = spawnSync('/usr/bin/time', ['-v', ...argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(result.stderr);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const rssMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)[1]) / 1024;
  return { seconds, rssMb };
}
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

execFileSync(process.execPath, [path.join(REPO_ROOT, 'out/main/cli.js'), '--version']);
const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-bench-dissect-'));
/** Per size, whether both goals held against the peer. */
const metAt = [];
for (const frames of SIZES) {
  const capture = path.join(work, `frames-${frames}.pcap`);
  writeLargeCapture(capture, frames);
  const peers = [
    { name: 'tshark -r', goal: true, argv: ['tshark', '-r', capture] },
    { name: 'tshark -n, no defragmentation', goal: false, argv: ['tshark', '-n', '-o', 'ip.defragment:FALSE', '-o', 'ipv6.defragment:FALSE', '-r', capture] },
  ];
  const mirador = [process.execPath, path.join(REPO_ROOT, 'out/main/cli.js'), 'dissect', capture];
  const ours = [];
  const theirs = peers.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    ours.push(measure(mirador));
    peers.forEach((peer, index) => theirs[index].push(measure(peer.argv)));
  }
  const summary = (runs) => ({ seconds: median(runs.map((r) => r.seconds)), rssMb: median(runs.map((r) => r.rssMb)) });
  const mine = summary(ours);
  console.log(`capture: ${frames} frames, ${(statSync(capture).size / 1e6).toFixed(1)} MB; median of ${RUNS} runs each`);
  console.log(`  mirador dissect: ${mine.seconds.toFixed(2)} s, peak RSS ${mine.rssMb.toFixed(0)} MB`);
  peers.forEach((peer, index) => {
    const other = summary(theirs[index]);
    const speed = other.seconds / mine.seconds;
    const memory = mine.rssMb / other.rssMb;
    console.log(`  ${peer.name}: ${other.seconds.toFixed(2)} s, peak RSS ${other.rssMb.toFixed(0)} MB`);
    const verdict = (met) => (peer.goal ? (met ? ' MET' : ' NOT MET') : '');
    console.log(`    speed: ${speed.toFixed(2)}× ${peer.name} (goal ≥ 5×)${verdict(speed >= 5)}`);
    console.log(`    memory: ${memory.toFixed(2)} of ${peer.name}'s (goal ≤ 0.25)${verdict(memory <= 0.25)}`);
    if (peer.goal) metAt.push({ frames, met: speed >= 5 && memory <= 0.25 });
  });
  rmSync(capture);
}
const met = metAt.filter((size) => size.met).map((size) => size.frames);
console.log(met.length === metAt.length ? 'both goals met at every size' : met.length > 0 ? `both goals met at ${met.join(', ')} frames; not at ${metAt.filter((size) => !size.met).map((size) => size.frames).join(', ')}` : 'goals not met at any size (see above)');
rmSync(work, { recursive: true, force: true });
