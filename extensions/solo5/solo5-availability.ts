// Whether a Solo5 tender can run here: the tender on PATH (from the doctor) and, for hvt, a usable /dev/kvm.
import type { TargetAvailability, TargetHost } from '../../main/api/target-provider-api';
import type { ToolName, ToolStatus } from '../../main/api/toolchain-protocol';

export type Solo5Tender = 'hvt' | 'spt';

const SOLO5_FIX = 'opam install solo5';

export function solo5Tool(host: TargetHost, name: ToolName): ToolStatus | undefined {
  return host.doctor.tools.find((tool) => tool.name === name);
}

/** Throws with the fix when the tool is missing; returns the path the doctor found (or the bare name). */
export function requireSolo5Tool(host: TargetHost, name: ToolName, why: string): string {
  const tool = solo5Tool(host, name);
  if (!tool?.found || tool.problem) throw new Error(`${name} is needed ${why} (${tool?.problem ?? `no ${name} on PATH`}). Fix: ${tool?.fix ?? SOLO5_FIX}`);
  return tool.path ?? name;
}

export function solo5Availability(tender: Solo5Tender, host: TargetHost): TargetAvailability {
  const name = tender === 'hvt' ? 'solo5-hvt' : 'solo5-spt';
  const tool = solo5Tool(host, name);
  // Found but broken (fails to run, wrong host) counts as missing: the doctor's problem says why.
  if (!tool?.found || tool.problem) return { available: false, reason: tool?.problem ?? `no ${name} on PATH`, fix: tool?.fix ?? SOLO5_FIX };
  if (tender === 'hvt') {
    const kvm = host.doctor.capabilities.find((capability) => capability.name === 'kvm');
    if (kvm?.available !== true) {
      return {
        available: false,
        reason: `solo5-hvt needs KVM: ${kvm?.detail ?? 'the toolchain doctor did not check /dev/kvm'}`,
        fix: kvm?.fix ?? 'load the kvm module and give yourself access to /dev/kvm (sudo usermod -aG kvm $USER)',
      };
    }
  }
  return { available: true };
}
