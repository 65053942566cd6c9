// Starts the real `mirador web` command as a child process and reads the one URL line it prints when ready.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(REPO_ROOT, 'main/cli/bin.cjs');
const READY_LINE = /^Mirador is serving at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/;

export interface MiradorWeb {
  url: string;
  origin: string;
  port: number;
  token: string;
  process: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

export interface MiradorWebOptions {
  workspace?: string;
  userDataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Runs `mirador web` through this program and arguments, e.g. setpriv to start it without CAP_NET_ADMIN. */
  wrapper?: string[];
}

export function startMiradorWeb(options: MiradorWebOptions): Promise<MiradorWeb> {
  const args = [BIN, 'web', '--port', '0', '--no-open'];
  if (options.workspace) args.push('--workspace', options.workspace);
  const [command, ...commandArgs] = [...(options.wrapper ?? []), process.execPath, ...args];
  const child = spawn(command!, commandArgs, {
    cwd: REPO_ROOT,
    env: { ...process.env, MIRADOR_SKIP_BUILD_CHECK: '1', MIRADOR_USER_DATA_DIR: options.userDataDir, SHELL: '/bin/bash', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mirador web printed no URL within 20 s. stderr:\n${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`mirador web exited with ${code} before it was ready. stderr:\n${stderr}`)));
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = READY_LINE.exec(line);
      if (!match) return reject(new Error(`unexpected first stdout line: ${JSON.stringify(line)}`));
      const port = Number(match[2]);
      resolve({
        url: match[1],
        origin: `http://127.0.0.1:${port}`,
        port,
        token: match[3],
        process: child,
        stderr: () => stderr,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      });
    });
  });
}
