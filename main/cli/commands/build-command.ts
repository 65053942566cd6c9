// `mirador build [--target T]`: builds the project in the current folder with its build system, like the IDE's Build.
import path from 'node:path';
import type { BuildProblem } from '../../api/build-protocol';
import { BuildSystemRegistry } from '../../build/build-system-registry';
import { findBuiltImage } from '../../build/built-image-lookup';
import { startBuild } from '../../services/build/build-runner';
import type { CliCommand, CliContext } from '../cli-command';
import { CliError } from '../cli-error';
import { LineBufferedOutput } from '../line-buffered-output';
import { parseCommandOptions } from '../parse-command-options';

/** Exit statuses of a build stopped by a signal, as shells report them (128 + signal number). */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

export const buildCommand: CliCommand = {
  run: (args, context) => runBuildCommand(args, context, process.cwd()),
};

export async function runBuildCommand(args: string[], context: CliContext, folder: string): Promise<number> {
  const values = parseCommandOptions(args, { target: { type: 'string' } });
  const target = values.target;
  const registry = BuildSystemRegistry.builtin();
  const [provider, ...others] = await registry.detect(folder);
  if (!provider) {
    throw new CliError(`no build system found in ${folder}: expected config.ml (MirageOS), dune-project (dune) or a Makefile (make); run mirador build in the project's folder.`);
  }
  const alsoFound = others.length > 0 ? ` (preferred over ${others.map((other) => other.label).join(', ')})` : '';
  context.stderr(`Building with ${provider.label}${alsoFound}${target !== undefined ? ` for target ${target}` : ''}`);

  let plan;
  try {
    plan = await provider.plan(folder, { target });
  } catch (error) {
    throw new CliError(`${(error as Error).message}.`.replace(/\.\.$/, '.'));
  }

  const out = new LineBufferedOutput((line) => context.stderr(line));
  const err = new LineBufferedOutput((line) => context.stderr(line));
  const run = startBuild(plan, {
    progress: (progress) => {
      out.flush();
      err.flush();
      context.stderr(`[${progress.step}/${progress.total}] ${progress.label}`);
    },
    output: (chunk) => (chunk.stream === 'stdout' ? out : err).write(chunk.text),
  });
  let stoppedBy: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals) => {
    stoppedBy ??= signal;
    run.cancel();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  let result;
  try {
    result = await run.result;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  out.flush();
  err.flush();

  for (const problem of result.problems) context.stderr(formatProblem(problem, folder));
  if (result.outcome === 'cancelled') {
    context.stderr('mirador build: cancelled');
    return SIGNAL_EXIT[stoppedBy ?? 'SIGINT'] ?? 1;
  }
  if (result.outcome === 'failed') {
    context.stderr(`mirador build: ${result.message}`);
    return 1;
  }
  const image = await findBuiltImage(provider, plan, folder, target);
  if (image === null) {
    context.stderr(`${result.message}; no image found (the build system does not say where it puts one; a run configuration's "kernel" would tell)`);
  } else {
    context.stderr(result.message);
    context.stdout(image);
  }
  return 0;
}

/** `file:line:col: severity: message`, the shape editors and terminals turn into links; paths relative to the project. */
export function formatProblem(problem: BuildProblem, folder: string): string {
  const relative = path.relative(folder, problem.file);
  const file = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : problem.file;
  const [first, ...rest] = problem.message.split('\n');
  return [`${file}:${problem.line}:${problem.column}: ${problem.severity}: ${first}`, ...rest.map((line) => `  ${line}`)].join('\n');
}
