// Entry of the `mirador` command (out/main/cli.js, loaded by main/cli/bin.cjs): runs one command and exits with its status.
import { findAppRoot, readAppVersion } from './app-root';
import { writeStdoutBlocking } from './blocking-stdout';
import { runCommandLine } from './command-dispatcher';

async function main(): Promise<number> {
  const appRoot = findAppRoot(import.meta.dirname);
  return runCommandLine(process.argv.slice(2), {
    appRoot,
    version: readAppVersion(appRoot),
    env: process.env,
    stdout: (line) => process.stdout.write(`${line}\n`),
    stdoutBytes: (bytes) => {
      writeStdoutBlocking(bytes);
      return true;
    },
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
}

main().then(
  // Exit explicitly: a finished command must not linger on a leftover watcher or timer. But first let stdout drain: a pipe
  // whose reader is slower than us (`mirador dissect big.pcap | less`) still holds queued output an exit would drop.
  (code) => {
    if (process.stdout.writableLength === 0) process.exit(code);
    process.stdout.once('error', () => process.exit(code));
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`mirador: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
