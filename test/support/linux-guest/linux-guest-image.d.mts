// Types of linux-guest-image.mjs (plain JavaScript so fixture scripts run it with node alone).

export const VIRTIO_NET_MODULES: string[];

export interface LinuxGuestRun {
  httpPort?: number;
  tlsPort?: number;
  udpPort?: number;
  /** exit: end the run after the traffic (status 0 through isa-debug-exit); loop: send a UDP tick each second until stopped. */
  mode?: 'exit' | 'loop';
}

export interface LinuxGuest {
  kernel: string;
  initrd: string;
  /** The kernel command line for a run: serial console, quiet, and what the guest should do. */
  append(options?: LinuxGuestRun): string;
}

export function linuxGuestUnavailable(): string | undefined;
export function buildLinuxGuest(dir: string): Promise<LinuxGuest>;
