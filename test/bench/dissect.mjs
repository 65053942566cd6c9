// Benchmark: `mirador dissect` vs `tshark -n -o ip.defragment:FALSE -o ipv6.defragment:FALSE -r` on the same captures
// (the fixtures' frames repeated, timestamps advancing; 200k and 1M frames), both writing summary lines to /dev/null.
// Those tshark options make its output Mirador's line for line (but the DNS frame whose name points at itself):
// Mirador prints MAC addresses as they are and does not put IP fragments together (plain -r looks up vendor names
// too, more work).
// Measures wall time and peak RSS (/usr/bin/time -v) over 3 runs each, alternating, and prints the medians and ratios
// per size. Run after `npm run build`: node test/bench/dissect.mjs [FRAMES...]
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
let allMet = true;
for (const frames of SIZES) {
  const capture = path.join(work, `frames-${frames}.pcap`);
  writeLargeCapture(capture, frames);
  const mirador = [process.execPath, path.join(REPO_ROOT, 'out/main/cli.js'), 'dissect', capture];
  const tshark = ['tshark', '-n', '-o', 'ip.defragment:FALSE', '-o', 'ipv6.defragment:FALSE', '-r', capture];
  const ours = [];
  const theirs = [];
  for (let run = 0; run < RUNS; run++) {
    ours.push(measure(mirador));
    theirs.push(measure(tshark));
  }
  const result = {
    mirador: { seconds: median(ours.map((r) => r.seconds)), rssMb: median(ours.map((r) => r.rssMb)) },
    tshark: { seconds: median(theirs.map((r) => r.seconds)), rssMb: median(theirs.map((r) => r.rssMb)) },
  };
  console.log(`capture: ${frames} frames, ${(statSync(capture).size / 1e6).toFixed(1)} MB; median of ${RUNS} runs each`);
  console.log(`  mirador dissect: ${result.mirador.seconds.toFixed(2)} s, peak RSS ${result.mirador.rssMb.toFixed(0)} MB`);
  console.log(`  tshark:          ${result.tshark.seconds.toFixed(2)} s, peak RSS ${result.tshark.rssMb.toFixed(0)} MB`);
  const speed = result.tshark.seconds / result.mirador.seconds;
  const memory = result.mirador.rssMb / result.tshark.rssMb;
  console.log(`  speed: ${speed.toFixed(2)}× tshark (goal ≥ 5×) ${speed >= 5 ? 'MET' : 'NOT MET'}`);
  console.log(`  memory: ${memory.toFixed(2)} of tshark's (goal ≤ 0.25) ${memory <= 0.25 ? 'MET' : 'NOT MET'}`);
  allMet &&= speed >= 5 && memory <= 0.25;
  rmSync(capture);
}
console.log(allMet ? 'all goals met at every size' : 'some goals not met (see above)');
rmSync(work, { recursive: true, force: true });
