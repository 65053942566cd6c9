// Mirador's additions to DAP: custom events telling UIs what the standard ones cannot, and the error ids of `launch`.
import type { LaunchPlan } from '../../api/launch-protocol';
import type { LaunchPlanEventBody } from '../../api/debug-protocol';

export {
  BOOT_PHASE_EVENT,
  LAUNCH_ERROR_FAILED,
  LAUNCH_ERROR_INVALID_ARGUMENTS,
  LAUNCH_PLAN_EVENT,
  VMM_EXITED_EVENT,
  type BootPhaseEventBody,
  type LaunchPlanEventBody,
  type VmmExitedEventBody,
} from '../../api/debug-protocol';

export function launchPlanEventBody(plan: LaunchPlan): LaunchPlanEventBody {
  const { target, command, args, cwd, accelerator, notes, capture, gdb } = plan;
  return { target, command, args, cwd, accelerator, notes, capture, gdb };
}
