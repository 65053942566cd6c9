// The extension API for targets: what an extension's Node entry exports so the core can list, check and launch it.
import type { DoctorReport } from './toolchain-protocol';
import type { LaunchArguments, LaunchPlan } from './launch-protocol';
import type { BuildSystemProvider } from './build-protocol';

export interface TargetAvailability {
  available: boolean;
  reason?: string;
  fix?: string;
}

/** What the core gives providers: facts about this machine and a few services, so providers stay testable. */
export interface TargetHost {
  doctor: DoctorReport;
  /** Absolute folder of the workspace (relative image paths resolve against it). */
  workspaceFolder: string;
  /** A fresh private folder for sockets and generated files of one launch. */
  runDir: string;
  /** A free TCP port on 127.0.0.1 (for gdb stubs). */
  freePort(): Promise<number>;
  /** Runs a tool and returns its stdout (for `solo5-elftool query-manifest`); argv only. */
  execute(command: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }>;
}

export interface TargetProvider {
  id: string;
  label: string;
  description: string;
  availability(host: TargetHost): TargetAvailability;
  /** Checks the image before launch; returns what is wrong in one sentence, or null. */
  validateImage(imagePath: string, host: TargetHost): Promise<string | null>;
  plan(launch: LaunchArguments, host: TargetHost): Promise<LaunchPlan>;
}

/** The shape of an extension's Node entry module (`main` in its package.json). */
export interface ExtensionModule {
  targets?: TargetProvider[];
  buildSystems?: BuildSystemProvider[];
}
