// Test helper: runs a real tool (make, nm, QEMU) from an argv array and waits for it, killing it after a deadline.
import { spawn } from 'node:child_process';

export interface ToolRun {
  /** Exit status, or null when the process was killed by a signal (including our deadline). */
  status: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

export function runToExit(command: string, args: string[], options: { cwd?: string; timeoutMs: number }): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    // SIGKILL, not SIGTERM: a wedged guest must not keep a VMM alive behind the test run.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new Error(`${command} is not installed or not on PATH; install it (Debian: apt-get install ${debianPackageOf(command)}) and run the tests again`)
          : error,
      );
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, timedOut, stdout, stderr });
    });
  });
}

function debianPackageOf(command: string): string {
  if (command.startsWith('qemu-system-')) return 'qemu-system-x86';
  if (command === 'make') return 'make';
  if (command === 'gcc') return 'gcc';
  return 'binutils';
}
