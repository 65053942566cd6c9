// Makes a VMM die with its parent even when the parent is SIGKILLed (no exit hook runs then), via util-linux setpriv.
import { spawnSync } from 'node:child_process';

let setprivWorks: boolean | undefined;

/**
 * Node cannot call prctl(PR_SET_PDEATHSIG); `setpriv --pdeathsig SIGKILL -- cmd args` sets it and execs the command,
 * so the VMM keeps its pid and argv. Where setpriv is missing or too old (not Linux, util-linux < 2.33), the argv is
 * returned unchanged and the exit hooks remain the guard.
 */
export function withParentDeathSignal(command: string, args: string[]): { command: string; args: string[] } {
  if (process.platform !== 'linux') return { command, args };
  setprivWorks ??= spawnSync('setpriv', ['--pdeathsig', 'SIGKILL', '--', 'true'], { stdio: 'ignore', timeout: 2000 }).status === 0;
  return setprivWorks ? { command: 'setpriv', args: ['--pdeathsig', 'SIGKILL', '--', command, ...args] } : { command, args };
}
