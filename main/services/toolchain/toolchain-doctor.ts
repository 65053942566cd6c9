// The toolchain doctor: probes every tool and host capability Mirador's targets need, in parallel, and says how to fix each gap.
import type { DoctorReport } from '../../api/toolchain-protocol';
import { createCommandRunner, type CommandRunner } from './command-runner';
import { pathDirsFromEnv } from './executable-search';
import { checkKvm } from './kvm-check';
import { checkTap } from './tap-check';
import { TOOL_CATALOG } from './tool-catalog';
import { probeTool } from './tool-probe';
import { checkXenDom0 } from './xen-check';

/** Every field has the real machine as its default; tests point them at fakes. */
export interface ToolchainDoctorOptions {
  env?: NodeJS.ProcessEnv;
  /** Where to look for tools; defaults to the absolute entries of env.PATH. */
  pathDirs?: string[];
  devKvm?: string;
  procXen?: string;
  procSelfStatus?: string;
  devNetTun?: string;
  cpuinfo?: string;
  run?: CommandRunner;
  /** How long one version command may take before the doctor gives up on it. */
  timeoutMs?: number;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 3000;

export class ToolchainDoctor {
  private readonly pathDirs: string[];
  private readonly run: CommandRunner;

  constructor(private readonly options: ToolchainDoctorOptions = {}) {
    const env = options.env ?? process.env;
    this.pathDirs = options.pathDirs ?? pathDirsFromEnv(env);
    this.run = options.run ?? createCommandRunner(env);
  }

  async report(): Promise<DoctorReport> {
    const { devKvm = '/dev/kvm', cpuinfo = '/proc/cpuinfo', procSelfStatus = '/proc/self/status', devNetTun = '/dev/net/tun', procXen = '/proc/xen' } = this.options;
    const context = { pathDirs: this.pathDirs, run: this.run, timeoutMs: this.options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS };
    const [tools, ...capabilities] = await Promise.all([
      Promise.all(TOOL_CATALOG.map((spec) => probeTool(spec, context))),
      checkKvm(devKvm, cpuinfo),
      checkTap(procSelfStatus, devNetTun),
      checkXenDom0(procXen),
    ]);
    return { tools, capabilities };
  }
}
