// Benchmark support: starts `mirador web` on a free port for a workspace and resolves once it prints its URL.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const READY = /^Mirador is serving at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))$/;

/** Resolves with the server process and the URL (with its token), port and token it printed. */
export function startMiradorWeb(workspace, userDataDir) {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'main/cli/bin.cjs'), 'web', '--port', '0', '--no-open', '--workspace', workspace], {
    env: { ...process.env, MIRADOR_SKIP_BUILD_CHECK: '1', MIRADOR_USER_DATA_DIR: userDataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`mirador web exited with ${code}`)));
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      const match = READY.exec(line);
      if (!match) reject(new Error(`unexpected line ${line}`));
      else resolve({ child, url: match[1], port: Number(match[2]), token: match[3] });
    });
  });
}
