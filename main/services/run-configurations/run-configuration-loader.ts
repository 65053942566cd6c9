// Gathers the workspace's run configurations: all of .mirador/launch.json, then the "mirador" entries of .vscode/launch.json.
import type { LaunchArguments } from '../../api/launch-protocol';
import { checkLaunchArguments } from './launch-arguments-check';
import { MIRADOR_LAUNCH_FILE, VSCODE_LAUNCH_FILE, readLaunchFile } from './launch-file';
import { expandLaunchVariables } from './launch-variables';

export interface RunConfigurations {
  configurations: LaunchArguments[];
  /** One line per problem, naming the file and field; a broken entry is skipped and the others still load. */
  problems: string[];
}

function isForeignVscodeEntry(entry: unknown): boolean {
  // VS Code's file holds other debuggers' entries too; only ours are checked.
  return !(typeof entry === 'object' && entry !== null && (entry as { type?: unknown }).type === 'mirador');
}

export async function loadRunConfigurations(folder: string): Promise<RunConfigurations> {
  const configurations: LaunchArguments[] = [];
  const problems: string[] = [];
  const names = new Map<string, string>();
  for (const file of [MIRADOR_LAUNCH_FILE, VSCODE_LAUNCH_FILE]) {
    const read = await readLaunchFile(folder, file);
    if (read.kind === 'missing') continue;
    if (read.kind === 'broken') {
      problems.push(read.problem);
      continue;
    }
    read.entries.forEach((entry, index) => {
      if (file === VSCODE_LAUNCH_FILE && isForeignVscodeEntry(entry)) return;
      const field = `configurations[${index}]`;
      const checked = checkLaunchArguments(entry, field);
      problems.push(...checked.problems.map((problem) => `${file}: ${problem}`));
      if (!checked.configuration) return;
      const expanded = expandLaunchVariables(checked.configuration, { workspaceFolder: folder, env: process.env });
      if ('unknown' in expanded) {
        problems.push(`${file}: ${field}.${expanded.field} uses ${expanded.unknown}, which Mirador cannot expand; write the path out (workspace-relative is fine)`);
        return;
      }
      const name = expanded.configuration.name;
      if (name !== undefined) {
        const first = names.get(name);
        if (first !== undefined) {
          problems.push(`${file}: ${field} is named "${name}" like an earlier entry in ${first}, which is used instead; rename one of them`);
          return;
        }
        names.set(name, file);
      }
      configurations.push(expanded.configuration);
    });
  }
  return { configurations, problems };
}
