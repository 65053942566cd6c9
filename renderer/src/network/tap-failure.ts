// Recognises a VMM that could not open its tap device (QEMU, Solo5, or older tenders' TUNSETIFF) and says how to fix it.

export type TapFailureKind = 'permission' | 'missing' | 'down' | 'no-tun' | 'busy';

export interface TapFailure {
  kind: TapFailureKind;
  /** The tap the VMM asked for, when the message names it. */
  tap?: string;
  /** What happened, in one sentence. */
  explanation: string;
  /** The exact commands that fix it. */
  fix: string;
}

const PATTERNS: ReadonlyArray<{ pattern: RegExp; kind: TapFailureKind }> = [
  // QEMU: `could not configure /dev/net/tun (tap100): Operation not permitted` (recorded here with CAP_NET_ADMIN dropped).
  { pattern: /could not configure \/dev\/net\/tun \(([^)]*)\): Operation not permitted/, kind: 'permission' },
  { pattern: /could not configure \/dev\/net\/tun \(([^)]*)\): Device or resource busy/, kind: 'busy' },
  // Solo5 tenders: `solo5-hvt: Could not attach interface: tap100: Operation not permitted` (tap_attach + warnx).
  { pattern: /Could not attach interface: ([^:\s]+): Operation not permitted/, kind: 'permission' },
  { pattern: /Could not attach interface: ([^:\s]+): No such file or directory/, kind: 'missing' },
  { pattern: /Could not attach interface: ([^:\s]+): Network is down/, kind: 'down' },
  { pattern: /Could not attach interface: ([^:\s]+): Device or resource busy/, kind: 'busy' },
  // Older tenders and other tools print the ioctl's name.
  { pattern: /TUNSETIFF[^\n]*Operation not permitted()/, kind: 'permission' },
  { pattern: /\/dev\/net\/tun[^\n]*No such file or directory()/, kind: 'no-tun' },
];

export function createTapCommand(tap: string): string {
  return `sudo ip tuntap add ${tap} mode tap user $USER && sudo ip addr add 10.0.0.1/24 dev ${tap} && sudo ip link set dev ${tap} up`;
}

/** The first tap failure in a VMM's stderr (or a run's failure message), or null when there is none. */
export function diagnoseTapFailure(text: string, fallbackTap = 'tap100'): TapFailure | null {
  for (const { pattern, kind } of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const named = match[1] || undefined;
    const tap = named ?? fallbackTap;
    switch (kind) {
      case 'permission':
        return {
          kind,
          ...(named ? { tap: named } : {}),
          explanation: `The VMM may not open ${tap}: creating or attaching a tap needs CAP_NET_ADMIN, unless the tap was made for your user beforehand.`,
          fix: createTapCommand(tap),
        };
      case 'missing':
        return { kind, tap, explanation: `${tap} does not exist: Solo5 attaches to an existing tap and never creates one.`, fix: createTapCommand(tap) };
      case 'down':
        return { kind, tap, explanation: `${tap} exists but is down.`, fix: `sudo ip link set dev ${tap} up` };
      case 'busy':
        return { kind, tap, explanation: `${tap} is in use by another VMM (a tap serves one guest at a time).`, fix: `stop the other guest, or make another tap: ${createTapCommand(`${tap.replace(/\d+$/, '')}${Number(/\d+$/.exec(tap)?.[0] ?? 100) + 1}`)}` };
      case 'no-tun':
        return { kind, explanation: '/dev/net/tun is missing: the tun module is not loaded.', fix: 'sudo modprobe tun' };
    }
  }
  return null;
}
