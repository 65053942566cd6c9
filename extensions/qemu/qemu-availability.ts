// Whether qemu-system-x86_64 is here (from the toolchain doctor), and the command that installs it when not.
import type { TargetAvailability, TargetHost } from '../../main/api/target-provider-api';
import type { ToolStatus } from '../../main/api/toolchain-protocol';

export const QEMU_TOOL = 'qemu-system-x86_64';
const QEMU_FIX = 'sudo apt-get install qemu-system-x86';

export function qemuTool(host: TargetHost): ToolStatus | undefined {
  return host.doctor.tools.find((tool) => tool.name === QEMU_TOOL);
}

export function qemuAvailability(host: TargetHost): TargetAvailability {
  const tool = qemuTool(host);
  // Found but broken (hangs, wrong host, too old) counts as missing: the doctor's problem says why.
  if (tool?.found && !tool.problem) return { available: true };
  return { available: false, reason: tool?.problem ?? `no ${QEMU_TOOL} on PATH`, fix: tool?.fix ?? QEMU_FIX };
}

/** The executable the doctor found (so we run the very binary it checked), or the bare name for PATH lookup. */
export function qemuCommand(host: TargetHost): string {
  return qemuTool(host)?.path ?? QEMU_TOOL;
}
