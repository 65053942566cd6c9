// Benchmark: round trip of a trivial cell (`1 + 1`) through Mirador's OCaml kernel, against piping the same phrase into a
// raw `ocaml -noprompt` process followed by a sentinel phrase and reading up to the sentinel. Both processes are warmed
// up, then measured in turn (one round trip each) so both meet the same machine. Prints the medians of 200 and the ratio.
// Run: node test/bench/cell.mjs (bundles main/services/kernel with rolldown into a temp dir first).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const ROUNDS = 200;
const WARMUP = 20;
const CELL = '1 + 1';

const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-bench-cell-'));
await build({ input: path.join(REPO_ROOT, 'main/services/kernel/ocaml-kernel.ts'), platform: 'node', output: { file: path.join(work, 'kernel.mjs'), format: 'esm' }, logLevel: 'silent' });
const { OcamlKernel } = await import(pathToFileURL(path.join(work, 'kernel.mjs')).href);

/** The peer: the stock toplevel on a pipe; the end of an answer is a sentinel the next phrase prints. */
class RawToplevel {
  constructor() {
    this.child = spawn('ocaml', ['-noprompt', '-noinit'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.buffer = '';
    this.waiter = undefined;
    this.child.stdout.setEncoding('utf8').on('data', (text) => {
      this.buffer += text;
      const at = this.buffer.indexOf('<MIRADOR-SENTINEL>\n');
      if (at >= 0 && this.waiter) {
        const answer = this.buffer.slice(0, at);
        this.buffer = this.buffer.slice(at + 19);
        const resolve = this.waiter;
        this.waiter = undefined;
        resolve(answer);
      }
    });
  }
  run(code) {
    return new Promise((resolve) => {
      this.waiter = resolve;
      this.child.stdin.write(`${code};;\nPrintf.printf "\\n<MIRADOR-SENTINEL>\\n%!";;\n`);
    });
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const kernel = new OcamlKernel();
const raw = new RawToplevel();
const kernelTimes = [];
const rawTimes = [];
try {
  for (let round = 0; round < WARMUP + ROUNDS; round += 1) {
    let started = process.hrtime.bigint();
    const result = await kernel.execute(CELL);
    const kernelMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.outputs[0]?.data?.['text/plain'] !== '- : int = 2') throw new Error(`kernel answered ${JSON.stringify(result.outputs)}`);
    started = process.hrtime.bigint();
    const answer = await raw.run(CELL);
    const rawMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (!answer.includes('- : int = 2')) throw new Error(`raw ocaml answered ${JSON.stringify(answer)}`);
    if (round >= WARMUP) {
      kernelTimes.push(kernelMs);
      rawTimes.push(rawMs);
    }
  }
} finally {
  await kernel.shutdown();
  raw.child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}
const kernelMedian = median(kernelTimes);
const rawMedian = median(rawTimes);
console.log(`cell round trip (${CELL}), median of ${ROUNDS}: mirador kernel ${kernelMedian.toFixed(3)} ms, raw ocaml + sentinel ${rawMedian.toFixed(3)} ms`);
console.log(`ratio ${(kernelMedian / rawMedian).toFixed(2)}x (goal <= 1.2x and <= 5 ms)`);
