// Problem matcher for the OCaml compilers and dune: `File "x.ml", line N, characters A-B:`, a code excerpt, then the message.
import type { BuildProblem } from '../../../api/build-protocol';
import type { FileResolver, ProblemMatcher } from './problem-matcher';
import { isToolNoise } from './tool-noise';

/** `File "src/x.ml", line 12, characters 4-9:` and `File "src/x.ml", lines 3-5, characters 2-10:` and `File "x.ml", line 1:`. */
const LOCATION = /^File "([^"]+)", lines? (\d+)(?:-(\d+))?(?:, characters? (\d+)(?:-(\d+))?)?:\s*$/;
/** The excerpt OCaml ≥ 4.08 (and 5.x, and dune) prints under the location: `12 | code`, `   ^^^^`, and `...` for elided lines. */
const EXCERPT = /^\s*(?:\d+ \|.*|\|.*|\^+\s*|\.\.\.\s*)$/;
const ERROR = /^Error(?: \((warning \d+(?: \[[\w-]+\])?)\))?: ?(.*)$/;
const WARNING = /^Warning (\d+(?: \[[\w-]+\])?): ?(.*)$/;
const ALERT = /^Alert ([\w-]+): ?(.*)$/;

interface Pending {
  problem: BuildProblem;
  /** Still reading the excerpt: the message has not started. */
  awaitingMessage: boolean;
  lines: string[];
}

export function createOcamlMatcher(): ProblemMatcher {
  let pending: Pending | undefined;

  const finish = (): BuildProblem[] => {
    const done = pending;
    pending = undefined;
    if (!done || done.awaitingMessage) return [];
    return [{ ...done.problem, message: joinMessage(done.lines) }];
  };

  return {
    line(text, resolve) {
      const location = LOCATION.exec(text);
      if (location) {
        const finished = finish();
        pending = { problem: problemAt(location, resolve), awaitingMessage: true, lines: [] };
        return finished;
      }
      if (!pending) return [];
      if (pending.awaitingMessage) {
        if (EXCERPT.test(text)) return [];
        const heading = readHeading(text);
        if (heading) {
          pending.problem.severity = heading.severity;
          pending.lines.push(heading.message);
        } else if (/^\s+\S/.test(text)) {
          // A secondary location, e.g. under a syntax error: `  This '(' might be unmatched`.
          pending.problem.severity = 'info';
          pending.lines.push(text.trim());
        } else {
          pending = undefined;
          return [];
        }
        pending.awaitingMessage = false;
        return [];
      }
      if (text.trim() === '' || isToolNoise(text)) return finish();
      pending.lines.push(text.trimEnd());
      return [];
    },
    end: finish,
  };
}

function problemAt(location: RegExpExecArray, resolve: FileResolver): BuildProblem {
  const [, file, line, lastLine, start, stop] = location;
  const problem: BuildProblem = { file: resolve(file!), line: Number(line), column: 1, severity: 'error', message: '', source: 'ocaml' };
  // OCaml counts characters from 0 and its end is exclusive; problems count from 1 (end still exclusive, like Monaco).
  if (start !== undefined) problem.column = Number(start) + 1;
  if (stop !== undefined) {
    problem.endLine = lastLine !== undefined ? Number(lastLine) : problem.line;
    problem.endColumn = Number(stop) + 1;
  } else if (lastLine !== undefined) problem.endLine = Number(lastLine);
  return problem;
}

function readHeading(text: string): { severity: BuildProblem['severity']; message: string } | undefined {
  const error = ERROR.exec(text);
  if (error) return { severity: 'error', message: error[1] ? `${error[2]} (${error[1]})` : error[2]! };
  const warning = WARNING.exec(text);
  if (warning) return { severity: 'warning', message: `${warning[2]} (warning ${warning[1]})` };
  const alert = ALERT.exec(text);
  if (alert) return { severity: 'warning', message: `${alert[2]} (alert ${alert[1]})` };
  return undefined;
}

/** Indented lines are the compiler wrapping one sentence; unindented ones (`Hint: ...`) start a new line of the message. */
function joinMessage(lines: string[]): string {
  let message = '';
  for (const line of lines) {
    if (message === '') message = line;
    else if (/^\s/.test(line)) message += ` ${line.trim()}`;
    else message += `\n${line}`;
  }
  return message;
}
