// `mirador dissect FILE [--filter EXPR] [--json]`: tshark-like summary lines (or detail trees) of a pcap/pcapng file.
import os from 'node:os';
import path from 'node:path';
import { readCaptureFile, type CaptureReadResult } from '../../services/capture/capture-file-reader';
import { estimateFrameCount } from '../../services/capture/capture-frame-estimate';
import { DissectionSession } from '../../services/dissect/dissection-session';
import { dissectFrame } from '../../services/dissect/frame-dissector';
import { compileDisplayFilter, type DisplayFilter } from '../../services/display-filter/display-filter';
import type { CliCommand, CliContext } from '../cli-command';
import { CliError, UsageError } from '../cli-error';
import { parseCommandOptions } from '../parse-command-options';
import { relativeMicros, writeSummaryLine } from '../dissect-summary-line';
import { canListInTwoThreads, listSummariesInTwoThreads } from '../two-thread-summary-listing';
import { StdoutClosedError } from '../blocking-stdout';
import { ByteLineWriter } from '../byte-line-writer';

/** What `-` reads: standard input's descriptor (a pipe or a socket; /dev/stdin cannot open a socket). */
const STDIN = 0;

export const dissectCommand: CliCommand = {
  async run(args, context) {
    const { file, rest } = splitFileArgument(args);
    const values = parseCommandOptions(rest, { filter: { type: 'string' }, json: { type: 'boolean' }, 'no-resolve': { type: 'boolean', short: 'n' }, 'no-reassembly': { type: 'boolean' } });
    if (file === undefined) throw new UsageError('missing FILE (a pcap or pcapng capture)');
    let filter: DisplayFilter | undefined;
    if (values.filter !== undefined) {
      const compiled = compileDisplayFilter(values.filter);
      if (!compiled.ok) throw new UsageError(`invalid filter at column ${compiled.column}: ${compiled.message}\n  ${values.filter}\n  ${' '.repeat(compiled.column - 1)}^`);
      filter = compiled.filter;
    }
    const json = values.json === true;
    // tshark's defaults: MAC addresses named (-n: not), IP fragments put together (--no-reassembly: not).
    const settings = { nameResolution: values['no-resolve'] !== true, reassembly: values['no-reassembly'] !== true };
    const session = DissectionSession.wiresharkDefaults(settings);
    const options = { tree: json, fields: filter?.fields };
    // Lines go out in big byte batches: one write per line would dominate the run time on big captures.
    const out = new ByteLineWriter(context.stdoutBytes ? (bytes) => context.stdoutBytes!(bytes) : (bytes) => {
      context.stdout(bytes.toString('utf8').replace(/\n$/, ''));
      return true;
    });
    // `-` is standard input, as for tshark -r -: `tcpdump -w - | mirador dissect -`. A pipe is read once, so in one thread.
    const source = file === '-' ? STDIN : file;
    if (!json && !filter && context.stdoutBytes && file !== '-' && useTwoThreads(file, context)) {
      const listed = listSummariesInTwoThreads(file, out, twoThreadWorkerFile(context), settings);
      return finishListing(listed, out, file);
    }
    let number = 0;
    let firstSeconds = 0;
    let firstNanoseconds = 0;
    let printed = 0;
    if (json) out.line('[');
    const result = readCaptureFile(source, (frame) => {
      number++;
      if (number === 1) {
        firstSeconds = frame.seconds;
        firstNanoseconds = frame.nanoseconds;
      }
      const d = dissectFrame(session, frame, number, options);
      if (filter && !filter.matches(d)) return;
      const micros = relativeMicros(frame, firstSeconds, firstNanoseconds);
      if (json) {
        const relative = relativeTime(micros);
        const record = { number, time: relative, source: d.source, destination: d.destination, protocol: d.protocol, length: frame.originalLength, info: d.info, malformed: d.malformed, protocols: d.protocols, tree: d.tree };
        out.line(`${printed > 0 ? ',' : ''}${JSON.stringify(record)}`);
      } else {
        writeSummaryLine(out, number, micros, d.source, d.destination, d.protocol, frame.originalLength, d.info);
      }
      printed++;
    }, { reuseBuffers: true, afterRead: file === '-' ? () => out.flush() : undefined });
    return finishListing(result, out, file === '-' ? 'standard input' : file, json ? ']' : undefined);
  },
};

/** Writes what is left, then reports the capture's damage (after the good frames' lines) or the output's failure. */
function finishListing(result: CaptureReadResult, out: ByteLineWriter, file: string, lastLine?: string): number {
  // The output failed (its reader left, or a write failed): that, not the capture, is what the user hears about.
  if (result.error instanceof StdoutClosedError || result.error instanceof CliError) throw result.error;
  if (lastLine !== undefined) out.line(lastLine);
  out.flush();
  if (result.error) {
    const reason = (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? `cannot open ${file}: no such file` : result.error.message;
    throw new CliError(`${file}: ${reason} (after ${result.frameCount} good frames)`);
  }
  return 0;
}

/**
 * Captures of this many frames or more are listed on two threads. Measured (2 CPUs, a mix of small frames): at 500k
 * frames two threads tie with one — the worker's start and warm-up, a quarter of a second, slow the main thread too —
 * at 1M frames they take ~18% less. Frames, not bytes: 100 MB of full-size frames is only 65k of them.
 */
const TWO_THREADS_FROM_FRAMES = 600_000;

/**
 * MIRADOR_DISSECT_THREADS=1 keeps the listing on one thread, =2 uses two whatever the size; unset, big captures get two
 * when the machine has more than one CPU.
 */
function useTwoThreads(file: string, context: CliContext): boolean {
  const setting = context.env.MIRADOR_DISSECT_THREADS;
  if (setting === '1') return false;
  const workerFile = twoThreadWorkerFile(context);
  if (setting === '2') {
    if (!canListInTwoThreads(workerFile)) throw new CliError(`MIRADOR_DISSECT_THREADS=2 needs ${workerFile}, which is missing: run \`npm run build\``);
    return true;
  }
  if (!canListInTwoThreads(workerFile) || os.availableParallelism() < 2) return false;
  return (estimateFrameCount(file) ?? 0) >= TWO_THREADS_FROM_FRAMES;
}

function twoThreadWorkerFile(context: CliContext): string {
  return path.join(context.appRoot, 'out', 'main', 'dissect-worker.js');
}

/** Microseconds since the first frame as seconds with six decimals. */
function relativeTime(micro: number): string {
  const sign = micro < 0 ? '-' : '';
  const magnitude = Math.abs(micro);
  return `${sign}${Math.trunc(magnitude / 1e6)}.${String(magnitude % 1e6).padStart(6, '0')}`;
}

/** FILE may come before or after the options; the value of --filter is not a file. */
function splitFileArgument(args: string[]): { file: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let file: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--filter') {
      rest.push(arg);
      if (index + 1 < args.length) rest.push(args[++index]!);
    } else if ((arg.startsWith('-') && arg !== '-') || file !== undefined) rest.push(arg);
    else file = arg;
  }
  return { file, rest };
}
