// `mirador start [--workspace DIR]`: the Electron window, or browser mode with one sentence saying why not.
import { spawn } from 'node:child_process';
import type { CliCommand, CliContext } from '../cli-command';
import { checkElectron } from '../electron-availability';
import { WORKSPACE_ENV } from '../electron-launch-env';
import { parseCommandOptions } from '../parse-command-options';
import { DEFAULT_WEB_PORT, serveInBrowser } from '../serve-in-browser';
import { resolveWorkspaceOption } from '../workspace-option';

/** An Electron that dies this soon (missing libraries, sandbox refused, no display access) did not really start. */
const EARLY_EXIT_MS = 3000;

export const startCommand: CliCommand = {
  async run(args, context) {
    const values = parseCommandOptions(args, { workspace: { type: 'string' } });
    const workspace = resolveWorkspaceOption(values.workspace);
    const electron = checkElectron(context.appRoot, context.env);
    const outcome = electron.available ? await runElectron(electron.executable, workspace, context) : { fellBack: electron.reason };
    if (typeof outcome === 'number') return outcome;
    context.stderr(`Mirador: Electron cannot start here (${outcome.fellBack}), so Mirador opens in your browser instead.`);
    return serveInBrowser({ port: DEFAULT_WEB_PORT, portIsFlexible: true, workspace, open: true }, context);
  },
};

/** Resolves to Electron's exit status, or to the reason to fall back when it could not start. */
function runElectron(executable: string, workspace: string | undefined, context: CliContext): Promise<number | { fellBack: string }> {
  return new Promise((resolve) => {
    const env = { ...context.env };
    if (workspace) env[WORKSPACE_ENV] = workspace;
    else delete env[WORKSPACE_ENV];
    const startedAt = Date.now();
    // package.json "main" is out/main/index.js, so the app root is Electron's whole argument list.
    const child = spawn(executable, [context.appRoot], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    // Electron's own stdout chatter goes to stderr: stdout belongs to machine-readable results.
    child.stdout.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    let forwarded = false;
    const forward = (signal: NodeJS.Signals) => {
      forwarded = true;
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const settle = (result: number | { fellBack: string }) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(result);
    };
    child.once('error', (error) => settle({ fellBack: `launching ${executable} failed: ${error.message}` }));
    child.once('exit', (code, signal) => {
      const early = Date.now() - startedAt < EARLY_EXIT_MS;
      if (early && code !== 0 && !forwarded) {
        return settle({ fellBack: signal ? `it was killed by ${signal} right after starting` : `it exited with status ${code} right after starting` });
      }
      settle(code ?? (signal ? 1 : 0));
    });
  });
}
