// Makes a toplevel die with the backend even when the backend is SIGKILLed mid-cell (no exit hook runs then), via setpriv.
// The same guard main/debug/launch/parent-death-signal.ts gives VMMs, checked synchronously because kernels start synchronously.
import { spawnSync } from 'node:child_process';

let supported: boolean | undefined;

/** `setpriv --pdeathsig SIGKILL -- command args` where util-linux's setpriv can do it (it execs: same pid, same argv); else unchanged. */
export function withParentDeathSignal(command: string, args: string[]): { command: string; args: string[] } {
  supported ??= process.platform === 'linux' && spawnSync('setpriv', ['--pdeathsig', 'SIGKILL', '--', 'true'], { stdio: 'ignore', timeout: 2000 }).status === 0;
  return supported ? { command: 'setpriv', args: ['--pdeathsig', 'SIGKILL', '--', command, ...args] } : { command, args };
}
