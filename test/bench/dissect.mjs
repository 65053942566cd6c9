// Benchmark: `mirador dissect` vs `tshark -r` (the issue's peer) on the same captures (the fixtures' frames repeated,
// timestamps advancing; 200k and 1M frames), all writing summary lines to /dev/null. Both run with their defaults,
// which are the same work: IP fragments put together, MAC addresses named; an untimed run of each checks that their
// lines are the same. A second pair turns both off (`mirador dissect -n --no-reassembly` against `tshark -n -o
// ip.defragment:FALSE -o ipv6.defragment:FALSE -r`).
// Measures wall time and peak RSS (/usr/bin/time -v) over 3 runs each, alternating, and prints the medians and ratios
// per size; the goals (>= 5x faster, <= 1/4 of the memory) are judged on the first pair, as the issue states them.
// Run after `npm run build`: node test/bench/dissect.mjs [FRAMES...]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeLargeCapture } from './make-large-capture.mjs';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const SIZES = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [200_000, 1_000_000];
const RUNS = 3;
const MIRADOR = [process.execPath, path.join(REPO_ROOT, 'out/main/cli.js'), 'dissect'];

function measure(argv) {
  const result = spawnSync('/usr/bin/time', ['-v', ...argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(result.stderr);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const rssMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)[1]) / 1024;
  return { seconds, rssMb };
}
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Lines that differ between the two programs' outputs (written to files, untimed). */
function differingLines(ours, theirs, work) {
  const outputs = [ours, theirs].map((argv, index) => {
    const file = path.join(work, `lines-${index}.txt`);
    const out = openSync(file, 'w');
    const result = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', out, 'ignore'] });
    closeSync(out);
    if (result.status !== 0) throw new Error(`${argv.join(' ')} failed`);
    return file;
  });
  const [a, b] = outputs.map((file) => readFileSync(file, 'utf8').split('\n'));
  let differing = 0;
  const examples = [];
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    if (a[index] === b[index]) continue;
    differing++;
    if (examples.length < 1) examples.push(`  mirador: ${a[index]}\n  tshark:  ${b[index]}`);
  }
  for (const file of outputs) rmSync(file);
  return { lines: b.length - 1, differing, examples };
}

execFileSync(process.execPath, [path.join(REPO_ROOT, 'out/main/cli.js'), '--version']);
const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-bench-dissect-'));
/** Per size, whether both goals held against the issue's peer. */
const metAt = [];
for (const frames of SIZES) {
  const capture = path.join(work, `frames-${frames}.pcap`);
  writeLargeCapture(capture, frames);
  const pairs = [
    { name: 'defaults (fragments put together, MAC names)', goal: true, ours: [...MIRADOR, capture], peerName: 'tshark -r', theirs: ['tshark', '-r', capture] },
    { name: 'both off', goal: false, ours: [...MIRADOR, '-n', '--no-reassembly', capture], peerName: 'tshark -n, no defragmentation', theirs: ['tshark', '-n', '-o', 'ip.defragment:FALSE', '-o', 'ipv6.defragment:FALSE', '-r', capture] },
  ];
  console.log(`capture: ${frames} frames, ${(statSync(capture).size / 1e6).toFixed(1)} MB; median of ${RUNS} runs each`);
  for (const pair of pairs) {
    const ours = [];
    const theirs = [];
    for (let run = 0; run < RUNS; run++) {
      ours.push(measure(pair.ours));
      theirs.push(measure(pair.theirs));
    }
    const summary = (runs) => ({ seconds: median(runs.map((r) => r.seconds)), rssMb: median(runs.map((r) => r.rssMb)) });
    const mine = summary(ours);
    const other = summary(theirs);
    const speed = other.seconds / mine.seconds;
    const memory = mine.rssMb / other.rssMb;
    const verdict = (met) => (pair.goal ? (met ? ' MET' : ' NOT MET') : '');
    const same = differingLines(pair.ours, pair.theirs, work);
    console.log(`  ${pair.name}:`);
    console.log(`    mirador dissect${pair.ours.length > MIRADOR.length + 1 ? ' -n --no-reassembly' : ''}: ${mine.seconds.toFixed(2)} s, peak RSS ${mine.rssMb.toFixed(0)} MB`);
    console.log(`    ${pair.peerName}: ${other.seconds.toFixed(2)} s, peak RSS ${other.rssMb.toFixed(0)} MB`);
    console.log(`    speed: ${speed.toFixed(2)}× ${pair.peerName} (goal ≥ 5×)${verdict(speed >= 5)}`);
    console.log(`    memory: ${memory.toFixed(2)} of ${pair.peerName}'s (goal ≤ 0.25)${verdict(memory <= 0.25)}`);
    console.log(`    same lines: ${same.lines - same.differing} of ${same.lines}${same.differing ? `; ${same.differing} differ, e.g. (synthetic.pcap's DNS name that points at itself is one per round of the fixtures)\n${same.examples.join('\n')}` : ''}`);
    if (pair.goal) metAt.push({ frames, met: speed >= 5 && memory <= 0.25 });
  }
  rmSync(capture);
}
const met = metAt.filter((size) => size.met).map((size) => size.frames);
console.log(met.length === metAt.length ? 'both goals met at every size' : met.length > 0 ? `both goals met at ${met.join(', ')} frames; not at ${metAt.filter((size) => !size.met).map((size) => size.frames).join(', ')}` : 'goals not met at any size (see above)');
rmSync(work, { recursive: true, force: true });
