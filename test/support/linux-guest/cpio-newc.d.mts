// Types of cpio-newc.mjs (plain JavaScript so fixture scripts run it with node alone).

export type CpioEntry =
  | { kind: 'directory'; path: string; mode?: number }
  | { kind: 'file'; path: string; data: Buffer; mode?: number }
  | { kind: 'symlink'; path: string; target: string }
  | { kind: 'char-device'; path: string; major: number; minor: number; mode?: number };

export function encodeCpioNewc(entries: readonly CpioEntry[]): Buffer;
