// `mirador dissect FILE [--filter EXPR] [--json]`: tshark-like summary lines (or detail trees) of a pcap/pcapng file.
import { readCaptureFile } from '../../services/capture/capture-file-reader';
import { DissectionSession } from '../../services/dissect/dissection-session';
import { dissectFrame } from '../../services/dissect/frame-dissector';
import { compileDisplayFilter, type DisplayFilter } from '../../services/display-filter/display-filter';
import type { CliCommand } from '../cli-command';
import { CliError, UsageError } from '../cli-error';
import { parseCommandOptions } from '../parse-command-options';
import { relativeMicros, writeSummaryLine } from '../dissect-summary-line';
import { StdoutClosedError } from '../blocking-stdout';
import { ByteLineWriter } from '../byte-line-writer';

export const dissectCommand: CliCommand = {
  async run(args, context) {
    const { file, rest } = splitFileArgument(args);
    const values = parseCommandOptions(rest, { filter: { type: 'string' }, json: { type: 'boolean' } });
    if (file === undefined) throw new UsageError('missing FILE (a pcap or pcapng capture)');
    let filter: DisplayFilter | undefined;
    if (values.filter !== undefined) {
      const compiled = compileDisplayFilter(values.filter);
      if (!compiled.ok) throw new UsageError(`invalid filter at column ${compiled.column}: ${compiled.message}\n  ${values.filter}\n  ${' '.repeat(compiled.column - 1)}^`);
      filter = compiled.filter;
    }
    const json = values.json === true;
    const session = new DissectionSession();
    const options = { tree: json, fields: filter?.fields };
    // Lines go out in big byte batches: one write per line would dominate the run time on big captures.
    const out = new ByteLineWriter(context.stdoutBytes ? (bytes) => context.stdoutBytes!(bytes) : (bytes) => {
      context.stdout(bytes.toString('utf8').replace(/\n$/, ''));
      return true;
    });
    let number = 0;
    let firstSeconds = 0;
    let firstNanoseconds = 0;
    let printed = 0;
    if (json) out.line('[');
    const result = readCaptureFile(file, (frame) => {
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
    }, { reuseBuffers: true });
    // The output failed (its reader left, or a write failed): that, not the capture, is what the user hears about.
    if (result.error instanceof StdoutClosedError || result.error instanceof CliError) throw result.error;
    if (json) out.line(']');
    out.flush();
    if (result.error) {
      const reason = (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? `cannot open ${file}: no such file` : result.error.message;
      throw new CliError(`${file}: ${reason} (after ${result.frameCount} good frames)`);
    }
    return 0;
  },
};

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
    } else if (arg.startsWith('-') || file !== undefined) rest.push(arg);
    else file = arg;
  }
  return { file, rest };
}
