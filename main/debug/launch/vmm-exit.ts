// Reads a VMM's exit: did the guest end the run (and with which status), did we stop it, or did the VMM fail?
import type { LaunchPlan } from '../../api/launch-protocol';

/** QEMU's status when Solo5's virtio binding writes 41 to the debug-exit port: (41 << 1) | 1. */
const SOLO5_VIRTIO_EXIT_STATUS = 83;

export type VmmOutcome = 'guest-exited' | 'stopped' | 'failed';

export interface VmmExit {
  /** The VMM process's own exit status (null when a signal ended it). */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The guest's status when the guest ended the run; null when it was stopped or the VMM failed. */
  guestStatus: number | null;
  outcome: VmmOutcome;
  /** One sentence for people, e.g. "the guest exited with status 3". */
  description: string;
}

export interface VmmExitFacts {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** We asked the VMM to stop (terminate, disconnect, timeout). */
  stopRequested: boolean;
  /** The last lines the VMM wrote on stderr. */
  stderrLines: string[];
  /** Set when the process could not even start (e.g. ENOENT). */
  spawnError?: string;
}

export function classifyVmmExit(plan: Pick<LaunchPlan, 'exitStatus'>, facts: VmmExitFacts): VmmExit {
  const { code, signal } = facts;
  const name = commandName(facts.command);
  const result = (outcome: VmmOutcome, guestStatus: number | null, description: string): VmmExit => ({ code, signal, guestStatus, outcome, description });
  if (facts.spawnError) return result('failed', null, facts.spawnError);
  if (plan.exitStatus === 'solo5-virtio' && code === SOLO5_VIRTIO_EXIT_STATUS) {
    return result('guest-exited', 0, 'the unikernel exited (Solo5 on virtio does not pass its own exit code through)');
  }
  if (plan.exitStatus === 'isa-debug-exit' || plan.exitStatus === 'solo5-virtio') {
    // QEMU exits (value << 1) | 1 for a guest write to isa-debug-exit, so an odd status is the guest's, except that
    // QEMU also exits 1 when it cannot start; the error it printed tells those apart.
    if (code !== null && code % 2 === 1 && !(code === 1 && reportsError(facts.stderrLines))) {
      return result('guest-exited', code >> 1, `the guest exited with status ${code >> 1}`);
    }
    if (code === 0 || (facts.stopRequested && signal !== null)) {
      return result('stopped', null, facts.stopRequested ? 'the guest was stopped' : `${name} was stopped from outside (it exited with status 0 before the guest ended the run)`);
    }
    return result('failed', null, failure(name, code, signal));
  }
  if (plan.exitStatus === 'gdbserver' && !facts.stopRequested) {
    const child = gdbserverChildExit(facts.stderrLines);
    if (child?.status !== undefined) return result('guest-exited', child.status, `the guest exited with status ${child.status}`);
    if (child?.signal !== undefined) return result('failed', null, `the guest was killed by ${child.signal}`);
  }
  if (facts.stopRequested) return result('stopped', null, 'the guest was stopped');
  if (code !== null) return result('guest-exited', code, `the guest exited with status ${code}`);
  return result('failed', null, failure(name, code, signal));
}

/** Exit status a shell would report for the process: its code, or 128 + the signal number. */
export function shellStatus(exit: Pick<VmmExit, 'code' | 'signal'>): number {
  if (exit.code !== null) return exit.code;
  const signals: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };
  return 128 + (exit.signal ? (signals[exit.signal] ?? 0) : 0);
}

function failure(name: string, code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `${name} was killed by ${signal}` : `${name} exited with status ${code}`;
}

/** gdbserver ends with status 0 whatever its program did; its last words say: `Child exited with status 3`, `Child terminated with signal = 0xb (SIGSEGV)`. */
function gdbserverChildExit(lines: string[]): { status?: number; signal?: string } | undefined {
  for (const line of [...lines].reverse()) {
    const exited = /^Child exited with status (\d+)/.exec(line);
    if (exited) return { status: Number(exited[1]) };
    const signalled = /^Child terminated with signal = \w+ \((\w+)\)/.exec(line);
    if (signalled) return { signal: signalled[1] };
  }
  return undefined;
}

/** QEMU's error lines (`qemu-system-x86_64: -kernel x: ...`, `qemu: invalid kernel header`), not its warnings. */
function reportsError(lines: string[]): boolean {
  return lines.some((line) => !/warning:|terminating on signal/i.test(line));
}

function commandName(command: string): string {
  return command.split('/').pop() || command;
}
