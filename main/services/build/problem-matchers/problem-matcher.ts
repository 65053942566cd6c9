// What a problem matcher is: a line-by-line reader of one compiler's output that turns its diagnostics into BuildProblems.
import type { BuildProblem } from '../../../api/build-protocol';

/** Turns a path as the compiler printed it into the path a problem carries (absolute when it was relative). */
export type FileResolver = (printed: string) => string;

export interface ProblemMatcher {
  /** One line of output without its line break; returns the problems this line completed. */
  line(text: string, resolve: FileResolver): BuildProblem[];
  /** The output ended: returns the problem still being read, if any. */
  end(): BuildProblem[];
}
