// Build part of the contract and extension API: build systems contributed by extensions, their steps and their problems.

export interface BuildStep {
  /** Shown in progress, e.g. `mirage configure -t hvt`. */
  label: string;
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
}

export type ProblemMatcherName = 'ocaml' | 'gcc';

export interface BuildPlan {
  buildSystem: string;
  steps: BuildStep[];
  problemMatchers: ProblemMatcherName[];
  /** Where the image is expected once the steps succeed (absolute), when the build system knows. */
  expectedImage?: string;
  /** What the steps do, for the summary line ("mirage dependencies installed"); default "build". */
  purpose?: 'build' | 'dependencies';
}

export interface BuildOptions {
  /** Target id, e.g. `hvt`; build systems that do not care ignore it. */
  target?: string;
}

/** A compiler diagnostic parsed from build output. Lines and columns are 1-based. */
export interface BuildProblem {
  /** Path as the compiler printed it, resolved against the build folder when relative. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  source: ProblemMatcherName;
}

export interface BuildSystemProvider {
  id: string;
  label: string;
  /** Whether this build system applies to the folder (e.g. config.ml present for MirageOS). */
  detect(folder: string): Promise<boolean>;
  plan(folder: string, options: BuildOptions): Promise<BuildPlan>;
  /** The built image for a target, if one exists (e.g. `dist/hello.hvt`). */
  findImage?(folder: string, target: string | undefined): Promise<string | null>;
  /** The steps that install the project's dependencies without building it (MirageOS: configure, then `make depends`). */
  dependencies?(folder: string, options: BuildOptions): Promise<BuildPlan>;
}

/** `build` builds the image; `depends` only installs what the build needs (for build systems that separate the two). */
export type BuildTask = 'build' | 'depends';

export interface BuildStartParams {
  target?: string;
  /** Default `build`. */
  task?: BuildTask;
}

export interface BuildStarted {
  buildId: number;
  buildSystem: string;
  /** The labels of the steps, in order, e.g. `mirage configure -t hvt`, `make depends`, `dune build`. */
  steps: string[];
}

export interface BuildOutputEvent {
  buildId: number;
  text: string;
}

export interface BuildProgressEvent {
  buildId: number;
  /** 1-based. */
  step: number;
  total: number;
  message: string;
}

export interface BuildFinishedEvent {
  buildId: number;
  outcome: 'succeeded' | 'failed' | 'cancelled';
  /** One line for people: what happened and what to do next. */
  message: string;
  /** Problems with `file` made workspace-relative where the file is inside the workspace. */
  problems: BuildProblem[];
  /** Workspace-relative (or absolute) path of the built image, when one was found. */
  image?: string;
  /** The target the build was for, as given to build/start. */
  target?: string;
  task?: BuildTask;
}
