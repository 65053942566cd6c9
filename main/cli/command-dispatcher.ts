// Routes `mirador <command> ...` to its command module, loading only that one so --version and --help stay fast.
import type { CliCommand, CliContext } from './cli-command';
import { StdoutClosedError } from './blocking-stdout';
import { CliError, UsageError } from './cli-error';
import { commandUsage, USAGE } from './usage-text';

/** One entry per command; later commands (doctor, targets, run, dissect, notebook, new, debug-adapter) add theirs here. */
const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  web: async () => (await import('./commands/web-command')).webCommand,
  start: async () => (await import('./commands/start-command')).startCommand,
  build: async () => (await import('./commands/build-command')).buildCommand,
  doctor: async () => (await import('./commands/doctor-command')).doctorCommand,
  targets: async () => (await import('./commands/targets-command')).targetsCommand,
  run: async () => (await import('./commands/run-command')).runCommand,
  notebook: async () => (await import('./commands/notebook-command')).notebookCommand,
  dissect: async () => (await import('./commands/dissect-command')).dissectCommand,
  new: async () => (await import('./commands/new-command')).newCommand,
  'debug-adapter': async () => (await import('./commands/debug-adapter-command')).debugAdapterCommand,
};

export async function runCommandLine(argv: readonly string[], context: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === '--help' || first === '-h' || first === 'help') {
      context.stdout(USAGE.trimEnd());
      return 0;
    }
    if (first === '--version' || first === '-v') {
      context.stdout(context.version);
      return 0;
    }
    if (first === undefined) throw new UsageError('missing command');
    if (first.startsWith('-')) throw new UsageError(`unknown option ${first}`);
    if (!Object.hasOwn(COMMANDS, first)) throw new UsageError(`unknown command ${first}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      context.stdout(commandUsage(first) ?? USAGE.trimEnd());
      return 0;
    }
    const command = await COMMANDS[first]!();
    return await command.run(rest, context);
  } catch (error) {
    // `mirador dissect big.pcap | head`: the rest of the output is not wanted, which is not a failure.
    if (error instanceof StdoutClosedError) return 0;
    if (!(error instanceof CliError)) throw error;
    const command = first !== undefined && Object.hasOwn(COMMANDS, first) ? first : undefined;
    context.stderr(`${command ? `mirador ${command}` : 'mirador'}: ${error.message}`);
    // A wrong option of a known command shows that command's usage; a wrong command, the whole list.
    if (error instanceof UsageError) context.stderr((command && commandUsage(command)) || USAGE.trimEnd());
    return error.exitCode;
  }
}
