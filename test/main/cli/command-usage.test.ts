// `mirador CMD --help` and a wrong option of CMD show CMD's own usage; a wrong or missing command shows the whole list.
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../../main/cli/cli-command';
import { runCommandLine } from '../../../main/cli/command-dispatcher';
import { commandUsage, USAGE } from '../../../main/cli/usage-text';

async function runInProcess(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const context: CliContext = { appRoot: '/nonexistent', version: '0.0.0', env: process.env, stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line) };
  const code = await runCommandLine(args, context);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

const COMMANDS = ['start', 'web', 'build', 'doctor', 'targets', 'run', 'dissect', 'notebook', 'new', 'debug-adapter'];

describe('commandUsage', () => {
  it('gives the synopsis on the Usage line and the description under it', () => {
    expect(commandUsage('dissect')).toBe(
      [
        'Usage: mirador dissect FILE [--filter EXPR] [--json] [-n] [--no-reassembly]',
        '',
        '  summary lines of a pcap/pcapng capture (like tshark; - reads stdin), or the',
        '  detail trees as JSON; -n: MAC addresses as numbers, --no-reassembly: IP',
        '  fragments one by one (as tshark -o ip.defragment:FALSE)',
        '',
        'Run `mirador --help` for every command.',
      ].join('\n'),
    );
  });

  it('keeps a synopsis over several lines aligned, and a description over several lines together', () => {
    const run = commandUsage('run')!.split('\n');
    expect(run[0]).toMatch(/^Usage: mirador run \[--config NAME\] \| --target T --kernel FILE .*\[--accel auto\|kvm\|tcg\]$/);
    expect(run[1]).toBe(`${' '.repeat('Usage: mirador '.length)}[--net user|none|tap:NAME] [--pcap FILE] [--syslog] [--until REGEX] [--timeout SEC]`);
    expect(run[3]).toBe("  boot a unikernel, console on stdout; exits with the guest's status");
    const notebook = commandUsage('notebook')!.split('\n');
    expect(notebook.slice(0, 5)).toEqual([
      'Usage: mirador notebook run IN.ipynb [--output OUT.ipynb] [--timeout SEC]',
      '',
      '  run every code cell (OCaml, and the magics %%file %build %run %targets %doctor',
      '  on this folder), save outputs; non-zero at the first failing cell',
      '',
    ]);
  });

  it('has an entry for every command, and none for a name that is not one', () => {
    for (const command of COMMANDS) expect(commandUsage(command), command).toMatch(new RegExp(`^Usage: mirador ${command}\\b`));
    expect(commandUsage('nope')).toBeUndefined();
    expect(commandUsage('json')).toBeUndefined();
  });
});

describe('usage on the command line', () => {
  it.each(COMMANDS)('`mirador %s --help` prints that command’s usage on stdout and exits 0', async (command) => {
    const run = await runInProcess([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(commandUsage(command));
    expect(run.stderr).toBe('');
  });

  it('a wrong option of a command: one line saying what, then that command’s usage, exit 2', async () => {
    const run = await runInProcess(['dissect']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`mirador dissect: missing FILE (a pcap or pcapng capture)\n${commandUsage('dissect')}`);
    const doctor = await runInProcess(['doctor', '--jsno']);
    expect(doctor.stderr).toBe(`mirador doctor: unknown option --jsno\n${commandUsage('doctor')}`);
  });

  it('a wrong or missing command: the whole list', async () => {
    for (const args of [['frob'], [], ['--bogus']]) {
      const run = await runInProcess(args);
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n').slice(1).join('\n')).toBe(USAGE.trimEnd());
    }
    const help = await runInProcess(['--help']);
    expect(help.stdout).toBe(USAGE.trimEnd());
  });
});
