// Builds a project folder with its build system for the CLI, reporting on stderr: `mirador build`, and `mirador run`'s
// "preLaunchTask": "mirador: build".
import { formatProblem } from '../build/build-problem-line';
import { BuildSystemRegistry } from '../build/build-system-registry';
import { findBuiltImage } from '../build/built-image-lookup';
import { startBuild } from '../services/build/build-runner';
import type { CliContext } from './cli-command';
import { CliError } from './cli-error';
import { LineBufferedOutput } from './line-buffered-output';

/** Exit statuses of a build stopped by a signal, as shells report them (128 + signal number). */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

export interface WorkspaceBuildResult {
  /** 0 when the build succeeded; 1 when it failed; 130/143 when Ctrl-C or SIGTERM cancelled it. */
  status: number;
  /** The image the build made, when the build system says where it is. */
  image: string | null;
  /** How it went, in words: the build system's last message, or "cancelled". */
  message: string;
}

/**
 * Builds `folder` for `target`, streaming the steps, the tools' output and the problems (`file:line:col: severity:
 * message`) to stderr, then the success line; a failure's line is the caller's to write (it knows what follows).
 * `who` names the command where no build system is found (e.g. "mirador build").
 */
export async function buildWorkspace(folder: string, target: string | undefined, context: CliContext, who: string): Promise<WorkspaceBuildResult> {
  const registry = BuildSystemRegistry.builtin();
  const [provider, ...others] = await registry.detect(folder);
  if (!provider) {
    throw new CliError(`no build system found in ${folder}: expected config.ml (MirageOS), dune-project (dune) or a Makefile (make); run ${who} in the project's folder.`);
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
  if (result.outcome === 'cancelled') return { status: SIGNAL_EXIT[stoppedBy ?? 'SIGINT'] ?? 1, image: null, message: 'cancelled' };
  if (result.outcome === 'failed') return { status: 1, image: null, message: result.message };
  const image = await findBuiltImage(provider, plan, folder, target);
  context.stderr(image === null ? `${result.message}; no image found (the build system does not say where it puts one; a run configuration's "kernel" would tell)` : result.message);
  return { status: 0, image, message: result.message };
}
