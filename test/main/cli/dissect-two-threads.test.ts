// `mirador dissect` on two threads (big captures) prints byte for byte what one thread prints: every fixture, and a big
// capture mixing every link type, all fixtures' conversations interleaved and mutated frames among them.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../../main/services/capture/capture-file-reader';
import type { CaptureFrame } from '../../../main/services/capture/capture-frame';
import { encodePcapng } from '../../../main/services/capture/pcapng-writer';
import { CAPTURES } from '../services/capture/tshark-runner';
import { APP_ROOT, CLI_ENTRY, ensureAppBuilt } from './app-build';
import { isolatedEnv } from './cli-process';

const built = ensureAppBuilt();
if (!built.ok) console.warn(`SKIPPED two-thread \`mirador dissect\`: ${built.reason}`);

/** What one run printed, and how it ended. */
function dissect(file: string, threads: 1 | 2, env: NodeJS.ProcessEnv): { status: number | null; stdout: Buffer; stderr: string } {
  const run = spawnSync(process.execPath, [CLI_ENTRY, 'dissect', file], { env: { ...env, MIRADOR_DISSECT_THREADS: String(threads) }, maxBuffer: 512 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
}

/** Where two outputs first differ, as the two lines there (for a readable failure). */
function firstDifference(one: Buffer, two: Buffer): string {
  const a = one.toString('utf8').split('\n');
  const b = two.toString('utf8').split('\n');
  for (let index = 0; index < Math.max(a.length, b.length); index++) if (a[index] !== b[index]) return `line ${index + 1}:\n  1 thread:  ${a[index]}\n  2 threads: ${b[index]}`;
  return 'none';
}

describe.skipIf(!built.ok)('mirador dissect on two threads', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  let mixed: string;
  let frameCount = 0;

  beforeAll(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'mirador-two-threads-'));
    env = isolatedEnv(home);
    // Every fixture's frames, the fixtures taking turns frame by frame, 40 rounds; one interface per link type.
    const fixtures = readdirSync(CAPTURES).filter((name) => name.endsWith('.pcap') || name.endsWith('.pcapng')).sort();
    const framesOf = fixtures.map((name) => {
      const frames: CaptureFrame[] = [];
      readCaptureFile(path.join(CAPTURES, name), (frame) => frames.push({ ...frame, data: Buffer.from(frame.data) }));
      return frames;
    });
    const linkTypes = [...new Set(framesOf.flat().map((frame) => frame.linkType))];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const out: (Pick<CaptureFrame, 'data' | 'originalLength' | 'seconds' | 'nanoseconds'> & { interfaceId: number })[] = [];
    const longest = Math.max(...framesOf.map((frames) => frames.length));
    for (let round = 0; round < 40; round++) {
      for (let index = 0; index < longest; index++) {
        for (const frames of framesOf) {
          const frame = frames[index];
          if (!frame) continue;
          let data = frame.data;
          // One frame in nine with a few bytes flipped in its headers: other conversations, broken ones, none at all.
          if (random() < 0.11) {
            data = Buffer.from(data);
            for (let flips = 1 + Math.floor(random() * 3); flips > 0 && data.length > 0; flips--) data[Math.floor(random() * Math.min(data.length, 64))] ^= 1 << Math.floor(random() * 8);
          }
          const micros = out.length * 37;
          out.push({ data, originalLength: frame.originalLength, seconds: 1_700_000_000 + Math.floor(micros / 1e6), nanoseconds: (micros % 1e6) * 1000, interfaceId: linkTypes.indexOf(frame.linkType) });
        }
      }
    }
    frameCount = out.length;
    mixed = path.join(home, 'mixed.pcapng');
    writeFileSync(mixed, encodePcapng(linkTypes.map((linkType) => ({ linkType })), out));
  });

  it('prints the same bytes as one thread on a capture of several batches: every link type, conversations interleaved, mutated frames', () => {
    // Several batches of the two-thread listing (8k frames each), so conversations cross batch boundaries.
    expect(frameCount).toBeGreaterThan(40_000);
    const one = dissect(mixed, 1, env);
    const two = dissect(mixed, 2, env);
    expect(one.status).toBe(0);
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    expect(one.stdout.toString('utf8').split('\n').length).toBe(frameCount + 1);
    expect(firstDifference(one.stdout, two.stdout)).toBe('none');
  });

  it('prints the same bytes as one thread for every fixture capture', () => {
    for (const name of readdirSync(CAPTURES).filter((file) => file.endsWith('.pcap') || file.endsWith('.pcapng'))) {
      const one = dissect(path.join(CAPTURES, name), 1, env);
      const two = dissect(path.join(CAPTURES, name), 2, env);
      expect(`${name}: ${two.status} ${two.stderr}`).toBe(`${name}: ${one.status} ${one.stderr}`);
      expect(`${name}: ${firstDifference(one.stdout, two.stdout)}`).toBe(`${name}: none`);
    }
  });

  it('a capture cut short: the same good frames, then the same one-line error and exit 1', () => {
    const cut = path.join(home, 'cut.pcapng');
    const whole = spawnSync('head', ['-c', '3000001', mixed]).stdout;
    writeFileSync(cut, whole);
    const one = dissect(cut, 1, env);
    const two = dissect(cut, 2, env);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stderr).toMatch(/^mirador dissect: .*cut\.pcapng: .* \(after \d+ good frames\)\n$/);
    expect(firstDifference(one.stdout, two.stdout)).toBe('none');
  });

  it('MIRADOR_DISSECT_THREADS=2 without the worker script built: one line saying what to do, exit 1, nothing listed', () => {
    const app = path.join(home, 'app-without-worker');
    cpSync(path.join(APP_ROOT, 'out', 'main'), path.join(app, 'out', 'main'), { recursive: true });
    rmSync(path.join(app, 'out', 'main', 'dissect-worker.js'));
    cpSync(path.join(APP_ROOT, 'package.json'), path.join(app, 'package.json'));
    symlinkSync(path.join(APP_ROOT, 'node_modules'), path.join(app, 'node_modules'));
    const run = spawnSync(process.execPath, [path.join(app, 'out', 'main', 'cli.js'), 'dissect', mixed], { env: { ...env, MIRADOR_DISSECT_THREADS: '2' }, encoding: 'utf8' });
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`mirador dissect: MIRADOR_DISSECT_THREADS=2 needs ${path.join(app, 'out', 'main', 'dissect-worker.js')}, which is missing: run \`npm run build\`\n`);
    expect(run.status).toBe(1);
    // Unset, the same build lists on one thread.
    const plain = spawnSync(process.execPath, [path.join(app, 'out', 'main', 'cli.js'), 'dissect', mixed], { env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    expect(plain.status).toBe(0);
    expect(plain.stdout.split('\n').length).toBe(frameCount + 1);
  });

  it('stops quietly, with status 0, when the reader of its pipe goes away (`| head`)', async () => {
    const child = spawn(process.execPath, [CLI_ENTRY, 'dissect', mixed], { env: { ...env, MIRADOR_DISSECT_THREADS: '2' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
