// The real planner: the toolchain doctor's facts plus the targets contributed by the built-in extensions.
import path from 'node:path';
import type { DoctorReport } from '../../api/toolchain-protocol';
import type { CommandRunner } from '../../services/toolchain/command-runner';
import { ToolchainDoctor } from '../../services/toolchain/toolchain-doctor';
import { TargetRegistry } from '../targets/target-registry';
import { executeTool, freeLocalPort } from '../targets/target-host';
import { checkParentDeathSignalSupport } from '../launch/parent-death-signal';
import type { LaunchPlanner } from './launch-planner';

/**
 * A launch needs to know which tools are on PATH and whether /dev/kvm opens, not their versions: running every
 * `--version` (tshark alone takes 150 ms) would double a guest's start time, and a broken tool shows itself anyway
 * when it runs. Answering each version command as "ran, said nothing" keeps the doctor's PATH and host checks.
 */
const SKIP_VERSION_COMMANDS: CommandRunner = async () => ({ stdout: '', stderr: '', code: 0 });

/**
 * The doctor (and the setpriv check) start as soon as the adapter does: the first request after `initialize` is nearly
 * always a launch, so these checks overlap the client's handshake. One adapter process serves one session, so the
 * facts are fresh for every run.
 */
export function createBuiltinLaunchPlanner(): LaunchPlanner {
  const report: Promise<DoctorReport> = new ToolchainDoctor({ run: SKIP_VERSION_COMMANDS }).report();
  report.catch(() => undefined);
  void checkParentDeathSignalSupport();
  const registry = TargetRegistry.builtin();
  return async ({ launch, workspaceFolder, runDir }) =>
    registry.plan(launch, {
      doctor: await report,
      workspaceFolder: path.resolve(workspaceFolder),
      runDir,
      freePort: freeLocalPort,
      execute: executeTool,
    });
}
