// Tests the example C unikernel for real: its Makefile builds a Multiboot ELF32 with DWARF, and QEMU (TCG) boots it.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToExit } from './run-to-exit';

const EXAMPLE = path.resolve(import.meta.dirname, '../../resources/examples/c-hello');
const QEMU = 'qemu-system-x86_64';
const BOOT_DEADLINE_MS = 20_000;
const MULTIBOOT_HEADER_MAGIC = 0x1badb002;

/** mirage-logs >= 2.0: `<RFC 3339 time>: [LEVEL] [source] message`, with the UTC offset the guest's RTC implies. */
const LOG_LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00): \[([A-Z]+)\] \[([a-z]+)\] (.*)$/;

let project: string;
let image: string;

function qemuArgs(extra: string[] = []): string[] {
  return ['-nodefaults', '-display', 'none', '-serial', 'stdio', '-accel', 'tcg', '-m', '32', '-kernel', image,
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', '-no-reboot', ...extra];
}

interface LogRecord {
  time: string;
  level: string;
  source: string;
  message: string;
}

/** Serial lines end in CR LF (a UART talks to a terminal); every one must parse as a MirageOS log line. */
function parseConsole(stdout: string): LogRecord[] {
  expect(stdout.endsWith('\r\n')).toBe(true);
  const lines = stdout.slice(0, -2).split('\r\n');
  return lines.map((line) => {
    const match = LOG_LINE.exec(line);
    if (!match) throw new Error(`not a MirageOS log line: ${JSON.stringify(line)}`);
    return { time: match[1], level: match[2], source: match[3], message: match[4] };
  });
}

function expectedRecords(commandLine: string, exitCode: number): Array<Omit<LogRecord, 'time'>> {
  return [
    { level: 'INFO', source: 'boot', message: 'multiboot entry' },
    { level: 'INFO', source: 'boot', message: 'serial ready' },
    { level: 'INFO', source: 'boot', message: expect.stringMatching(/^memory: 639 KiB low, 3\d{4} KiB high$/) }, // -m 32
    { level: 'INFO', source: 'boot', message: `command line: "${commandLine}"` },
    { level: 'INFO', source: 'application', message: 'hello from a C unikernel' },
    { level: 'INFO', source: 'application', message: expect.stringMatching(/^kernel_main at 0x[0-9a-f]{8}, stack top at 0x[0-9a-f]{8}$/) },
    { level: 'INFO', source: 'application', message: 'self-test: fibonacci(20) = 6765 \x1b[32mok\x1b[0m' },
    { level: 'WARNING', source: 'application', message: 'no network device: this example only uses the serial console' },
    { level: 'INFO', source: 'application', message: `done, exiting with ${exitCode}` },
  ];
}

beforeAll(async () => {
  project = mkdtempSync(path.join(os.tmpdir(), 'mirador-c-hello-'));
  cpSync(EXAMPLE, project, { recursive: true, filter: (source) => path.basename(source) !== '_build' });
  const build = await runToExit('make', [], { cwd: project, timeoutMs: 20_000 });
  expect(build.status, `make failed:\n${build.stdout}${build.stderr}`).toBe(0);
  image = path.join(project, '_build', 'hello.elf');
}, 30_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('resources/examples/c-hello build', () => {
  it('is a 32-bit x86 ELF whose entry point is _start', async () => {
    const bytes = readFileSync(image);
    expect([...bytes.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(bytes[4]).toBe(1); // EI_CLASS: ELFCLASS32, the only ELF class QEMU's multiboot loader takes
    expect(bytes[5]).toBe(1); // EI_DATA: little-endian
    expect(bytes.readUInt16LE(16)).toBe(2); // e_type: ET_EXEC
    expect(bytes.readUInt16LE(18)).toBe(3); // e_machine: EM_386

    const symbols = await runToExit('nm', [image], { timeoutMs: 10_000 });
    expect(symbols.status).toBe(0);
    const start = /^([0-9a-f]{8}) T _start$/m.exec(symbols.stdout);
    expect(start, symbols.stdout).not.toBeNull();
    expect(symbols.stdout).toMatch(/^[0-9a-f]{8} T kernel_main$/m);
    expect(bytes.readUInt32LE(24)).toBe(parseInt(start![1], 16)); // e_entry
  });

  it('carries a valid Multiboot v1 header in its first 8 KiB', () => {
    const head = readFileSync(image).subarray(0, 8192);
    const offsets: number[] = [];
    for (let offset = 0; offset + 12 <= head.length; offset += 4) {
      if (head.readUInt32LE(offset) === MULTIBOOT_HEADER_MAGIC) offsets.push(offset);
    }
    expect(offsets).toHaveLength(1);
    const flags = head.readUInt32LE(offsets[0] + 4);
    const checksum = head.readUInt32LE(offsets[0] + 8);
    expect(flags).toBe(0x3); // page-aligned modules + memory info; no a.out kludge, so the ELF headers are used
    expect((MULTIBOOT_HEADER_MAGIC + flags + checksum) >>> 0).toBe(0);
  });

  it('has DWARF debug information with source lines for C and assembly', async () => {
    const sections = await runToExit('readelf', ['-S', '-W', image], { timeoutMs: 10_000 });
    expect(sections.status).toBe(0);
    expect(sections.stdout).toMatch(/\] \.debug_info\s+PROGBITS/);
    expect(sections.stdout).toMatch(/\] \.debug_line\s+PROGBITS/);
    const lines = await runToExit('readelf', ['--debug-dump=decodedline', image], { timeoutMs: 10_000 });
    expect(lines.stdout).toContain('kernel.c');
    expect(lines.stdout).toContain('boot.S');
  });

  it('make clean removes what make built', async () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'mirador-c-hello-clean-'));
    try {
      cpSync(EXAMPLE, copy, { recursive: true, filter: (source) => path.basename(source) !== '_build' });
      const build = await runToExit('make', ['BUILD=out'], { cwd: copy, timeoutMs: 20_000 });
      expect(build.status, build.stderr).toBe(0);
      expect(existsSync(path.join(copy, 'out', 'hello.elf'))).toBe(true);
      const clean = await runToExit('make', ['BUILD=out', 'clean'], { cwd: copy, timeoutMs: 10_000 });
      expect(clean.status, clean.stderr).toBe(0);
      expect(existsSync(path.join(copy, 'out'))).toBe(false);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('resources/examples/c-hello boot under QEMU (TCG)', () => {
  // No skip when QEMU is missing: each boot test fails with runToExit's install hint, and CI installs QEMU.
  it('logs its boot phases in MirageOS format and exits 0 through isa-debug-exit (QEMU status 1)', async () => {
    const before = Date.now();
    const run = await runToExit(QEMU, qemuArgs(), { timeoutMs: BOOT_DEADLINE_MS });
    expect(run.timedOut, `no exit within ${BOOT_DEADLINE_MS} ms; console:\n${run.stdout}`).toBe(false);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1); // (0 << 1) | 1

    const records = parseConsole(run.stdout);
    // QEMU passes the kernel path, then the -append text (empty here), as the Multiboot command line.
    expect(records.map(({ time: _time, ...rest }) => rest)).toEqual(expectedRecords(`${image} `, 0));
    // The timestamps come from the guest's RTC, which QEMU starts at the host's UTC time.
    for (const record of records) {
      const time = Date.parse(record.time);
      expect(time).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 2000);
      expect(time).toBeLessThanOrEqual(Date.now() + 2000);
    }
  }, 30_000);

  it('exits with the code given by -append exit=3 (QEMU status 7)', async () => {
    const run = await runToExit(QEMU, qemuArgs(['-append', 'exit=3']), { timeoutMs: BOOT_DEADLINE_MS });
    expect(run.timedOut, `no exit within ${BOOT_DEADLINE_MS} ms; console:\n${run.stdout}`).toBe(false);
    expect(run.status).toBe(7); // (3 << 1) | 1
    expect(parseConsole(run.stdout).map(({ time: _time, ...rest }) => rest)).toEqual(expectedRecords(`${image} exit=3`, 3));
  }, 30_000);

  it('warns about an exit code it cannot report and exits 0 instead', async () => {
    const run = await runToExit(QEMU, qemuArgs(['-append', 'exit=200']), { timeoutMs: BOOT_DEADLINE_MS });
    expect(run.status).toBe(1);
    const records = parseConsole(run.stdout).map(({ time: _time, ...rest }) => rest);
    expect(records[4]).toEqual({ level: 'WARNING', source: 'boot', message: 'ignoring the exit= option: it takes a number from 0 to 127' });
    expect(records.at(-1)).toEqual({ level: 'INFO', source: 'application', message: 'done, exiting with 0' });
  }, 30_000);
});
