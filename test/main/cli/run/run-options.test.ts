// `mirador run` options: launch arguments from flags, defaults left to the target, and one clear line for each bad value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../../../main/cli/cli-error';
import { withCaptureNetwork } from '../../../../main/cli/run/pcap-network';
import { parseRunOptions } from '../../../../main/cli/run/run-options';

// Made when the file loads: the it.each tables below name it.
const dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-run-options-'));

beforeAll(() => {
  writeFileSync(path.join(dir, 'kernel.elf'), '');
  writeFileSync(path.join(dir, 'initrd.cpio'), '');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseRunOptions', () => {
  it('turns every launch flag into launch arguments with absolute paths', () => {
    const options = parseRunOptions(
      ['--target', 'qemu', '--kernel', 'kernel.elf', '--initrd', 'initrd.cpio', '--append', 'exit=3 -l *:debug', '--mem', '64', '--accel', 'tcg', '--net', 'tap:tap100', '--until', 'ready$', '--timeout', '2.5', '--pcap', 'out.pcap', '--syslog'],
      dir,
    );
    expect(options).toEqual({
      launch: {
        target: 'qemu',
        kernel: path.join(dir, 'kernel.elf'),
        initrd: path.join(dir, 'initrd.cpio'),
        append: 'exit=3 -l *:debug',
        memory: 64,
        accel: 'tcg',
        network: { mode: 'tap', tap: 'tap100' },
        capture: true,
      },
      configuration: null,
      until: /ready$/,
      timeoutMs: 2500,
      pcap: path.join(dir, 'out.pcap'),
      syslog: true,
    });
    // --syslog alone records the guest's network too (its messages come from the capture).
    expect(parseRunOptions(['--config', 'x', '--syslog'], dir)).toMatchObject({ launch: { capture: true }, syslog: true });
  });

  it('uses a run configuration without --target/--kernel, or with --config (other flags then override it)', () => {
    expect(parseRunOptions([], dir)).toEqual({ launch: {}, configuration: { name: undefined }, until: undefined, timeoutMs: undefined, pcap: undefined, syslog: false });
    expect(parseRunOptions(['--config', 'Hello', '--mem', '32'], dir)).toMatchObject({ launch: { memory: 32 }, configuration: { name: 'Hello' } });
  });

  it.each([
    [['--target', 'qemu', '--kernel', 'nope.elf'], `--kernel nope.elf: no such file (looked at ${path.sep}`],
    [['--target', 'qemu', '--kernel', '.'], '--kernel .: not a file'],
    [['--target', 'Q EMU', '--kernel', 'kernel.elf'], '--target "Q EMU" is not a target id; `mirador targets` lists them'],
    [['--target', 'qemu'], '--target qemu needs --kernel FILE, the image to boot'],
    [['--mem', '0'], "--mem takes the guest's memory in MiB, a whole number from 1 to 1048576, not 0"],
    [['--timeout=-1'], '--timeout takes seconds, a number above 0 (e.g. 5 or 0.5), not -1'],
    [['--timeout', 'soon'], '--timeout takes seconds, a number above 0 (e.g. 5 or 0.5), not soon'],
    [['--net', 'tap:'], '--net must be user, none or tap:NAME (a host tap device such as tap:tap100), not tap:'],
    [['--until', '[z-a]'], '--until [z-a]: not a valid regular expression (/[z-a]/: Range out of order in character class)'],
    [['--pcap', 'no/such/folder/x.pcap'], `--pcap no/such/folder/x.pcap: the folder ${dir}/no/such/folder does not exist`],
  ])('%j fails with one line', (args, message) => {
    let error: unknown;
    try {
      parseRunOptions(args, dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message.slice(0, message.length)).toBe(message);
  });
});

describe('withCaptureNetwork', () => {
  it('records on user-mode networking unless the launch has a network', () => {
    expect(withCaptureNetwork({ target: 'qemu' }, '--pcap')).toEqual({ target: 'qemu', capture: true, network: { mode: 'user' } });
    expect(withCaptureNetwork({ target: 'qemu', network: { mode: 'tap', tap: 'tap0' } }, '--syslog').network).toEqual({ mode: 'tap', tap: 'tap0' });
  });

  it('refuses a launch without network', () => {
    expect(() => withCaptureNetwork({ target: 'qemu', network: { mode: 'none' } }, '--pcap')).toThrow("--pcap records the guest's network");
    expect(() => withCaptureNetwork({ target: 'qemu', network: { mode: 'none' } }, '--syslog')).toThrow("--syslog records the guest's network");
  });
});
