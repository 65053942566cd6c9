// The run configuration offered for an image a MirageOS build left in dist/: the target's usual memory and network.
import { BUILD_TASK, type LaunchArguments, type UnikernelDescription } from '../../../main/api';

/** Unikernels with a TCP/IP stack need a network device; MirageOS names Solo5's default one `service`. */
function hasStack(description: UnikernelDescription | null): boolean {
  return description?.devices.some((device) => /stack/i.test(`${device.type ?? ''} ${device.detail}`)) ?? false;
}

/** A name no other configuration has, so adding never replaces one the user wrote. */
export function freeConfigurationName(wanted: string, taken: readonly string[]): string {
  if (!taken.includes(wanted)) return wanted;
  for (let number = 2; ; number++) if (!taken.includes(`${wanted} ${number}`)) return `${wanted} ${number}`;
}

/** Whether a configuration already boots this image on this target (then nothing is offered). */
export function hasConfigurationFor(configurations: readonly LaunchArguments[], image: string, target: string): boolean {
  return configurations.some((configuration) => configuration.target === target && configuration.kernel === image);
}

export function runConfigurationForImage(image: string, target: string, description: UnikernelDescription | null, taken: readonly string[]): LaunchArguments {
  const base = description?.name ?? image.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
  const configuration: LaunchArguments = { name: freeConfigurationName(`${base} (${target})`, taken), type: 'mirador', request: 'launch', preLaunchTask: BUILD_TASK, target, kernel: image };
  const network = hasStack(description);
  if (target === 'hvt' || target === 'spt') {
    configuration.memory = 64;
    // A tap made once (the Network helper shows how); 10.0.0.1 is the host's end, as in FACTS.md's commands.
    if (network) {
      configuration.network = { mode: 'tap', tap: 'tap100', name: 'service' };
      configuration.args = ['--ipv4=10.0.0.2/24', '--ipv4-gateway=10.0.0.1'];
    }
  } else if (target === 'virtio') {
    configuration.memory = 64;
    configuration.accel = 'auto';
    // QEMU's user network needs no privileges: the guest is 10.0.2.15 behind QEMU's gateway 10.0.2.2.
    configuration.network = network ? { mode: 'user' } : { mode: 'none' };
    if (network) configuration.args = ['--ipv4=10.0.2.15/24', '--ipv4-gateway=10.0.2.2'];
  } else if (target === 'xen') {
    configuration.memory = 64;
  }
  return configuration;
}
