// `mirador dissect` (built CLI): tshark's own lines on real traffic, filters, --json trees, damaged files, bad filters.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetailNode } from '../../../main/services/dissect/dissection';
import { CAPTURES, LINUX_GUEST, LOOPBACK, SYNTHETIC, tool } from '../services/capture/tshark-runner';
import { CLI_ENTRY, ensureAppBuilt } from './app-build';
import { isolatedEnv, runCli } from './cli-process';

const built = ensureAppBuilt();
const ready = built.ok && spawnSync(process.execPath, [CLI_ENTRY, 'dissect', '--help']).status === 0;
if (!ready) console.warn(`SKIPPED built \`mirador dissect\`: ${built.ok ? 'out/ predates the dissect command; run `npx electron-vite build`' : built.reason}`);

describe.skipIf(!ready)('mirador dissect (built CLI)', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'mirador-dissect-home-'));
    env = isolatedEnv(home);
  });
  afterAll(() => undefined);

  /** The loopback capture's 31 frames `times` over, as one pcap in the test's home. */
  function loopbackRepeated(name: string, times: number): string {
    const bytes = readFileSync(LOOPBACK);
    const file = path.join(home, name);
    writeFileSync(file, Buffer.concat([bytes.subarray(0, 24), ...Array.from({ length: times }, () => bytes.subarray(24))]));
    return file;
  }

  it('prints exactly the lines `tshark -r` prints for the loopback capture', async () => {
    const run = await runCli(['dissect', LOOPBACK], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const reference = tool('tshark', ['-r', LOOPBACK]);
    expect(run.stdout.split('\n')).toEqual(reference.split('\n'));
  });

  // Its defaults are tshark's (IP fragments put together, MAC addresses named); -n --no-reassembly turn both off, as
  // tshark -n -o ip.defragment:FALSE -o ipv6.defragment:FALSE does.
  it.each([
    ['tshark -r (its defaults)', [], []],
    ['tshark -n, reassembly off', ['-n', '--no-reassembly'], ['-n', '-o', 'ip.defragment:FALSE', '-o', 'ipv6.defragment:FALSE']],
  ])('prints the lines %s prints for every fixture capture', async (_peer, ours, theirs) => {
    const files = readdirSync(CAPTURES).filter((name) => name.endsWith('.pcap') || name.endsWith('.pcapng'));
    expect(files.length).toBeGreaterThan(10);
    expect(files).toEqual(expect.arrayContaining(['ip-fragments.pcap', 'mac-names.pcap']));
    for (const name of files) {
      const file = path.join(CAPTURES, name);
      const run = await runCli(['dissect', file, ...ours], env);
      expect(`${name}: ${run.code} ${run.stderr}`).toBe(`${name}: 0 `);
      // tshark 4.0 glues its exception's name to the mark of a fragment's truncated contents ("[BoundErrorUnreassembled Packet]").
      const reference = tool('tshark', [...theirs, '-r', file]).replaceAll('[BoundErrorUnreassembled Packet]', ' [Unreassembled Packet]').split('\n');
      const lines = run.stdout.split('\n');
      // synthetic.pcap frame 13 is a DNS name pointing at itself: tshark shows a placeholder, Mirador calls it malformed.
      const known = (line: string) => name === 'synthetic.pcap' && /^ +13 /.test(line);
      expect(lines.filter((line) => !known(line)).map((line) => `${name}: ${line}`)).toEqual(reference.filter((line) => !known(line)).map((line) => `${name}: ${line}`));
    }
  });

  it('names a MAC address from the user’s ethers file as Wireshark does (~/.config/wireshark/ethers), and not with -n', async () => {
    const named = mkdtempSync(path.join(os.tmpdir(), 'mirador-ethers-home-'));
    mkdirSync(path.join(named, '.config', 'wireshark'), { recursive: true });
    writeFileSync(path.join(named, '.config', 'wireshark', 'ethers'), '52:54:00:12:34:56   my-unikernel   # the guest\n');
    const namedEnv = isolatedEnv(named);
    const run = await runCli(['dissect', LINUX_GUEST], namedEnv);
    expect(run.code).toBe(0);
    const reference = spawnSync('tshark', ['-r', LINUX_GUEST], { encoding: 'utf8', env: namedEnv }).stdout;
    expect(reference).toContain('my-unikernel → Broadcast');
    expect(run.stdout.split('\n')).toEqual(reference.split('\n'));
    const numeric = await runCli(['dissect', LINUX_GUEST, '-n'], namedEnv);
    expect(numeric.stdout).not.toContain('my-unikernel');
    expect(numeric.stdout).toContain('52:54:00:12:34:56 → ff:ff:ff:ff:ff:ff');
  });

  it('--filter keeps the frames `tshark -Y` keeps, numbered and timed as in the whole file', async () => {
    for (const filter of ['dns || icmp', 'tcp.flags.syn == 1', 'ip.addr == 10.0.2.0/24 && !arp']) {
      for (const file of [LOOPBACK, SYNTHETIC]) {
        const run = await runCli(['dissect', file, '--filter', filter], env);
        expect(run.code).toBe(0);
        const ours = run.stdout.split('\n').filter(Boolean).map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '));
        const theirs = tool('tshark', ['-r', file, '-Y', filter]).split('\n').filter(Boolean).map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '));
        expect(ours).toEqual(theirs);
      }
    }
  });

  it('--json emits the detail trees with byte ranges, and the filter each line stands for', async () => {
    const run = await runCli(['dissect', '--json', SYNTHETIC, '--filter', 'arp'], env);
    expect(run.code).toBe(0);
    const records = JSON.parse(run.stdout) as { number: number; protocol: string; info: string; tree: DetailNode[] }[];
    expect(records.map((record) => [record.number, record.protocol, record.info])).toEqual([
      [1, 'ARP', 'Who has 10.0.2.2? Tell 10.0.2.15'],
      [2, 'ARP', '10.0.2.2 is at 52:55:0a:00:02:02'],
    ]);
    expect(records[0]!.tree[2]!.children!.find((node) => node.label === 'Target IP address: 10.0.2.2')).toEqual({ label: 'Target IP address: 10.0.2.2', start: 38, length: 4, filter: 'arp.dst.proto_ipv4 == 10.0.2.2' });
    expect(records[0]!.tree[2]).toMatchObject({ label: 'Address Resolution Protocol', filter: 'arp' });
  });

  it('a truncated file: the frames before the damage, one line on stderr, exit 1, no stack trace', async () => {
    const truncated = path.join(home, 'truncated.pcap');
    writeFileSync(truncated, readFileSync(LOOPBACK).subarray(0, 1000));
    const run = await runCli(['dissect', truncated], env);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines).toEqual(tool('tshark', ['-r', LOOPBACK]).split('\n').slice(0, lines.length));
    expect(run.stderr).toMatch(new RegExp(`^mirador dissect: ${truncated}: pcap file cut short in the middle of a record \\(\\d+ bytes left over\\) at byte \\d+ \\(after ${lines.length} good frames\\)\\n$`));
  });

  it('reads standard input for `-`, as tshark -r - does (a capture piped from tcpdump -w -), and names it in errors', () => {
    const piped = spawnSync(process.execPath, [CLI_ENTRY, 'dissect', '-'], { env, input: readFileSync(SYNTHETIC), encoding: 'utf8' });
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(spawnSync(process.execPath, [CLI_ENTRY, 'dissect', SYNTHETIC], { env, encoding: 'utf8' }).stdout);
    const filtered = spawnSync(process.execPath, [CLI_ENTRY, 'dissect', '--filter', 'arp', '-'], { env, input: readFileSync(SYNTHETIC), encoding: 'utf8' });
    expect(filtered.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    const junk = spawnSync(process.execPath, [CLI_ENTRY, 'dissect', '-'], { env, input: 'not a capture', encoding: 'utf8' });
    expect(junk.status).toBe(1);
    expect(junk.stderr).toMatch(/^mirador dissect: standard input: .* \(after 0 good frames\)\n$/);
  });

  it('from a pipe, prints the frames that came before the rest arrives (a live tcpdump -w -)', async () => {
    const bytes = readFileSync(LOOPBACK);
    const child = spawn(process.execPath, [CLI_ENTRY, 'dissect', '-'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    // The file header and the first record (24 + 16 + 80 bytes: frame 1 is 80 bytes), then nothing for a while.
    child.stdin.write(bytes.subarray(0, 120));
    const deadline = Date.now() + 10_000;
    while (!stdout.includes('\n') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stdout).toMatch(/^ +1 +0\.000000 .* DNS 80 Standard query 0x1234 A example\.mirador\.test\n$/);
    child.stdin.end(bytes.subarray(120));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(31);
  });

  it('a missing file or a bad filter is one clear line (exit 1 / exit 2 with the column)', async () => {
    const missing = await runCli(['dissect', path.join(home, 'nope.pcap')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`mirador dissect: ${path.join(home, 'nope.pcap')}: cannot open ${path.join(home, 'nope.pcap')}: no such file (after 0 good frames)\n`);
    const bad = await runCli(['dissect', LOOPBACK, '--filter', 'ip.addr == 10.0.0.300'], env);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n').slice(0, 3)).toEqual(['mirador dissect: invalid filter at column 12: "10.0.0.300" is not a valid IPv4 address', '  ip.addr == 10.0.0.300', '             ^']);
  });

  it('waits for a slow pipe, neither queueing its output nor exiting before it is read: the capture is read as fast as lines are taken', async () => {
    // About 13 MB of capture and 20 MB of lines: a command that queued its output would have read all of it by now.
    const big = loopbackRepeated('large.pcap', 6500);
    const child = spawn(process.execPath, [CLI_ENTRY, 'dissect', big], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // rchar: every byte the process read so far (its own modules too, a few MB).
    const readSoFar = Number(/rchar: (\d+)/.exec(readFileSync(`/proc/${child.pid}/io`, 'utf8'))![1]);
    expect(child.exitCode).toBeNull();
    expect(readSoFar).toBeLessThan(statSync(big).size / 2);
    let lines = 0;
    child.stdout.setEncoding('utf8').on('data', (text: string) => (lines += text.split('\n').length - 1));
    child.stdout.resume();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(lines).toBe(6500 * 31);
  });

  it('says the output failed, in one line without a stack, when it cannot be written (a full disk: /dev/full)', () => {
    for (const file of [LOOPBACK, loopbackRepeated('for-full.pcap', 500)]) {
      const run = spawnSync(process.execPath, [CLI_ENTRY, 'dissect', file], { env, encoding: 'utf8', stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'] });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe('mirador dissect: cannot write the output: ENOSPC: no space left on device, write\n');
    }
  });

  it('stops quietly, with status 0, when the reader of its pipe goes away (`| head`)', async () => {
    const big = loopbackRepeated('for-head.pcap', 3000);
    const child = spawn(process.execPath, [CLI_ENTRY, 'dissect', big], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const firstLine = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8').split('\n')[0]!)));
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(firstLine).toMatch(/^ +1 +0\.000000 /);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
