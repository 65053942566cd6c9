// Runs a build plan's steps one after another: streams their output, parses problems as they appear, and can be cancelled.
import { spawn } from 'node:child_process';
import type { BuildPlan, BuildProblem, BuildStep } from '../../api/build-protocol';
import { ProblemScanner } from './problem-scanner';
import { failureAdvice, notInstalledAdvice } from './step-failure-advice';

/** After SIGTERM, a step's process group gets this long before SIGKILL. */
const KILL_GRACE_MS = 2000;
/** The tail of a step's output kept to explain its failure (a missing tool is named near the end). */
const OUTPUT_TAIL_CHARS = 16_384;

export interface BuildOutput {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface BuildProgress {
  /** 1-based. */
  step: number;
  total: number;
  label: string;
  /** e.g. `step 1 of 3: mirage configure -t hvt`. */
  message: string;
}

export interface BuildListener {
  output?(chunk: BuildOutput): void;
  progress?(progress: BuildProgress): void;
  problem?(problem: BuildProblem): void;
}

export interface BuildResult {
  outcome: 'succeeded' | 'failed' | 'cancelled';
  /** One line for people, e.g. `step 2 of 3 (make depends) failed with exit code 2: ...`. */
  message: string;
  problems: BuildProblem[];
  failedStep?: { step: number; label: string; exitCode: number | null; signal: NodeJS.Signals | null };
}

type StepEnd = { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null } | { kind: 'spawn-error'; error: NodeJS.ErrnoException };

/** One build: starts at once; `result` settles when it succeeded, failed at a step, or was cancelled. */
export class BuildRun {
  readonly result: Promise<BuildResult>;
  private readonly problems: BuildProblem[] = [];
  /** The running (or last) step's process group; kept after the step exits so SIGKILL still reaches its leftovers. */
  private groupId: number | undefined;
  private cancelled = false;
  private killTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly plan: BuildPlan,
    private readonly listener: BuildListener = {},
  ) {
    this.result = this.runSteps();
  }

  /** Stops the running step and everything it started (its whole process group); the result says "cancelled". */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.signalGroup('SIGTERM');
    this.killTimer = setTimeout(() => this.signalGroup('SIGKILL'), KILL_GRACE_MS);
    this.killTimer.unref();
  }

  private async runSteps(): Promise<BuildResult> {
    const total = this.plan.steps.length;
    for (const [index, step] of this.plan.steps.entries()) {
      if (this.cancelled) break;
      const number = index + 1;
      this.listener.progress?.({ step: number, total, label: step.label, message: `step ${number} of ${total}: ${step.label}` });
      const { end, tail } = await this.runStep(step);
      if (this.cancelled) break;
      const name = `step ${number} of ${total} (${step.label})`;
      if (end.kind === 'spawn-error') {
        const why = end.error.code === 'ENOENT' ? notInstalledAdvice(step.command) : `${end.error.code ?? end.error.message}; check that ${step.command} is a program you may run`;
        return this.finish('failed', `${name} could not start: ${why}`, { step: number, label: step.label, exitCode: null, signal: null });
      }
      if (end.code !== 0) {
        const how = end.signal ? `was killed by ${end.signal}` : `failed with exit code ${end.code}`;
        const errors = this.problems.filter((problem) => problem.severity === 'error').length;
        return this.finish('failed', `${name} ${how}: ${failureAdvice(tail, errors)}`, { step: number, label: step.label, exitCode: end.code, signal: end.signal });
      }
    }
    if (this.cancelled) return this.finish('cancelled', 'cancelled');
    const what = this.plan.purpose === 'dependencies' ? 'dependencies installed' : 'build succeeded';
    return this.finish('succeeded', `${this.plan.buildSystem} ${what} (${total} ${total === 1 ? 'step' : 'steps'})`);
  }

  private finish(outcome: BuildResult['outcome'], message: string, failedStep?: BuildResult['failedStep']): BuildResult {
    // A cancelled build keeps its SIGKILL timer: a grandchild may ignore SIGTERM after the step itself has gone.
    if (outcome !== 'cancelled') clearTimeout(this.killTimer);
    return failedStep ? { outcome, message, problems: this.problems, failedStep } : { outcome, message, problems: this.problems };
  }

  private runStep(step: BuildStep): Promise<{ end: StepEnd; tail: string }> {
    const scanner = new ProblemScanner(this.plan.problemMatchers, step.cwd);
    let tail = '';
    const report = (problems: BuildProblem[]) => {
      for (const problem of problems) {
        this.problems.push(problem);
        this.listener.problem?.(problem);
      }
    };
    return new Promise((resolve) => {
      // A process group of its own, so cancelling reaches what make or dune started (compilers, sleep, ...).
      const child = spawn(step.command, step.args, {
        cwd: step.cwd,
        env: { ...process.env, ...step.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      this.groupId = child.pid;
      for (const stream of ['stdout', 'stderr'] as const) {
        child[stream]!.setEncoding('utf8').on('data', (text: string) => {
          tail = (tail + text).slice(-OUTPUT_TAIL_CHARS);
          this.listener.output?.({ stream, text });
          report(scanner.write(stream, text));
        });
      }
      let settled = false;
      const settle = (end: StepEnd) => {
        if (settled) return;
        settled = true;
        report(scanner.end());
        resolve({ end, tail });
      };
      child.on('error', (error: NodeJS.ErrnoException) => settle({ kind: 'spawn-error', error }));
      child.on('close', (code, signal) => settle({ kind: 'exit', code, signal }));
      // Once cancelled, the step's exit is enough: a stray grandchild holding the pipes open must not hold up "cancelled".
      child.on('exit', (code, signal) => {
        if (this.cancelled) settle({ kind: 'exit', code, signal });
      });
      if (this.cancelled) this.signalGroup('SIGTERM');
    });
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.groupId;
    if (pid === undefined || pid <= 1) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  }
}

export function startBuild(plan: BuildPlan, listener?: BuildListener): BuildRun {
  return new BuildRun(plan, listener);
}
