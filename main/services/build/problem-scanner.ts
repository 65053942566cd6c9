// Feeds build output, line by line as it arrives, to the plan's problem matchers; knows where make is so paths resolve.
import path from 'node:path';
import type { BuildProblem, ProblemMatcherName } from '../../api/build-protocol';
import { createGccMatcher } from './problem-matchers/gcc';
import { createOcamlMatcher } from './problem-matchers/ocaml';
import type { ProblemMatcher } from './problem-matchers/problem-matcher';

const MATCHERS: Record<ProblemMatcherName, () => ProblemMatcher> = { ocaml: createOcamlMatcher, gcc: createGccMatcher };
/** Colour and erase-line sequences (gcc with -fdiagnostics-color=always, dune in a terminal). */
const ESCAPE_SEQUENCE = /\x1b\[[0-9;?]*[A-Za-z]/g;
/** `make[1]: Entering directory '/abs/sub'`: recursive make prints paths relative to that folder. */
const MAKE_DIRECTORY = /^g?make(?:\[\d+\])?: (Entering|Leaving) directory [`'‘](.*)['’]$/;

export class ProblemScanner {
  private readonly matchers: ProblemMatcher[];
  private readonly directories: string[];
  /** Unfinished last line of each stream: stdout and stderr are split into lines separately, then read as one story. */
  private readonly partial = new Map<string, string>();

  constructor(names: readonly ProblemMatcherName[], cwd: string) {
    this.matchers = names.map((name) => MATCHERS[name]());
    this.directories = [cwd];
  }

  /**
   * Takes a chunk of one stream (any size, lines may be split) and returns the problems it completed. Both streams go
   * through the same matchers because make says where it is on stdout while the compilers complain on stderr.
   */
  write(stream: string, text: string): BuildProblem[] {
    const lines = ((this.partial.get(stream) ?? '') + text).split('\n');
    this.partial.set(stream, lines.pop()!);
    return lines.flatMap((line) => this.line(line));
  }

  end(): BuildProblem[] {
    const last = [...this.partial.values()].filter((text) => text !== '').flatMap((text) => this.line(text));
    this.partial.clear();
    return [...last, ...this.matchers.flatMap((matcher) => matcher.end())];
  }

  private line(raw: string): BuildProblem[] {
    const text = raw.replace(/\r$/, '').replace(ESCAPE_SEQUENCE, '');
    const directory = MAKE_DIRECTORY.exec(text);
    if (directory) {
      if (directory[1] === 'Entering') this.directories.push(path.resolve(this.current(), directory[2]!));
      else if (this.directories.length > 1) this.directories.pop();
      return [];
    }
    const folder = this.current();
    const resolve = (printed: string) => path.resolve(folder, printed);
    return this.matchers.flatMap((matcher) => matcher.line(text, resolve));
  }

  private current(): string {
    return this.directories.at(-1)!;
  }
}
