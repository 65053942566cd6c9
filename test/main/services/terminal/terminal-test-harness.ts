// Runs a real TerminalService in a scratch home and workspace, recording its events for assertions.
import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TerminalExitEvent } from '../../../../main/api/terminal-protocol';
import { TerminalService } from '../../../../main/services/terminal/terminal-service';

export interface TerminalHarness {
  service: TerminalService;
  home: string;
  workspace: string;
  exits: TerminalExitEvent[];
  output(id: number): string;
  waitFor(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  waitForOutput(id: number, pattern: RegExp): Promise<RegExpMatchArray>;
}

export function startTerminalHarness(options: { workspace?: 'none'; shell?: string } = {}): TerminalHarness {
  const scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mirador-terminal-')));
  const home = scratch;
  const workspace = mkdtempSync(path.join(scratch, 'workspace-'));
  const outputs = new Map<number, string>();
  const exits: TerminalExitEvent[] = [];
  // A scratch HOME keeps the user's shell start-up files out of the tests.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, SHELL: options.shell ?? '/bin/bash', PS1: '$ ' };
  const service = new TerminalService({
    cwd: () => (options.workspace === 'none' ? null : workspace),
    env,
    onData: (event) => outputs.set(event.id, (outputs.get(event.id) ?? '') + event.data),
    onExit: (event) => exits.push(event),
    killGraceMs: 300,
  });
  const output = (id: number) => outputs.get(id) ?? '';
  const waitFor = async (condition: () => boolean, what: string, timeoutMs = 4000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const waitForOutput = async (id: number, pattern: RegExp) => {
    await waitFor(() => pattern.test(output(id)), `${pattern} in the output of terminal ${id}; got ${JSON.stringify(output(id).slice(-300))}`);
    return output(id).match(pattern) as RegExpMatchArray;
  };
  return { service, home, workspace, exits, output, waitFor, waitForOutput };
}

/** Whether `pid` still runs. A zombie counts as dead: orphans are reaped by init, which in some sandboxes never happens. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no /proc to ask: trust kill(0)
  }
}
