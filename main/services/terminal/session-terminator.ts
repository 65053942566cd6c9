// Ends a terminal's whole session: SIGHUP like a closed terminal would, then SIGKILL what is left after a grace period.
import { sessionMembers } from './session-members';

const POLL_INTERVAL_MS = 20;

export interface SessionLeader {
  /** The shell's pid; node-pty makes it the leader of a new session and process group, so pid = sid = pgid. */
  pid: number;
  hasExited(): boolean;
}

export async function terminateSession(leader: SessionLeader, graceMs: number): Promise<void> {
  await signalSession(leader.pid, 'SIGHUP');
  if (await waitUntil(async () => leader.hasExited() && (await sessionMembers(leader.pid)).length === 0, graceMs)) return;
  await signalSession(leader.pid, 'SIGKILL');
  await waitUntil(async () => leader.hasExited(), graceMs);
}

async function signalSession(sessionId: number, signal: NodeJS.Signals): Promise<void> {
  const targets = new Set([sessionId, ...(await sessionMembers(sessionId))]);
  for (const pid of targets) sendSignal(pid, signal);
  // The group covers platforms where sessionMembers cannot look (no /proc).
  sendSignal(-sessionId, signal);
}

function sendSignal(target: number, signal: NodeJS.Signals): void {
  // Guard against ever signalling init, "every process" (0/-1) or ourselves through a bogus pid.
  if (Math.abs(target) <= 1 || target === process.pid) return;
  try {
    process.kill(target, signal);
  } catch {
    // Already gone (ESRCH) is the goal; EPERM means it is not ours to kill.
  }
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
