// The backend's MirageOS project requests: describing config.ml, writing run configurations, and the host's network.
import { execFile } from 'node:child_process';
import type { DoctorReport, HostNetworkState, LaunchArguments, UnikernelDescription } from '../api';
import { describeUnikernel, type ToolRunner } from '../../extensions/mirage/unikernel-describer';
import { inspectHostNetwork } from '../services/network/host-network';
import { setRunConfigurationArguments } from '../services/run-configurations/run-configuration-arguments';
import { addRunConfiguration } from '../services/run-configurations/run-configuration-writer';

export interface UnikernelServices {
  describe(folder: string, target: string | undefined): Promise<UnikernelDescription | null>;
  addConfiguration(folder: string, configuration: LaunchArguments): Promise<{ replaced: boolean }>;
  setArguments(folder: string, name: string, args: string[]): Promise<void>;
  inspectNetwork(): Promise<HostNetworkState>;
}

/** `mirage query` and `describe` compile config.ml with dune first: a cold first run takes a while. */
const MIRAGE_TIMEOUT_MS = 120_000;

/** Argv only, in the project folder, bounded in time and output; LC_ALL=C keeps mirage's messages parseable. */
export const runTool: ToolRunner = (command, args, cwd) =>
  new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: MIRAGE_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ stdout, stderr: error && code === null ? `${stderr}\n${error.message}` : stderr, code });
    });
  });

export function unikernelServices(doctor: () => Promise<DoctorReport>): UnikernelServices {
  return {
    async describe(folder, target) {
      const report = await doctor().catch(() => undefined);
      const mirage = report?.tools.find((tool) => tool.name === 'mirage');
      return describeUnikernel(folder, { target, mirage: mirage?.found && !mirage.problem ? runTool : undefined });
    },
    async addConfiguration(folder, configuration) {
      const { replaced } = await addRunConfiguration(folder, configuration);
      return { replaced };
    },
    setArguments: setRunConfigurationArguments,
    inspectNetwork: () => inspectHostNetwork(),
  };
}
