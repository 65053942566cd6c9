// Debug part of the contract: DAP sessions with the Mirador debug adapter, whose messages are relayed unchanged.
import type { LaunchPlan } from './launch-protocol';

/** A DAP message (request, response or event) as the Debug Adapter Protocol defines it; relayed as is. */
export interface DapMessage {
  seq: number;
  type: 'request' | 'response' | 'event';
  [key: string]: unknown;
}

export interface DebugSessionInfo {
  sessionId: number;
}

export interface DebugSendParams {
  sessionId: number;
  message: DapMessage;
}

export interface DebugMessageEvent {
  sessionId: number;
  message: DapMessage;
}

export interface DebugSessionEndEvent {
  sessionId: number;
  /** Why the adapter process ended, when it was not a normal end (e.g. it crashed). */
  reason?: string;
}

/** Mirador's custom DAP event, sent once the plan is known (before the VMM starts): target, argv, "TCG: reason". */
export const LAUNCH_PLAN_EVENT = 'mirador/launchPlan';
export type LaunchPlanEventBody = Pick<LaunchPlan, 'target' | 'command' | 'args' | 'cwd' | 'accelerator' | 'notes' | 'capture' | 'gdb'>;

/** Mirador's custom DAP event, sent once the VMM is gone: the standard events cannot say "stopped" or "failed". */
export const VMM_EXITED_EVENT = 'mirador/vmmExited';
export type VmmOutcome = 'guest-exited' | 'stopped' | 'failed';
export interface VmmExitedEventBody {
  /** The VMM process's own exit status (null when a signal ended it). */
  code: number | null;
  signal: string | null;
  /** The guest's status when the guest ended the run; null when it was stopped or the VMM failed. */
  guestStatus: number | null;
  outcome: VmmOutcome;
  /** One sentence for people, e.g. "the guest exited with status 3". */
  description: string;
  stderrTail: string[];
}

/** Mirador's custom DAP event: a boot phase was reached, in debug sessions and runs alike (each at most once a launch). */
export const BOOT_PHASE_EVENT = 'mirador/bootPhase';
/**
 * `vmm-start`: the VMM process runs; `kernel-entry`: the CPU reached the image's entry point; `first-console-byte`: the
 * guest wrote its first console byte; `application-main`: `kernel_main` or `main` was reached; `exit`: the VMM is gone.
 * `kernel-entry` and `application-main` need gdb: runs without it (noDebug) report the three others.
 */
export type BootPhaseName = 'vmm-start' | 'kernel-entry' | 'first-console-byte' | 'application-main' | 'exit';
export interface BootPhaseEventBody {
  name: BootPhaseName;
  /** Milliseconds since the adapter received the `launch` (or `restart`) request, to 0.1 ms. */
  t: number;
}

/** `body.error.id` of a failed `launch`: the arguments are wrong (fix the configuration) ... */
export const LAUNCH_ERROR_INVALID_ARGUMENTS = 3001;
/** ... the launch could not start (a tool is missing, the VMM failed to spawn) ... */
export const LAUNCH_ERROR_FAILED = 3002;
/** ... or debugging was asked for where it cannot be done (no longer sent: targets without a gdb stub run undebugged). */
export const LAUNCH_ERROR_DEBUG_UNSUPPORTED = 3003;

/**
 * The hit counts (DAP `hitCondition`) Mirador's adapter takes, as the ignore count gdb gets: `5` and `>=5` stop from the
 * 5th hit on (4 ignored), `>5` from the 6th. Undefined for what an ignore count cannot say (`==5`, `%5`, words). The
 * IDE checks what the user types with it too.
 */
export function ignoreCountOf(hitCondition: string): number | undefined {
  const match = /^\s*(>=|>|==)?\s*(\d+)\s*$/.exec(hitCondition);
  if (!match || match[1] === '==') return undefined;
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1) return undefined;
  return match[1] === '>' ? count : count - 1;
}
