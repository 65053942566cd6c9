// Turns the toplevel's error and exception reports into Jupyter error outputs with the cell position for markers.
import type { CellErrorPosition, ErrorOutput } from '../../api/notebook-outputs';

export type CellError = ErrorOutput & { position?: CellErrorPosition };

const POSITION = /^Lines? (\d+)(?:-(\d+))?, characters (\d+)-(\d+):/m;

/** A compile error ("Line 2, characters 14-21:\n2 | ...\nError: ..."), an unknown directive, or "Interrupted." */
export function compileError(report: string): CellError {
  const text = report.trimEnd();
  const position = positionOf(text);
  const message = /^Error: ([\s\S]*)$/m.exec(text)?.[1] ?? text;
  const where = position ? `Line ${position.line}, characters ${position.startColumn}-${position.endColumn}: ` : '';
  const ename = /^Syntax error/m.test(message) ? 'Syntax error' : 'Error';
  return { output_type: 'error', ename, evalue: `${where}${oneLine(message)}`, traceback: text.split('\n'), ...(position && { position }) };
}

/** A runtime exception of the phrase starting at `line` ("Exception: Failure \"hd\"." or "Interrupted."). */
export function exceptionError(report: string, line: number): CellError {
  const text = report.trimEnd();
  const interrupted = text === 'Interrupted.';
  const value = text.replace(/^Exception: /, '').replace(/\.$/, '');
  const ename = interrupted ? 'Interrupted' : (/^[A-Za-z_][\w.']*/.exec(value)?.[0] ?? 'Exception');
  const position: CellErrorPosition | undefined = line > 0 ? { line, startColumn: 0, endLine: line, endColumn: 0 } : undefined;
  // Cells have no standard input (the kernel gives them end of file), which a bare End_of_file does not say.
  const hint = value === 'End_of_file' ? ' (a notebook cell has no standard input: reading it gives end of file)' : '';
  const evalue = `${line > 0 ? `Line ${line}: ` : ''}${interrupted ? 'interrupted' : oneLine(value)}${hint}`;
  return { output_type: 'error', ename, evalue, traceback: [...(line > 0 ? [`Line ${line}:`] : []), ...text.split('\n')], ...(position && { position }) };
}

function positionOf(text: string): CellErrorPosition | undefined {
  const match = POSITION.exec(text);
  if (!match) return undefined;
  const line = Number(match[1]);
  return { line, startColumn: Number(match[3]), endLine: match[2] ? Number(match[2]) : line, endColumn: Number(match[4]) };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
