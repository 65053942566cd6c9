// Picks the run configuration `mirador run` uses in a project folder: the one named by --config, else the first.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { BUILD_TASK, type LaunchArguments } from '../../api/launch-protocol';
import { loadRunConfigurations } from '../../services/run-configurations/run-configuration-loader';
import { CliError } from '../cli-error';

export interface ChosenConfiguration {
  launch: LaunchArguments;
  /** How messages name it: `run configuration "NAME"` or `the first run configuration`. */
  label: string;
  /** Problems found in the launch files (broken entries were skipped); worth a warning. */
  problems: string[];
}

export async function chooseRunConfiguration(folder: string, name: string | undefined, overrides: Partial<LaunchArguments>): Promise<ChosenConfiguration> {
  const { configurations, problems } = await loadRunConfigurations(folder);
  const label = name === undefined ? 'the first run configuration' : `run configuration "${name}"`;
  const chosen = name === undefined ? configurations[0] : configurations.find((configuration) => configuration.name === name);
  if (!chosen) {
    const known = configurations.map((configuration) => JSON.stringify(configuration.name ?? '(unnamed)')).join(', ');
    const why = problems.length > 0 ? ` (${problems[0]})` : '';
    throw new CliError(
      configurations.length === 0
        ? `no run configuration in ${folder}/.mirador/launch.json${why}; add one, or pass --target T --kernel FILE`
        : `no run configuration named "${name}" in ${folder}; there are ${known}`,
      2,
    );
  }
  const launch: LaunchArguments = { ...chosen, ...overrides };
  // A configuration that builds first may name an image the build has yet to make.
  if (launch.preLaunchTask !== BUILD_TASK) checkKernelExists(folder, launch, overrides, label, 'build it first (e.g. `mirador build` or make)');
  return { launch, label, problems };
}

/** The configuration's image must exist (unless --kernel replaced it: the adapter checks that one). */
export function checkKernelExists(folder: string, launch: LaunchArguments, overrides: Partial<LaunchArguments>, label: string, advice: string): void {
  if (launch.kernel === undefined || overrides.kernel !== undefined) return;
  if (!existsSync(path.resolve(folder, launch.kernel))) throw new CliError(`${label} boots ${launch.kernel}, which does not exist yet; ${advice}`, 2);
}
