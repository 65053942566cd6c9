// `mirador run`: boots a unikernel through the debug adapter, streams its console to stdout, exits with the guest's status.
import type { LaunchArguments } from '../../api/launch-protocol';
import { installProcessDeathHooks, signalNumber } from '../../debug/launch/vmm-reaper';
import type { CliCommand } from '../cli-command';
import { chooseRunConfiguration } from '../run/run-configuration-choice';
import { GuestRun } from '../run/guest-run';
import { withCaptureNetwork } from '../run/pcap-network';
import { parseRunOptions } from '../run/run-options';

export const runCommand: CliCommand = {
  async run(args, context) {
    const workspace = process.cwd();
    const options = parseRunOptions(args, workspace);
    let launch = options.launch as LaunchArguments;
    if (options.configuration) {
      const chosen = await chooseRunConfiguration(workspace, options.configuration.name, options.launch);
      for (const problem of chosen.problems) context.stderr(`mirador run: warning: ${problem}`);
      launch = chosen.launch;
    }
    if (options.pcap) launch = withCaptureNetwork(launch);

    const run = new GuestRun(
      { workspace, launch, until: options.until, timeoutMs: options.timeoutMs, pcap: options.pcap },
      {
        console: (text) => void process.stdout.write(text),
        vmmStderr: (text) => void process.stderr.write(text),
        reason: (line) => context.stderr(line),
      },
    );
    const removeHooks = installProcessDeathHooks({
      onSignal: (signal) => run.stop({ kind: 'signal', signal, status: 128 + signalNumber(signal) }),
      onFatalError: (error) => {
        run.killAdapterNow();
        context.stderr(`mirador run: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      },
    });
    // A closed stdout (`mirador run | head -3`) ends the run like Ctrl-C would, instead of crashing on EPIPE.
    const onStdoutError = () => run.stop({ kind: 'signal', signal: 'SIGPIPE', status: 141 });
    process.stdout.on('error', onStdoutError);
    const onExit = () => run.killAdapterNow();
    process.on('exit', onExit);
    try {
      return await run.run();
    } finally {
      removeHooks();
      process.stdout.off('error', onStdoutError);
    }
  },
};
