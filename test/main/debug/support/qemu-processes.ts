// Test helper: finds live QEMU processes by a word of their command line (our kernel's path), straight from /proc.
import { readdirSync, readFileSync } from 'node:fs';

export interface QemuProcess {
  pid: number;
  argv: string[];
}

export function qemuProcessesWith(word: string): QemuProcess[] {
  const found: QemuProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      // A zombie has an empty cmdline and is already dead.
      if (/\nState:\s+Z/.test(readFileSync(`/proc/${entry}/status`, 'utf8'))) continue;
    } catch {
      continue;
    }
    if (argv.length > 0 && /qemu-system/.test(argv[0]!) && argv.includes(word)) found.push({ pid: Number(entry), argv });
  }
  return found;
}

/** Polls until no QEMU runs with `word` (true) or the time is up (false). */
export async function noQemuWithin(word: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (qemuProcessesWith(word).length > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

/** Kills what a failed test left behind, by pid, so one failure does not leak into the next test. */
export function killLeftoverQemu(word: string): void {
  for (const { pid } of qemuProcessesWith(word)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}
