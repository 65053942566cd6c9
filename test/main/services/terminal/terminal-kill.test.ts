// Killing a terminal or disposing the service leaves no process behind, even ones that ignore SIGHUP.
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, startTerminalHarness, type TerminalHarness } from './terminal-test-harness';

let harness: TerminalHarness | undefined;
afterEach(async () => {
  await harness?.service.dispose();
  harness = undefined;
});

describe('TerminalService process cleanup', () => {
  it('kill ends the shell and reports its exit', async () => {
    harness = startTerminalHarness();
    const { service, exits } = harness;
    const { id } = service.create({ cols: 80, rows: 24 });
    const [pid] = service.pids;
    expect(isAlive(pid)).toBe(true);
    await service.kill({ id });
    expect(isAlive(pid)).toBe(false);
    expect(exits).toEqual([expect.objectContaining({ id })]);
    expect(service.pids).toEqual([]);
  });

  it('kill reaches background jobs and SIGKILLs what ignores SIGHUP', async () => {
    harness = startTerminalHarness();
    const { service, waitForOutput } = harness;
    const { id } = service.create({ cols: 80, rows: 24 });
    const [shellPid] = service.pids;
    // Ignored signals are inherited, so the background job ignores SIGHUP too and needs the SIGKILL.
    service.input({ id, data: "trap '' HUP; sleep 30 & echo JOB=$!\r" });
    const jobPid = Number((await waitForOutput(id, /JOB=(\d+)/))[1]);
    expect(isAlive(jobPid)).toBe(true);
    await service.kill({ id });
    expect(isAlive(shellPid)).toBe(false);
    expect(isAlive(jobPid)).toBe(false);
  });

  it('dispose kills every terminal without sending exit events', async () => {
    harness = startTerminalHarness();
    const { service, exits } = harness;
    service.create({ cols: 80, rows: 24 });
    service.create({ cols: 80, rows: 24 });
    const pids = service.pids;
    expect(pids).toHaveLength(2);
    await service.dispose();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(exits).toEqual([]);
    expect(() => service.create({ cols: 80, rows: 24 })).toThrow(expect.objectContaining({ code: 'unavailable' }));
  });
});
