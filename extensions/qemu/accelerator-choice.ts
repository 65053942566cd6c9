// Picks KVM or TCG for a launch from the doctor's /dev/kvm check, and says why (the status bar shows the reason).
import type { Accelerator } from '../../main/api/launch-protocol';
import type { DoctorReport } from '../../main/api/toolchain-protocol';

export interface AcceleratorChoice {
  kind: 'kvm' | 'tcg';
  reason: string;
}

export function chooseAccelerator(requested: Accelerator | undefined, doctor: DoctorReport): AcceleratorChoice {
  const kvm = doctor.capabilities.find((capability) => capability.name === 'kvm');
  const usable = kvm?.available === true;
  const detail = kvm?.detail ?? 'the toolchain doctor did not check /dev/kvm';
  if (requested === 'tcg') return { kind: 'tcg', reason: 'TCG: chosen in the run configuration ("accel": "tcg")' };
  if (requested === 'kvm') {
    if (!usable) {
      const fix = kvm?.fix ? `Fix it (${kvm.fix}), or set` : 'Set';
      throw new Error(`KVM was asked for ("accel": "kvm") but cannot be used here: ${detail}. ${fix} "accel" to "auto" or "tcg" to run under TCG (slower).`);
    }
    return { kind: 'kvm', reason: `KVM: chosen in the run configuration ("accel": "kvm"); ${detail}` };
  }
  return usable ? { kind: 'kvm', reason: `KVM: ${detail}` } : { kind: 'tcg', reason: `TCG: ${detail}` };
}
