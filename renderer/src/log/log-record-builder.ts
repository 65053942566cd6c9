// Cuts styled console runs into lines and lines into log records: MirageOS fields when the line is a log line, plain otherwise.
import type { StyledRun, StyledRunBatch } from './ansi-sgr-parser';
import { parseMirageLogLine, type LogLevel } from './mirage-log-parser';
import { Solo5BannerReader } from './solo5-banner';

export interface LogRecord {
  /** Position in the whole stream, from 1, so rows keep their number when older ones are dropped. */
  seq: number;
  time: string | null;
  level: LogLevel | null;
  source: string | null;
  tags: Record<string, string>;
  /** The message (for plain lines, the whole line) as styled runs; the text in them is never markup. */
  message: StyledRun[];
  /** The whole line as plain text, for search, copy and save. */
  text: string;
  solo5: boolean;
}

export class LogRecordBuilder {
  readonly solo5 = new Solo5BannerReader();
  private line: StyledRun[] = [];

  /** `firstSeq`: the number before the first record, so a later run continues the numbering. */
  constructor(private seq = 0) {}

  get lastSeq(): number {
    return this.seq;
  }

  /** The number of a record made elsewhere (a syslog message from the network), in the same sequence. */
  nextSeq(): number {
    return ++this.seq;
  }

  /** Returns the records completed by these runs; an unfinished last line waits for its newline. */
  push(runs: readonly StyledRun[]): LogRecord[] {
    const records: LogRecord[] = [];
    for (const run of runs) {
      let from = 0;
      for (let newline = run.text.indexOf('\n'); newline >= 0; newline = run.text.indexOf('\n', from)) {
        if (newline > from) this.line.push({ text: run.text.slice(from, newline), style: run.style });
        records.push(this.finishLine());
        from = newline + 1;
      }
      if (from < run.text.length) this.line.push(from === 0 ? run : { text: run.text.slice(from), style: run.style });
    }
    return records;
  }

  /**
   * As `push`, from the parser's columns: text is cut once per line piece. Neighbouring segments in one style are joined
   * within a batch, as `AnsiSgrParser.push` joins them, so both paths make the same records.
   */
  pushBatch(batch: StyledRunBatch): LogRecord[] {
    const records: LogRecord[] = [];
    const { text, count, starts, ends, styles } = batch;
    // The last piece this batch added to the line, the only one a same-style neighbour may join.
    let last: StyledRun | undefined;
    let newline = text.indexOf('\n');
    for (let i = 0; i < count; i++) {
      let from = starts[i]!;
      const end = ends[i]!;
      const style = styles[i]!;
      // A newline inside an escape sequence (an OSC title, say) is not text: look again from this segment.
      if (newline >= 0 && newline < from) newline = text.indexOf('\n', from);
      while (newline >= 0 && newline < end) {
        if (newline > from) last = this.addPiece(last, text.slice(from, newline), style);
        records.push(this.finishLine());
        last = undefined;
        from = newline + 1;
        newline = text.indexOf('\n', from);
      }
      if (from < end) last = this.addPiece(last, text.slice(from, end), style);
    }
    return records;
  }

  /** Ends the stream: a last line without a newline still becomes a record. */
  flush(): LogRecord[] {
    return this.line.length ? [this.finishLine()] : [];
  }

  private addPiece(last: StyledRun | undefined, text: string, style: StyledRun['style']): StyledRun {
    if (last !== undefined && last.style === style) {
      last.text += text;
      return last;
    }
    const piece = { text, style };
    this.line.push(piece);
    return piece;
  }

  private finishLine(): LogRecord {
    // Serial consoles end lines with \r\n (and progress output uses bare \r): a carriage return is never content.
    const runs = joinSameStyle(this.line.map((run) => (run.text.includes('\r') ? { text: run.text.replace(/\r/g, ''), style: run.style } : run)).filter((run) => run.text !== ''));
    this.line = [];
    const text = runs.map((run) => run.text).join('');
    const fields = parseMirageLogLine(text);
    const solo5 = fields ? false : this.solo5.accept(text);
    return {
      seq: ++this.seq,
      time: fields?.time ?? null,
      level: fields?.level ?? null,
      source: fields?.source ?? null,
      tags: fields?.tags ?? {},
      message: fields ? sliceRuns(runs, fields.messageOffset) : runs,
      text,
      solo5,
    };
  }
}

/**
 * Neighbours in one style as one run: a line that arrived in several chunks (`o` in one, `k` in the next) reads as it
 * would have in one. Styles are interned, so one style is one object. Runs may be the caller's: joined ones are new.
 */
function joinSameStyle(runs: StyledRun[]): StyledRun[] {
  const joined: StyledRun[] = [];
  for (const run of runs) {
    const previous = joined.at(-1);
    if (previous !== undefined && previous.style === run.style) joined[joined.length - 1] = { text: previous.text + run.text, style: run.style };
    else joined.push(run);
  }
  return joined;
}

/** The runs from character `offset` on, keeping each piece's style. */
function sliceRuns(runs: readonly StyledRun[], offset: number): StyledRun[] {
  const sliced: StyledRun[] = [];
  let at = 0;
  for (const run of runs) {
    const end = at + run.text.length;
    if (end > offset) sliced.push(at >= offset ? run : { text: run.text.slice(offset - at), style: run.style });
    at = end;
  }
  return sliced;
}
