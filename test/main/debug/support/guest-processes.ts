// Test helper: the processes a debug session leaves behind, straight from /proc: QEMU by its kernel path, gdb by parent.
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessInfo {
  pid: number;
  parent: number;
  name: string;
}

function liveProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      // A zombie is already dead; its parent has not read its status yet.
      if (/\nState:\s+Z/.test(status)) continue;
      const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '';
      const parent = Number(/^PPid:\s+(\d+)$/m.exec(status)?.[1] ?? 0);
      found.push({ pid: Number(entry), parent, name });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** gdb processes started by `parent` (the adapter): setpriv execs gdb, so gdb's parent is the adapter itself. */
export function gdbChildrenOf(parent: number): number[] {
  return liveProcesses()
    .filter((process) => process.parent === parent && process.name === 'gdb')
    .map((process) => process.pid);
}

export function isAlive(pid: number): boolean {
  return liveProcesses().some((process) => process.pid === pid);
}
