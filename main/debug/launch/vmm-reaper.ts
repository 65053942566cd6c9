// No orphan VMM: every live VMM is listed here, and dies with this process however it ends (exit, signal, crash).
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Lists a VMM started in its own process group (pgid = pid) until it exits. */
export function trackVmm(child: ChildProcess): void {
  if (child.pid === undefined) return;
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // 'exit' handlers must be synchronous; process.kill is.
    process.on('exit', () => killLiveVmmsNow());
  }
}

export function liveVmmCount(): number {
  return live.size;
}

/** Kills every live VMM's process group at once, synchronously (the last thing a dying process can do). */
export function killLiveVmmsNow(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const child of live) killProcessGroup(child, signal);
}

export function killProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // The group takes helpers the VMM started (xl's console client, a wrapper's children) along with it.
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

const FATAL_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

export interface ProcessDeathHooks {
  /** Called once on SIGTERM/SIGINT/SIGHUP; the default kills the VMMs and exits 128 + the signal number. */
  onSignal?(signal: NodeJS.Signals): void;
  /** Called with an uncaught error after the VMMs were killed; the process then exits 1. */
  onFatalError?(error: unknown): void;
}

/**
 * For the process that owns VMMs (the adapter) or that must not outlive them (the CLI): signals and uncaught errors
 * end the process, and the 'exit' hook kills what is left. Installing this replaces Node's default signal handling.
 */
export function installProcessDeathHooks(hooks: ProcessDeathHooks = {}): () => void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      // A second Ctrl-C means now.
      killLiveVmmsNow();
      process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 0));
    }
    signalled = true;
    if (hooks.onSignal) hooks.onSignal(signal);
    else {
      killLiveVmmsNow();
      process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 0));
    }
  };
  const onError = (error: unknown) => {
    killLiveVmmsNow();
    hooks.onFatalError?.(error);
    process.exit(1);
  };
  for (const signal of FATAL_SIGNALS) process.on(signal, onSignal);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return () => {
    for (const signal of FATAL_SIGNALS) process.off(signal, onSignal);
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  };
}

export function signalNumber(signal: NodeJS.Signals): number {
  return SIGNAL_NUMBERS[signal] ?? 0;
}
