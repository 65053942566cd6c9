// `mirador build [--target T]`: builds the project in the current folder with its build system, like the IDE's Build.
import type { CliCommand, CliContext } from '../cli-command';
import { parseCommandOptions } from '../parse-command-options';
import { buildWorkspace } from '../workspace-build';

export const buildCommand: CliCommand = {
  run: (args, context) => runBuildCommand(args, context, process.cwd()),
};

/** Steps and problems go to stderr; stdout gets the image's path alone, for scripts (`qemu-system-x86_64 -kernel $(mirador build)`). */
export async function runBuildCommand(args: string[], context: CliContext, folder: string): Promise<number> {
  const values = parseCommandOptions(args, { target: { type: 'string' } });
  const { status, image, message } = await buildWorkspace(folder, values.target, context, 'mirador build');
  if (status !== 0) context.stderr(`mirador build: ${message}`);
  else if (image !== null) context.stdout(image);
  return status;
}
