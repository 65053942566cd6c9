// `mirador debug-adapter`: the Mirador debug adapter speaking DAP on stdin/stdout, for the IDE, `mirador run` and other editors.
import { format } from 'node:util';
import type { CliCommand } from '../cli-command';
import { parseCommandOptions } from '../parse-command-options';
import { createBuiltinLaunchPlanner } from '../../debug/adapter/builtin-launch-planner';
import { MiradorDebugSession } from '../../debug/adapter/mirador-debug-session';
import { installProcessDeathHooks, killLiveVmmsNow, signalNumber } from '../../debug/launch/vmm-reaper';

/** How long a signalled adapter may spend stopping its guest politely before it kills it. */
const SIGNAL_STOP_DEADLINE_MS = 3000;

export const debugAdapterCommand: CliCommand = {
  run(args) {
    parseCommandOptions(args, {});
    keepStdoutForDap();
    return new Promise<number>((resolve) => {
      let status = 0;
      const session = new MiradorDebugSession({ planLaunch: createBuiltinLaunchPlanner(), onEnded: () => resolve(status) });
      installProcessDeathHooks({
        onSignal(signal) {
          status = 128 + signalNumber(signal);
          setTimeout(() => {
            session.killNow();
            process.exit(status);
          }, SIGNAL_STOP_DEADLINE_MS).unref();
          session.shutdown();
        },
        onFatalError(error) {
          session.killNow();
          process.stderr.write(`mirador debug-adapter: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        },
      });
      // The session ends (and stops its guest) when stdin closes: the client went away.
      session.start(process.stdin, process.stdout);
      process.on('exit', () => {
        killLiveVmmsNow();
        session.killNow();
      });
    });
  },
};

/** Any stray console.log would corrupt the DAP stream: send them all to stderr. */
function keepStdoutForDap(): void {
  const toStderr = (...values: unknown[]) => void process.stderr.write(`${format(...values)}\n`);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}
