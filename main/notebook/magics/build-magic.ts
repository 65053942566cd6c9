// `%build [TARGET]`: builds the project folder with its build system, streaming the output, as `mirador build` and the IDE do.
import path from 'node:path';
import { findBuiltImage } from '../../build/built-image-lookup';
import { BuildSystemRegistry } from '../../build/build-system-registry';
import { formatProblem } from '../../build/build-problem-line';
import { startBuild } from '../../services/build/build-runner';
import { MagicFailure, requireWorkspace, stdout, summary, type Magic } from '../magic-context';

export const buildMagic: Magic = async (args, context) => {
  if (args.length > 1) throw new MagicFailure('UsageError', 'usage: %build [TARGET], e.g. %build or %build hvt');
  const target = args[0];
  const workspace = requireWorkspace(context, '%build');
  const [provider] = await BuildSystemRegistry.builtin().detect(workspace);
  if (!provider) throw new MagicFailure('BuildError', `no build system found in ${workspace}: %build needs a config.ml (MirageOS), a dune-project (dune) or a Makefile (make)`);
  let plan;
  try {
    plan = await provider.plan(workspace, { target });
  } catch (error) {
    throw new MagicFailure('BuildError', `${provider.label} cannot build this: ${(error as Error).message}`);
  }
  stdout(context, `Building with ${provider.label}${target !== undefined ? ` for target ${target}` : ''}\n`);
  const run = startBuild(plan, {
    progress: (progress) => stdout(context, `[${progress.step}/${progress.total}] ${progress.label}\n`),
    output: (chunk) => context.emit({ output_type: 'stream', name: chunk.stream, text: chunk.text }),
  });
  const cancel = () => run.cancel();
  context.signal.addEventListener('abort', cancel);
  let result;
  try {
    result = await run.result;
  } finally {
    context.signal.removeEventListener('abort', cancel);
  }
  if (result.outcome === 'cancelled') throw new MagicFailure('Interrupted', 'the build was cancelled');
  if (result.outcome === 'failed') throw new MagicFailure('BuildFailed', result.message, result.problems.map((problem) => formatProblem(problem, workspace)));
  const image = await findBuiltImage(provider, plan, workspace, target).catch(() => null);
  summary(context, `✓ ${result.message}${image ? `: ${path.relative(workspace, image)}` : ''}`);
};
