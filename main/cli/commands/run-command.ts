// `mirador run`: boots a unikernel through the debug adapter, streams its console to stdout, exits with the guest's status.
import { BUILD_TASK, type LaunchArguments } from '../../api/launch-protocol';
import { installProcessDeathHooks, signalNumber } from '../../debug/launch/vmm-reaper';
import type { CliCommand } from '../cli-command';
import { CliError } from '../cli-error';
import { checkKernelExists, chooseRunConfiguration } from '../run/run-configuration-choice';
import { GuestRun } from '../run/guest-run';
import { withCaptureNetwork } from '../run/pcap-network';
import { parseRunOptions } from '../run/run-options';
import { buildWorkspace } from '../workspace-build';

export const runCommand: CliCommand = {
  async run(args, context) {
    const workspace = process.cwd();
    const options = parseRunOptions(args, workspace);
    let launch = options.launch as LaunchArguments;
    if (options.configuration) {
      const chosen = await chooseRunConfiguration(workspace, options.configuration.name, options.launch);
      for (const problem of chosen.problems) context.stderr(`mirador run: warning: ${problem}`);
      launch = chosen.launch;
      // "preLaunchTask": "mirador: build", as VS Code runs a preLaunchTask: build, and start nothing when that fails.
      if (launch.preLaunchTask === BUILD_TASK) {
        const built = await buildWorkspace(workspace, launch.target, context, 'mirador run');
        const notStarted = `${chosen.label} was not started (its preLaunchTask is "${BUILD_TASK}")`;
        if (built.status === 1) throw new CliError(`the build failed, so ${notStarted}: ${built.message}`);
        if (built.status !== 0) {
          context.stderr(`mirador run: the build was cancelled, so ${notStarted}`);
          return built.status;
        }
        checkKernelExists(workspace, launch, options.launch, chosen.label, 'the build succeeded without making it: check the configuration\'s "kernel"');
      }
    }
    if (options.pcap) launch = withCaptureNetwork(launch, '--pcap');
    if (options.syslog) launch = withCaptureNetwork(launch, '--syslog');

    const run = new GuestRun(
      { workspace, launch, until: options.until, timeoutMs: options.timeoutMs, pcap: options.pcap, syslog: options.syslog },
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
