// Expands the VS Code variables launch.json files commonly use (`${workspaceFolder}`), so shared configurations work here too.
import os from 'node:os';
import path from 'node:path';
import type { LaunchArguments } from '../../api/launch-protocol';

const VARIABLE = /\$\{([^}]*)\}/g;

export interface VariableContext {
  workspaceFolder: string;
  env: NodeJS.ProcessEnv;
}

/** Returns the configuration with its path-like strings expanded, or the first variable Mirador does not know. */
export function expandLaunchVariables(configuration: LaunchArguments, context: VariableContext): { configuration: LaunchArguments } | { unknown: string; field: string } {
  let unknown: { unknown: string; field: string } | undefined;
  const expand = (text: string, field: string): string =>
    text.replace(VARIABLE, (whole, name: string) => {
      const value = lookup(name, context);
      if (value === undefined) unknown ??= { unknown: whole, field };
      return value ?? whole;
    });
  const result: LaunchArguments = { ...configuration };
  for (const key of ['kernel', 'initrd', 'append', 'cwd'] as const) {
    const value = result[key];
    if (value !== undefined) result[key] = expand(value, key);
  }
  if (result.args) result.args = result.args.map((arg, index) => expand(arg, `args[${index}]`));
  if (result.block) result.block = result.block.map((entry, index) => ({ ...entry, path: expand(entry.path, `block[${index}].path`) }));
  return unknown ?? { configuration: result };
}

function lookup(name: string, context: VariableContext): string | undefined {
  if (name === 'workspaceFolder' || name === 'workspaceRoot') return context.workspaceFolder;
  if (name === 'workspaceFolderBasename') return path.basename(context.workspaceFolder);
  if (name === 'userHome') return os.homedir();
  if (name === 'pathSeparator') return path.sep;
  if (name.startsWith('env:')) return context.env[name.slice(4)] ?? '';
  return undefined;
}
