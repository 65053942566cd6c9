// Finds gdb before a debug launch starts anything, so a missing gdb is reported with the doctor's fix, not as a crash.
import { TOOL_CATALOG } from '../../services/toolchain/tool-catalog';
import { pathDirsFromEnv, searchPath } from '../../services/toolchain/executable-search';

/** The doctor's own fix for gdb, so `mirador doctor` and a failed debug launch say the same thing. */
export const GDB_FIX = TOOL_CATALOG.find((tool) => tool.name === 'gdb')?.fix ?? 'sudo apt-get install gdb';

export type GdbLocation = { found: string } | { problem: string };

export async function locateGdb(env: NodeJS.ProcessEnv = process.env): Promise<GdbLocation> {
  const search = await searchPath('gdb', pathDirsFromEnv(env));
  if (search.kind === 'found') return { found: search.path };
  const where = search.kind === 'not-executable' ? `${search.path} is not executable` : 'gdb was not found on PATH';
  return { problem: `Debugging needs gdb, and ${where}. Fix: ${GDB_FIX} (mirador doctor checks it), or run without debugging ("noDebug": true, Ctrl+F5).` };
}
