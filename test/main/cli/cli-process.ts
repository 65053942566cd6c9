// Test helper: runs the built `mirador` command as a child process with an isolated home, and watches its output.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN_LAUNCHER, CLI_ENTRY } from './app-build';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An environment without a display or Mirador variables, whose home and config live under `home`. */
export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: `${home}/.config`, ...extra };
  for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'MIRADOR_BROWSER', 'MIRADOR_USER_DATA_DIR', 'MIRADOR_WORKSPACE', 'ELECTRON_EXEC_PATH', 'ELECTRON_OVERRIDE_DIST_PATH']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<CliRun>;

  constructor(args: string[], env: NodeJS.ProcessEnv, options: { viaLauncher?: boolean } = {}) {
    this.child = spawn(process.execPath, [options.viaLauncher ? BIN_LAUNCHER : CLI_ENTRY, ...args], { env });
    this.child.stdout.setEncoding('utf8').on('data', (text: string) => (this.stdout += text));
    this.child.stderr.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code) => resolve({ code, stdout: this.stdout, stderr: this.stderr }));
    });
  }

  /** Resolves to the first complete stdout line; rejects if the process ends first. */
  async firstStdoutLine(timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.stdout.includes('\n')) {
      if (this.child.exitCode !== null) throw new Error(`mirador exited (${this.child.exitCode}) before printing a line:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no stdout line within ${timeoutMs} ms:\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.stdout.slice(0, this.stdout.indexOf('\n'));
  }

  stop(signal: NodeJS.Signals = 'SIGINT'): Promise<CliRun> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, options: { viaLauncher?: boolean } = {}): Promise<CliRun> {
  return new CliProcess(args, env, options).exited;
}
