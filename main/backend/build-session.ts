// Builds the open workspace with its build system, one build at a time, telling every window how it goes.
import path from 'node:path';
import type { BuildFinishedEvent, BuildProblem, BuildStarted, BuildTask, EventName, EventPayload } from '../api';
import { BuildSystemRegistry } from '../build/build-system-registry';
import { findBuiltImage } from '../build/built-image-lookup';
import { MiradorError } from '../services/mirador-error';
import { startBuild, type BuildRun } from '../services/build/build-runner';

type Broadcast = <K extends EventName>(event: K, payload: EventPayload<K>) => void;

export class BuildSession {
  private readonly registry = BuildSystemRegistry.builtin();
  private current: { buildId: number; run: BuildRun } | undefined;
  private nextId = 1;

  constructor(private readonly broadcast: Broadcast) {}

  /** `depends` runs the build system's dependency steps only (MirageOS: configure, then `make depends`). */
  async start(folder: string, target: string | undefined, task: BuildTask = 'build'): Promise<BuildStarted> {
    if (this.current) throw new MiradorError('conflict', 'A build is already running; wait for it or cancel it (Build: Cancel).');
    const [provider] = await this.registry.detect(folder);
    if (!provider) {
      throw new MiradorError('not-found', 'No build system found here: Mirador builds folders with a config.ml (MirageOS), a dune-project (dune) or a Makefile (make).');
    }
    if (task === 'depends' && !provider.dependencies) {
      throw new MiradorError('unavailable', `${provider.label} projects have no separate dependency step: Build fetches what it needs.`);
    }
    let plan;
    try {
      plan = task === 'depends' ? await provider.dependencies!(folder, { target }) : await provider.plan(folder, { target });
    } catch (error) {
      throw new MiradorError('invalid-params', `${provider.label} cannot build this: ${(error as Error).message}`);
    }
    const buildId = this.nextId++;
    const relative = (file: string) => {
      const absolute = path.resolve(folder, file);
      const inside = path.relative(folder, absolute);
      return inside.startsWith('..') || path.isAbsolute(inside) ? absolute : inside.split(path.sep).join('/');
    };
    const run = startBuild(plan, {
      output: (chunk) => this.broadcast('build/output', { buildId, text: chunk.text }),
      progress: (progress) => this.broadcast('build/progress', { buildId, step: progress.step, total: progress.total, message: progress.message }),
    });
    this.current = { buildId, run };
    void run.result.then(async (result) => {
      const finished: BuildFinishedEvent = {
        buildId,
        outcome: result.outcome,
        message: result.message,
        problems: result.problems.map((problem: BuildProblem) => ({ ...problem, file: relative(problem.file) })),
        ...(target === undefined ? {} : { target }),
        task,
      };
      if (result.outcome === 'succeeded' && task === 'build') {
        const image = await findBuiltImage(provider, plan, folder, target).catch(() => null);
        if (image) finished.image = relative(image);
      }
      this.current = undefined;
      this.broadcast('build/finished', finished);
    });
    return { buildId, buildSystem: provider.label, steps: plan.steps.map((step) => step.label) };
  }

  cancel(buildId: number): void {
    if (this.current?.buildId === buildId) this.current.run.cancel();
  }

  dispose(): void {
    this.current?.run.cancel();
  }
}
