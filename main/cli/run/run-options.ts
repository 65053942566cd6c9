// Reads `mirador run`'s options into launch arguments and run controls; any bad value is a one-line error (exit 2).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Accelerator, LaunchArguments, NetworkArguments } from '../../api/launch-protocol';
import { CliError } from '../cli-error';
import { parseCommandOptions } from '../parse-command-options';

export interface RunOptions {
  /** Launch fields given on the command line: a whole launch (with --target/--kernel) or overrides of a configuration. */
  launch: Partial<LaunchArguments>;
  /** Use a run configuration of the folder: --config NAME, or the first one when no --target/--kernel is given. */
  configuration: { name?: string } | null;
  until?: RegExp;
  timeoutMs?: number;
  /** Absolute path the guest's traffic is written to. */
  pcap?: string;
  /** Print the syslog messages the guest sends over the network (logs-syslog), and let --until match them. */
  syslog?: boolean;
}

const ACCELERATORS: readonly Accelerator[] = ['auto', 'kvm', 'tcg'];
const INTERFACE_NAME = /^[^\s/:]{1,15}$/;
const MAX_MEMORY_MIB = 1024 * 1024;

export function parseRunOptions(args: string[], cwd: string): RunOptions {
  const values = parseCommandOptions(args, {
    config: { type: 'string' },
    target: { type: 'string' },
    kernel: { type: 'string' },
    initrd: { type: 'string' },
    append: { type: 'string' },
    mem: { type: 'string' },
    accel: { type: 'string' },
    net: { type: 'string' },
    pcap: { type: 'string' },
    syslog: { type: 'boolean' },
    until: { type: 'string' },
    timeout: { type: 'string' },
  });
  const launch: Partial<LaunchArguments> = {};
  if (values.target !== undefined) {
    if (!/^[a-z][a-z0-9-]*$/.test(values.target)) throw new CliError(`--target ${JSON.stringify(values.target)} is not a target id; \`mirador targets\` lists them`, 2);
    launch.target = values.target;
  }
  if (values.kernel !== undefined) launch.kernel = existingFile('--kernel', values.kernel, cwd);
  if (values.initrd !== undefined) launch.initrd = existingFile('--initrd', values.initrd, cwd);
  if (values.append !== undefined) launch.append = values.append;
  if (values.mem !== undefined) launch.memory = memory(values.mem);
  if (values.accel !== undefined) {
    if (!(ACCELERATORS as readonly string[]).includes(values.accel)) throw new CliError(`--accel must be auto, kvm or tcg, not ${values.accel}`, 2);
    launch.accel = values.accel as Accelerator;
  }
  if (values.net !== undefined) launch.network = network(values.net);
  let pcap: string | undefined;
  if (values.pcap !== undefined) {
    pcap = path.resolve(cwd, values.pcap);
    if (!existsSync(path.dirname(pcap))) throw new CliError(`--pcap ${values.pcap}: the folder ${path.dirname(pcap)} does not exist`, 2);
    launch.capture = true;
  }
  if (values.syslog === true) launch.capture = true;
  const adHoc = values.target !== undefined || values.kernel !== undefined;
  if (adHoc && values.config === undefined) {
    if (launch.target === undefined) throw new CliError('--kernel needs --target (e.g. --target qemu); `mirador targets` lists them', 2);
    if (launch.kernel === undefined) throw new CliError(`--target ${launch.target} needs --kernel FILE, the image to boot`, 2);
  }
  return {
    launch,
    configuration: adHoc && values.config === undefined ? null : { name: values.config },
    until: values.until === undefined ? undefined : untilPattern(values.until),
    timeoutMs: values.timeout === undefined ? undefined : seconds(values.timeout) * 1000,
    pcap,
    syslog: values.syslog === true,
  };
}

function existingFile(option: string, file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  let isFile = false;
  try {
    isFile = statSync(absolute).isFile();
  } catch {
    throw new CliError(`${option} ${file}: no such file (looked at ${absolute})`, 2);
  }
  if (!isFile) throw new CliError(`${option} ${file}: not a file`, 2);
  return absolute;
}

function memory(text: string): number {
  const mib = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(mib) || mib < 1 || mib > MAX_MEMORY_MIB) throw new CliError(`--mem takes the guest's memory in MiB, a whole number from 1 to ${MAX_MEMORY_MIB}, not ${text}`, 2);
  return mib;
}

function network(text: string): NetworkArguments {
  if (text === 'user' || text === 'none') return { mode: text };
  const tap = /^tap:(.*)$/.exec(text);
  if (tap && INTERFACE_NAME.test(tap[1]!)) return { mode: 'tap', tap: tap[1]! };
  throw new CliError(`--net must be user, none or tap:NAME (a host tap device such as tap:tap100), not ${text}`, 2);
}

function untilPattern(text: string): RegExp {
  try {
    return new RegExp(text);
  } catch (error) {
    throw new CliError(`--until ${text}: not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`, 2);
  }
}

function seconds(text: string): number {
  const value = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(value > 0) || value > 24 * 3600 * 365) throw new CliError(`--timeout takes seconds, a number above 0 (e.g. 5 or 0.5), not ${text}`, 2);
  return value;
}
