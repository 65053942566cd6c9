// Whether Xen guests can start here: xl on PATH and this machine running as a Xen dom0.
import type { TargetAvailability, TargetHost } from '../../main/api/target-provider-api';

export function xlTool(host: TargetHost) {
  return host.doctor.tools.find((tool) => tool.name === 'xl');
}

export function xenAvailability(host: TargetHost): TargetAvailability {
  const xl = xlTool(host);
  // Debian's xl wrapper is "found" on machines without Xen; its problem then says so.
  if (!xl?.found || xl.problem) return { available: false, reason: xl?.problem ?? 'no xl on PATH', fix: xl?.fix ?? 'sudo apt-get install xen-utils' };
  const dom0 = host.doctor.capabilities.find((capability) => capability.name === 'xen-dom0');
  if (dom0?.available !== true) {
    return {
      available: false,
      reason: `xl needs a Xen dom0: ${dom0?.detail ?? 'the toolchain doctor did not check /proc/xen'}`,
      fix: dom0?.fix ?? 'boot this machine under the Xen hypervisor (Debian: sudo apt-get install xen-system-amd64, then reboot into the Xen entry)',
    };
  }
  return { available: true };
}
