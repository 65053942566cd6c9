// Benchmark: a guest booted by `mirador run --until LINE` against the raw QEMU command line of the same plan, for two
// guests: the C example (boots and exits in ~50 ms, so it shows mirador run's fixed cost) and a Linux guest (Debian's
// cloud kernel + the test initramfs, user networking: DHCP, then a ping), a boot of a few seconds like a real one.
// Both sides are timed to the moment LINE appears on their stdout; the raw QEMU is then killed, mirador run stops its
// guest itself. Medians of 5, taken in turns; ratios printed. Run after `npm run build`: node test/bench/launch.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildLinuxGuest, linuxGuestUnavailable } from '../support/linux-guest/linux-guest-image.mjs';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const RUNS = 5;

const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-bench-launch-'));
execFileSync('make', ['-s', '-C', path.join(REPO_ROOT, 'resources/examples/c-hello'), `BUILD=${work}/build`], { stdio: 'inherit' });

const guests = [
  {
    name: 'c-hello (resources/examples/c-hello)',
    launch: { target: 'qemu', kernel: path.join(work, 'build', 'hello.elf'), accel: 'tcg', memory: 32 },
    line: 'done, exiting with 0',
  },
];
const linuxSkip = linuxGuestUnavailable();
if (linuxSkip) {
  console.log(`(the Linux guest is skipped: ${linuxSkip})`);
} else {
  const linux = await buildLinuxGuest(work);
  guests.push({
    name: 'Linux guest (cloud kernel + test initramfs, user networking)',
    launch: { target: 'qemu', kernel: linux.kernel, initrd: linux.initrd, append: linux.append({ mode: 'exit' }), accel: 'tcg', memory: 256, network: { mode: 'user' } },
    line: 'mirador-guest: ping ok',
  });
}

/** Starts a command; resolves with the time (ms) at which `line` appeared on its stdout, then ends it if it is still running. */
function timeToLine(command, args, line, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    let lineAt;
    child.stdout.setEncoding('utf8').on('data', (text) => {
      stdout += text;
      if (lineAt === undefined && stdout.includes(line)) {
        lineAt = performance.now() - started;
        if (options.killAtLine) child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => {
      if (lineAt === undefined) reject(new Error(`${command} exited ${code} without printing "${line}":\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
      else resolve({ line: lineAt, code });
    });
  });
}

/** The plan the adapter makes for a launch: asked of `mirador debug-adapter` itself, over DAP. */
function launchPlan(launch) {
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
        if (message.type === 'event' && message.event === 'mirador/launchPlan') {
          resolve(message.body);
          send('disconnect', { terminateDebuggee: true });
        }
      }
    });
    send('initialize', { adapterID: 'mirador', pathFormat: 'path' });
  });
}

/** `mirador run` options for a launch (the CLI takes the same fields as flags). */
function runFlags(launch) {
  const flags = ['--target', launch.target, '--kernel', launch.kernel, '--accel', launch.accel, '--mem', String(launch.memory)];
  if (launch.initrd) flags.push('--initrd', launch.initrd);
  if (launch.append) flags.push('--append', launch.append);
  flags.push('--net', launch.network?.mode ?? 'none');
  return flags;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const format = (ms) => `${ms.toFixed(1)} ms`;
const nodeAlone = [];
for (const guest of guests) {
  const plan = await launchPlan(guest.launch);
  // The plan's QMP socket lived in the adapter's run folder, gone by now: the raw run gets a folder of its own.
  const runDirOf = (arg) => /(?:\/[^/,=]+)*\/mirador-run-[^/,]+/.exec(arg)?.[0];
  const planRunDir = plan.args.map(runDirOf).find(Boolean);
  const rawRunDir = mkdtempSync(path.join(os.tmpdir(), 'mirador-bench-raw-'));
  const rawArgs = plan.args.map((arg) => (planRunDir ? arg.split(planRunDir).join(rawRunDir) : arg));
  const mirador = [];
  const raw = [];
  for (let run = 0; run < RUNS; run++) {
    // Alternate which goes first, so neither always meets a warm or a cold cache.
    for (const who of run % 2 === 0 ? ['mirador', 'raw'] : ['raw', 'mirador']) {
      if (who === 'mirador') {
        const result = await timeToLine(process.execPath, [path.join(REPO_ROOT, 'main/cli/bin.cjs'), 'run', ...runFlags(guest.launch), '--until', guest.line], guest.line, { cwd: work });
        if (result.code !== 0) throw new Error(`mirador run exited ${result.code}`);
        mirador.push(result.line);
      } else {
        raw.push((await timeToLine(plan.command, rawArgs, guest.line, { cwd: work, killAtLine: true })).line);
      }
    }
    const started = performance.now();
    execFileSync(process.execPath, ['-e', '']);
    nodeAlone.push(performance.now() - started);
  }
  rmSync(rawRunDir, { recursive: true, force: true });
  console.log(`guest: ${guest.name} under ${plan.accelerator?.kind?.toUpperCase() ?? '?'}, ${RUNS} runs each, time until "${guest.line}", medians`);
  console.log(`  raw:         ${format(median(raw))}   (${plan.command} ${rawArgs.join(' ')})`);
  console.log(`  mirador run: ${format(median(mirador))}   (mirador run ${runFlags(guest.launch).join(' ')} --until '${guest.line}')`);
  console.log(`  ratio (mirador / raw): ${(median(mirador) / median(raw)).toFixed(2)}x (goal: <= 1.05x); added ${format(median(mirador) - median(raw))}`);
}
rmSync(work, { recursive: true, force: true });
console.log(`for scale: \`node -e ''\` alone takes ${format(median(nodeAlone))}; mirador run starts Node once (the adapter runs inline)`);
