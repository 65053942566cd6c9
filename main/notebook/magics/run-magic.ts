// `%run [CONFIG] [--until REGEX] [--timeout S]`: boots a run configuration through the debug adapter exactly as `mirador run`
// does (the same GuestRun, after the same preLaunchTask build), with the serial console inline, colours kept, and a
// one-line summary.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUILD_TASK, type LaunchArguments } from '../../api/launch-protocol';
import { CliError } from '../../cli/cli-error';
import { GuestRun, TIMEOUT_STATUS } from '../../cli/run/guest-run';
import { chooseRunConfiguration } from '../../cli/run/run-configuration-choice';
import { MagicFailure, requireWorkspace, summary, type Magic } from '../magic-context';
import { buildMagic } from './build-magic';
import { summarizeCapture } from './capture-summary';

const USAGE = 'usage: %run [CONFIG] [--until REGEX] [--timeout SECONDS], e.g. %run --until "exiting with 0" --timeout 30';
/** Exit status of a run stopped by an interrupt (as a shell reports SIGINT). */
const INTERRUPTED_STATUS = 130;

export const runMagic: Magic = async (args, context) => {
  const options = parseRunMagicArguments(args);
  const workspace = requireWorkspace(context, '%run');
  let launch: LaunchArguments;
  let problems: string[];
  try {
    ({ launch, problems } = await chooseRunConfiguration(workspace, options.config, {}));
  } catch (error) {
    if (error instanceof CliError) throw new MagicFailure('RunError', error.message);
    throw error;
  }
  for (const problem of problems) context.emit({ output_type: 'stream', name: 'stderr', text: `warning: ${problem}\n` });
  // "preLaunchTask": "mirador: build", as the IDE and `mirador run` honour it: a failed build fails the cell, nothing runs.
  if (launch.preLaunchTask === BUILD_TASK) await buildMagic([launch.target], context, '');
  const name = launch.name ?? launch.target;
  // A configuration that records its traffic gets a summary of the packets; the capture itself is not kept.
  const captureFolder = launch.capture ? mkdtempSync(path.join(os.tmpdir(), 'mirador-notebook-run-')) : undefined;
  const pcap = captureFolder && path.join(captureFolder, 'run.pcap');
  const reasons: string[] = [];
  let consoleTail = '';
  // Serial consoles end lines with CR LF; a notebook shows LF (a CR cut off at the end of a chunk waits for the next one).
  let heldReturn = false;
  const consoleText = (chunk: string) => {
    let text = `${heldReturn ? '\r' : ''}${chunk}`;
    heldReturn = text.endsWith('\r');
    if (heldReturn) text = text.slice(0, -1);
    return text.replace(/\r\n/g, '\n');
  };
  // It also shows the syslog messages the guest sends over the network (logs-syslog) inline, which --until matches too.
  const run = new GuestRun(
    { workspace, launch, until: options.until, timeoutMs: options.timeoutMs, pcap, syslog: launch.capture === true },
    {
      console: (chunk) => {
        const text = consoleText(chunk);
        consoleTail = (consoleTail + text).slice(-4000);
        if (text) context.emit({ output_type: 'stream', name: 'stdout', text });
      },
      vmmStderr: (text) => context.emit({ output_type: 'stream', name: 'stderr', text }),
      reason: (line) => reasons.push(line.replace(/^mirador run: /, '')),
    },
  );
  const interrupt = () => run.stop({ kind: 'signal', signal: 'SIGINT', status: INTERRUPTED_STATUS });
  context.signal.addEventListener('abort', interrupt);
  const started = Date.now();
  let status: number;
  try {
    status = await run.run();
  } finally {
    context.signal.removeEventListener('abort', interrupt);
  }
  const seconds = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  try {
    if (pcap) summary(context, existsSync(pcap) ? summarizeCapture(pcap) : `No packets: the ${launch.target} target did not record this run's traffic.`);
  } finally {
    if (captureFolder) rmSync(captureFolder, { recursive: true, force: true });
  }
  if (context.signal.aborted) throw new MagicFailure('Interrupted', `${name}: the guest was stopped`);
  if (status === TIMEOUT_STATUS) throw new MagicFailure('Timeout', `${name}: ${reasons.join('; ') || 'timed out'}`);
  if (status !== 0) throw new MagicFailure('RunFailed', `${name}: ${reasons.join('; ') || `the guest exited with status ${status}`}`);
  if (options.until) summary(context, `✓ ${name}: matched ${options.until} after ${seconds}: “${lastLine(consoleTail)}”; the guest was stopped`);
  else summary(context, `✓ ${name}: the guest exited with status 0 after ${seconds}`);
};

function parseRunMagicArguments(args: string[]): { config?: string; until?: RegExp; timeoutMs?: number } {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { until: { type: 'string' }, timeout: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new MagicFailure('UsageError', `${(error as Error).message.split('. ')[0]}; ${USAGE}`);
  }
  if (parsed.positionals.length > 1) throw new MagicFailure('UsageError', `one run configuration at a time, not ${parsed.positionals.join(' ')}; ${USAGE}`);
  let until: RegExp | undefined;
  if (parsed.values.until !== undefined) {
    try {
      until = new RegExp(parsed.values.until);
    } catch (error) {
      throw new MagicFailure('UsageError', `--until ${parsed.values.until}: not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`);
    }
  }
  const timeout = parsed.values.timeout === undefined ? undefined : /^\d+(\.\d+)?$/.test(parsed.values.timeout) ? Number(parsed.values.timeout) : NaN;
  if (timeout !== undefined && !(timeout > 0)) throw new MagicFailure('UsageError', `--timeout takes seconds, a number above 0, not ${parsed.values.timeout}; ${USAGE}`);
  return { config: parsed.positionals[0], until, timeoutMs: timeout === undefined ? undefined : timeout * 1000 };
}

/** The last complete console line, as a person reads it (colours and carriage returns removed). */
function lastLine(text: string): string {
  const lines = text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').split('\n').map((line) => line.replace(/\r$/, ''));
  return [...lines].reverse().find((line) => line.trim() !== '') ?? '';
}
