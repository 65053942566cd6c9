// Finds the live processes of a terminal session, so killing a terminal also reaches jobs that left its process group.
import { readdir, readFile } from 'node:fs/promises';

/**
 * Live (non-zombie) processes whose session id is `sessionId`. Reads /proc, so it finds them on Linux only;
 * elsewhere it returns [] and callers fall back to signalling the process group.
 */
export async function sessionMembers(sessionId: number): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }
  const pids = entries.filter((entry) => /^\d+$/.test(entry)).map(Number);
  const members = await Promise.all(pids.map(async (pid) => ((await sessionOf(pid)) === sessionId ? pid : null)));
  return members.filter((pid): pid is number => pid !== null);
}

async function sessionOf(pid: number): Promise<number | null> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // gone while we looked
  }
  // The command name in parentheses may contain spaces and ')', so fields are counted from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [state, , , session] = fields;
  if (state === 'Z' || session === undefined) return null;
  return Number(session);
}
