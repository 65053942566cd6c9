// Benchmark: one step round trip (next → stopped → stackTrace → scopes → variables) through the Mirador debug adapter,
// against the same gdb doing the same steps over MI directly (-exec-next → *stopped → -stack-list-frames →
// -stack-list-variables), on the same guest (the C example, -O0 so its loop has a line per statement) under TCG, from
// the same breakpoint (fibonacci). The two are stepped in turn, one step each, so both meet the same machine.
// Three rounds, each a fresh session and a fresh raw gdb taking 50 steps; prints each round's ratio, then the medians of
// all 150 steps and their ratio. Run after `npm run build`: node test/bench/step.mjs
// The raw gdb gets what this target needs (the i386 view of the CPU) and otherwise gdb's defaults, as a plain MI client
// has them. The adapter also keeps breakpoints inserted between stops (two fewer stub round trips a step): with
// --tuned-raw the raw gdb gets that setting too, and the ratio shows the adapter's own cost alone (process hop + DAP).
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const TUNED_RAW = process.argv.includes('--tuned-raw');
const WARMUP = 5;
const STEPS = 50;
/** Fresh sessions measured: one session's median of 50 wanders by ±0.15 on this VM, so the medians are of all rounds' steps. */
const ROUNDS = 3;
const BREAK_AT = 'fibonacci';

const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-bench-step-'));
// CFLAGS from the environment: the Makefile appends its own flags to it (a command-line CFLAGS would replace them).
execFileSync('make', ['-s', '-C', path.join(REPO_ROOT, 'resources/examples/c-hello'), `BUILD=${work}/build`], { stdio: 'inherit', env: { ...process.env, CFLAGS: '-O0 -g' } });
const kernel = path.join(work, 'build', 'hello.elf');
const children = [];
process.on('exit', () => children.forEach((child) => child.exitCode === null && child.kill('SIGKILL')));

/** A promise with its resolver, for answers and events that arrive later. */
function later() {
  let resolve;
  const promise = new Promise((settle) => (resolve = settle));
  return { promise, resolve };
}

// ---- Mirador: DAP over the adapter's stdio ------------------------------------------------------------------------

class Dap {
  constructor() {
    this.adapter = spawn(process.execPath, [path.join(REPO_ROOT, 'out/main/cli.js'), 'debug-adapter'], { cwd: work, stdio: ['pipe', 'pipe', 'inherit'] });
    children.push(this.adapter);
    this.seq = 1;
    this.buffer = Buffer.alloc(0);
    this.pending = new Map();
    this.waiters = new Map();
    this.events = [];
    this.adapter.stdout.on('data', (chunk) => this.onData(chunk));
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      if (message.type === 'response') {
        const answer = this.pending.get(message.request_seq);
        this.pending.delete(message.request_seq);
        answer?.resolve(message);
      } else if (message.type === 'event') {
        this.events.push(message);
        const waiter = this.waiters.get(message.event);
        if (waiter) {
          this.waiters.delete(message.event);
          waiter.resolve(message);
        }
      }
    }
  }

  async request(command, args = {}) {
    const seq = this.seq++;
    const answer = later();
    this.pending.set(seq, answer);
    const body = JSON.stringify({ seq, type: 'request', command, arguments: args });
    this.adapter.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const response = await answer.promise;
    if (!response.success) throw new Error(`${command}: ${response.message}`);
    return response;
  }

  event(name) {
    const waiter = later();
    this.waiters.set(name, waiter);
    return waiter.promise;
  }

  async start() {
    const initialized = this.event('initialized');
    const plan = this.event('mirador/launchPlan');
    const stopped = this.event('stopped');
    await this.request('initialize', { adapterID: 'mirador', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
    const launched = this.request('launch', { target: 'qemu', kernel, accel: 'tcg', memory: 32 });
    await initialized;
    await this.request('setFunctionBreakpoints', { breakpoints: [{ name: BREAK_AT }] });
    await this.request('configurationDone');
    await launched;
    this.plan = (await plan).body;
    const stop = await stopped;
    if (stop.body.reason !== 'function breakpoint') throw new Error(`the adapter stopped for ${stop.body.reason}, not at ${BREAK_AT}`);
  }

  /** One round trip, as an editor does it after each F10; resolves with the top frame's line. */
  async step() {
    const stopped = this.event('stopped');
    await this.request('next', { threadId: 1 });
    await stopped;
    const trace = await this.request('stackTrace', { threadId: 1, startFrame: 0, levels: 20 });
    const top = trace.body.stackFrames[0];
    const scopes = await this.request('scopes', { frameId: top.id });
    const locals = scopes.body.scopes.find((scope) => scope.name === 'Locals');
    const variables = await this.request('variables', { variablesReference: locals.variablesReference });
    return { line: top.line, variables: variables.body.variables.length };
  }

  async stop() {
    const terminated = this.event('terminated');
    await this.request('terminate');
    await terminated;
    await this.request('disconnect');
  }
}

// ---- raw gdb over MI, the same setup the adapter gives it ------------------------------------------------------------

class RawGdb {
  constructor(port, tuned) {
    this.port = port;
    this.tuned = tuned;
    this.token = 1;
    this.pending = new Map();
    this.stopWaiter = undefined;
    this.text = '';
  }

  async start(plan, targetDescription) {
    const runDir = mkdtempSync(path.join(os.tmpdir(), 'mirador-bench-raw-'));
    this.runDir = runDir;
    const planRunDir = plan.args.map((arg) => /(?:\/[^/,=]+)*\/mirador-run-[^/,]+/.exec(arg)?.[0]).find(Boolean);
    const args = plan.args.map((arg) => (planRunDir ? arg.split(planRunDir).join(runDir) : arg)).map((arg) => arg.replace(/^tcp:127\.0\.0\.1:\d+$/, `tcp:127.0.0.1:${this.port}`));
    this.qemu = spawn(plan.command, args, { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(this.qemu);
    this.gdb = spawn('gdb', ['--interpreter=mi3', '--nx', '--quiet'], { cwd: work, stdio: ['pipe', 'pipe', 'inherit'] });
    children.push(this.gdb);
    this.gdb.stdout.setEncoding('utf8').on('data', (text) => this.onText(text));
    for (const command of [
      '-gdb-set mi-async on',
      '-gdb-set pagination off',
      '-gdb-set confirm off',
      '-gdb-set width 0',
      '-gdb-set height 0',
      '-gdb-set tcp connect-timeout 10',
      ...(this.tuned ? ['-gdb-set breakpoint always-inserted on'] : []),
      `-file-exec-and-symbols ${kernel}`,
      `-gdb-set tdesc filename ${targetDescription}`,
      '-gdb-set remote set-register-packet off',
      '-gdb-set remote fetch-register-packet off',
      `-target-select remote 127.0.0.1:${this.port}`,
      `-break-insert ${BREAK_AT}`,
    ]) {
      await this.send(command);
    }
    const stopped = this.nextStop();
    await this.send('-exec-continue');
    const stop = await stopped;
    if (!stop.includes('reason="breakpoint-hit"')) throw new Error(`raw gdb stopped with ${stop}`);
  }

  onText(text) {
    this.text += text;
    let newline;
    while ((newline = this.text.indexOf('\n')) >= 0) {
      const line = this.text.slice(0, newline);
      this.text = this.text.slice(newline + 1);
      const result = /^(\d+)\^(done|running|connected|error|exit)/.exec(line);
      if (result) {
        const answer = this.pending.get(Number(result[1]));
        this.pending.delete(Number(result[1]));
        if (result[2] === 'error') answer?.reject(new Error(line));
        else answer?.resolve(line);
      } else if (line.startsWith('*stopped') && this.stopWaiter) {
        const waiter = this.stopWaiter;
        this.stopWaiter = undefined;
        waiter.resolve(line);
      }
    }
  }

  send(command) {
    const token = this.token++;
    return new Promise((resolve, reject) => {
      this.pending.set(token, { resolve, reject });
      this.gdb.stdin.write(`${token}${command}\n`);
    });
  }

  nextStop() {
    this.stopWaiter = later();
    return this.stopWaiter.promise;
  }

  async step() {
    const stopped = this.nextStop();
    await this.send('-exec-next');
    const stop = await stopped;
    const frames = await this.send('-stack-list-frames --thread 1 0 19');
    const variables = await this.send('-stack-list-variables --thread 1 --frame 0 --simple-values');
    return { line: Number(/line="(\d+)"/.exec(stop)?.[1] ?? /line="(\d+)"/.exec(frames)?.[1]), variables: (variables.match(/\{name=/g) ?? []).length };
  }

  async stop() {
    this.gdb.stdin.end('-gdb-exit\n');
    this.qemu.kill('SIGKILL');
    await new Promise((resolve) => this.gdb.once('close', resolve));
    rmSync(this.runDir, { recursive: true, force: true });
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One round: a fresh adapter session and a fresh raw gdb, each on its own QEMU, stepped in turn from the breakpoint. */
async function round(times) {
  const mirador = new Dap();
  await mirador.start();
  // The adapter writes the i386 view of the registers into its run folder; the raw gdb gets the very same file.
  const adapterRunDir = mirador.plan.args.map((arg) => /(?:\/[^/,=]+)*\/mirador-run-[^/,]+/.exec(arg)?.[0]).find(Boolean);
  const targetDescription = path.join(work, 'i386-over-x86-64.xml');
  copyFileSync(path.join(adapterRunDir, 'i386-over-x86-64.xml'), targetDescription);
  const raw = new RawGdb(await freePort(), TUNED_RAW);
  await raw.start(mirador.plan, targetDescription);
  const roundTimes = { mirador: [], raw: [] };
  for (let index = 0; index < WARMUP + STEPS; index++) {
    const order = index % 2 === 0 ? ['mirador', 'raw'] : ['raw', 'mirador'];
    const lines = {};
    for (const who of order) {
      const started = performance.now();
      const result = await (who === 'mirador' ? mirador.step() : raw.step());
      const elapsed = performance.now() - started;
      lines[who] = result.line;
      if (index >= WARMUP) roundTimes[who].push(elapsed);
    }
    // Same guest, same breakpoint, same steps: both must be on the same line after every step.
    if (lines.mirador !== lines.raw) throw new Error(`step ${index}: the adapter is at line ${lines.mirador}, raw gdb at line ${lines.raw}`);
  }
  await mirador.stop();
  await raw.stop();
  times.mirador.push(...roundTimes.mirador);
  times.raw.push(...roundTimes.raw);
  return median(roundTimes.mirador) / median(roundTimes.raw);
}

const times = { mirador: [], raw: [] };
const roundRatios = [];
for (let index = 0; index < ROUNDS; index++) roundRatios.push(await round(times));
rmSync(work, { recursive: true, force: true });

const format = (ms) => `${ms.toFixed(2)} ms`;
const miradorMedian = median(times.mirador);
const rawMedian = median(times.raw);
const ratio = miradorMedian / rawMedian;
console.log(`guest: resources/examples/c-hello (-O0 -g) under TCG; ${ROUNDS} rounds of ${STEPS} steps from ${BREAK_AT} after ${WARMUP} warm-up steps, taken in turn`);
console.log(`each round's ratio (its median of ${STEPS} steps each): ${roundRatios.map((ratio) => `${ratio.toFixed(2)}x`).join(', ')}`);
console.log(`raw gdb/MI${TUNED_RAW ? ' (breakpoints kept inserted, as the adapter has them)' : ' (gdb defaults)'}: -exec-next → *stopped → -stack-list-frames → -stack-list-variables   median of ${times.raw.length}: ${format(rawMedian)}`);
console.log(`Mirador adapter: next → stopped → stackTrace → scopes → variables (DAP)            median of ${times.mirador.length}: ${format(miradorMedian)}`);
if (TUNED_RAW) console.log(`ratio (Mirador / raw gdb with the same setting): ${ratio.toFixed(2)}x — the adapter's own cost (its process hop and DAP); the goal is read without --tuned-raw`);
else console.log(`ratio (Mirador / raw gdb): ${ratio.toFixed(2)}x (goal: <= 1.3x) ${ratio <= 1.3 ? 'met' : 'NOT met'}; median ${format(miradorMedian)} (goal: <= 50 ms) ${miradorMedian <= 50 ? 'met' : 'NOT met'}`);
