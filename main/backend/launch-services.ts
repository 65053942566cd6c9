// The backend's view of the launch path: the toolchain doctor, the targets it enables, and the run configurations.
import type { DoctorReport } from '../api';
import { inspectionHost } from '../debug/targets/target-host';
import { TargetRegistry } from '../debug/targets/target-registry';
import { loadRunConfigurations } from '../services/run-configurations/run-configuration-loader';
import { ToolchainDoctor } from '../services/toolchain/toolchain-doctor';
import type { SharedServices } from './request-handlers';

type LaunchServices = Pick<SharedServices, 'doctor' | 'targets' | 'runConfigurations'>;

/** How long a doctor report is reused: the Targets view asks for it together with the target list. */
const DOCTOR_REUSE_MS = 5000;

export function launchServices(workspaceFolder: () => string | null): LaunchServices {
  const registry = TargetRegistry.builtin();
  let cached: { report: Promise<DoctorReport>; at: number } | undefined;
  const doctor = () => {
    if (!cached || Date.now() - cached.at > DOCTOR_REUSE_MS) {
      cached = { report: new ToolchainDoctor().report(), at: Date.now() };
      cached.report.catch(() => (cached = undefined));
    }
    return cached.report;
  };
  return {
    doctor,
    targets: async () => registry.list(inspectionHost(await doctor(), workspaceFolder() ?? process.cwd())),
    runConfigurations: (folder) => loadRunConfigurations(folder),
  };
}
