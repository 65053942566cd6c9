// Picks the run configuration `mirador run` uses in a project folder: the one named by --config, else the first.
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { LaunchArguments } from '../../api/launch-protocol';
import { loadRunConfigurations } from '../../services/run-configurations/run-configuration-loader';
import { CliError } from '../cli-error';

export interface ChosenConfiguration {
  launch: LaunchArguments;
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
  if (launch.kernel !== undefined && overrides.kernel === undefined) {
    const kernel = path.resolve(folder, launch.kernel);
    if (!existsSync(kernel)) throw new CliError(`${label} boots ${launch.kernel}, which does not exist yet; build it first (e.g. \`mirador build\` or make)`, 2);
  }
  return { launch, problems };
}
