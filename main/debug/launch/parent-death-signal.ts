// Makes a VMM die with its parent even when the parent is SIGKILLed (no exit hook runs then), via util-linux setpriv.
import { spawn } from 'node:child_process';

let setprivWorks: Promise<boolean> | undefined;

/** Checks once, in the background, that `setpriv --pdeathsig` works here; call early so launches need not wait. */
export function checkParentDeathSignalSupport(): Promise<boolean> {
  setprivWorks ??=
    process.platform !== 'linux'
      ? Promise.resolve(false)
      : new Promise((resolve) => {
          const probe = spawn('setpriv', ['--pdeathsig', 'SIGKILL', '--', 'true'], { stdio: 'ignore', timeout: 2000 });
          probe.once('error', () => resolve(false));
          probe.once('exit', (code) => resolve(code === 0));
        });
  return setprivWorks;
}

/**
 * Node cannot call prctl(PR_SET_PDEATHSIG); `setpriv --pdeathsig SIGKILL -- cmd args` sets it and execs the command,
 * so the VMM keeps its pid and argv. Where setpriv is missing or too old (not Linux, util-linux < 2.33), the argv is
 * returned unchanged and the exit hooks remain the guard.
 */
export async function withParentDeathSignal(command: string, args: string[]): Promise<{ command: string; args: string[] }> {
  return (await checkParentDeathSignalSupport()) ? { command: 'setpriv', args: ['--pdeathsig', 'SIGKILL', '--', command, ...args] } : { command, args };
}
