// Runs a short-lived tool (argv only) and collects its output; aborting kills the tool and everything it started.
import { spawn } from 'node:child_process';

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** null when the tool was ended by a signal. */
  code: number | null;
}

/** The doctor passes a signal that fires on timeout; runners that ignore it are still bounded by the doctor. */
export type CommandRunner = (command: string, args: string[], signal?: AbortSignal) => Promise<CommandResult>;

/** Version banners are short; a tool that floods its output is cut off rather than held in memory. */
const OUTPUT_LIMIT = 64 * 1024;

export function createCommandRunner(env: NodeJS.ProcessEnv): CommandRunner {
  // LC_ALL=C keeps banners in English so the version patterns match.
  const childEnv = { ...env, LC_ALL: 'C' };
  return (command, args, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      // A process group of its own, so a timeout also ends what a wrapper script started (which would hold the pipes open).
      const child = spawn(command, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout = (stdout + text).slice(0, OUTPUT_LIMIT)));
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(0, OUTPUT_LIMIT)));
      const killGroup = () => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      };
      signal?.addEventListener('abort', killGroup, { once: true });
      child.on('error', (error) => {
        signal?.removeEventListener('abort', killGroup);
        reject(error);
      });
      child.on('close', (code) => {
        signal?.removeEventListener('abort', killGroup);
        resolve({ stdout, stderr, code });
      });
    });
}
