// A build problem as one terminal line (and its continuation lines), for `mirador build`, `mirador run` and the notebook's %build.
import path from 'node:path';
import type { BuildProblem } from '../api/build-protocol';

/** `file:line:col: severity: message`, the shape editors and terminals turn into links; paths relative to the project. */
export function formatProblem(problem: BuildProblem, folder: string): string {
  const relative = path.relative(folder, problem.file);
  const file = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : problem.file;
  const [first, ...rest] = problem.message.split('\n');
  return [`${file}:${problem.line}:${problem.column}: ${problem.severity}: ${first}`, ...rest.map((line) => `  ${line}`)].join('\n');
}
