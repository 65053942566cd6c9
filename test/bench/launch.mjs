// Benchmark: the C example booted by `mirador run --until LAST_LINE` against the raw QEMU command line of the same plan.
// Prints the medians of 5 runs (time until the last console line, and until the command exits) and their ratios,
// and what starting Node alone costs, for scale.
// Run after `npm run build`: node test/bench/launch.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const RUNS = 5;
const LAST_LINE = 'done, exiting with 0';

const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-bench-launch-'));
execFileSync('make', ['-s', '-C', path.join(REPO_ROOT, 'resources/examples/c-hello'), `BUILD=${work}/build`], { stdio: 'inherit' });
const kernel = path.join(work, 'build', 'hello.elf');
const launch = { target: 'qemu', kernel, accel: 'tcg', memory: 32 };

/** Starts a command and resolves with the times (ms) at which LAST_LINE appeared on stdout and the command exited. */
function timeRun(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    let lineAt;
    child.stdout.setEncoding('utf8').on('data', (text) => {
      stdout += text;
      if (lineAt === undefined && stdout.includes(LAST_LINE)) lineAt = performance.now() - started;
    });
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => {
      if (lineAt === undefined) reject(new Error(`${command} exited ${code} without printing "${LAST_LINE}":\n${stdout}\n${stderr}`));
      else resolve({ line: lineAt, exit: performance.now() - started, code });
    });
  });
}

/** The plan the adapter makes for this launch: asked of `mirador debug-adapter` itself, over DAP. */
function launchPlan() {
  return new Promise((resolve, reject) => {
    const adapter = spawn(process.execPath, [path.join(REPO_ROOT, 'out/main/cli.js'), 'debug-adapter'], { cwd: work, stdio: ['pipe', 'pipe', 'inherit'] });
    let buffer = Buffer.alloc(0);
    let seq = 1;
    const send = (command, args) => {
      const body = JSON.stringify({ seq: seq++, type: 'request', command, arguments: args });
      adapter.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    adapter.stdout.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())[1]);
        if (buffer.length < headerEnd + 4 + length) return;
        const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
        buffer = buffer.subarray(headerEnd + 4 + length);
        if (message.type === 'response' && message.command === 'initialize') send('launch', { ...launch, noDebug: true });
        if (message.type === 'response' && message.command === 'launch' && !message.success) reject(new Error(message.message));
        if (message.type === 'event' && message.event === 'mirador/launchPlan') resolve(message.body);
        if (message.type === 'event' && message.event === 'terminated') send('disconnect', {});
      }
    });
    send('initialize', { adapterID: 'mirador', pathFormat: 'path' });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const plan = await launchPlan();
// The plan's QMP socket lives in the adapter's run folder, gone by now: the raw run gets a folder of its own.
const runDirOf = (arg) => /(?:\/[^/,=]+)*\/mirador-run-[^/,]+/.exec(arg)?.[0];
const planRunDir = plan.args.map(runDirOf).find(Boolean);
const rawRunDir = mkdtempSync(path.join(os.tmpdir(), 'mirador-bench-raw-'));
const rawArgs = plan.args.map((arg) => (planRunDir ? arg.split(planRunDir).join(rawRunDir) : arg));

const mirador = { line: [], exit: [] };
const raw = { line: [], exit: [] };
/** For scale: what starting Node alone costs here (mirador run starts one; the adapter runs inside it). */
const nodeAlone = [];
for (let run = 0; run < RUNS; run++) {
  // Alternate which goes first, so neither always meets a warm or a cold cache.
  const order = run % 2 === 0 ? ['mirador', 'raw'] : ['raw', 'mirador'];
  for (const who of order) {
    if (who === 'mirador') {
      const result = await timeRun(process.execPath, [path.join(REPO_ROOT, 'main/cli/bin.cjs'), 'run', '--target', 'qemu', '--kernel', kernel, '--accel', 'tcg', '--mem', '32', '--until', LAST_LINE], { cwd: work });
      if (result.code !== 0) throw new Error(`mirador run exited ${result.code}`);
      mirador.line.push(result.line);
      mirador.exit.push(result.exit);
    } else {
      const result = await timeRun(plan.command, rawArgs, { cwd: work });
      raw.line.push(result.line);
      raw.exit.push(result.exit);
    }
  }
  const started = performance.now();
  execFileSync(process.execPath, ['-e', '']);
  nodeAlone.push(performance.now() - started);
}
rmSync(rawRunDir, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });

const format = (ms) => `${ms.toFixed(1)} ms`;
console.log(`guest: resources/examples/c-hello under ${plan.accelerator?.kind?.toUpperCase() ?? '?'}, ${RUNS} runs each, medians`);
console.log(`raw:    ${plan.command} ${rawArgs.join(' ')}`);
console.log(`  last line ${format(median(raw.line))}, exit ${format(median(raw.exit))}`);
console.log(`mirador run --until '${LAST_LINE}'`);
console.log(`  last line ${format(median(mirador.line))}, exit ${format(median(mirador.exit))}`);
console.log(`for scale: \`node -e ''\` alone takes ${format(median(nodeAlone))}; mirador run starts Node once (the adapter runs inline)`);
console.log(`ratio (mirador / raw): last line ${(median(mirador.line) / median(raw.line)).toFixed(2)}x, exit ${(median(mirador.exit) / median(raw.exit)).toFixed(2)}x (goal: <= 1.05x)`);
