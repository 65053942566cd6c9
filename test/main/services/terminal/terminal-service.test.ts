// A real shell on a real pty: output, working directory, size, exit codes, shell fallback and parameter checks.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTerminalHarness, type TerminalHarness } from './terminal-test-harness';

let harness: TerminalHarness | undefined;
function start(options?: Parameters<typeof startTerminalHarness>[0]): TerminalHarness {
  harness = startTerminalHarness(options);
  return harness;
}
afterEach(async () => {
  await harness?.service.dispose();
  harness = undefined;
});

describe('TerminalService with a real pty', () => {
  it('runs the shell in the workspace and relays command output', async () => {
    const { service, workspace, waitForOutput } = start();
    const info = service.create({ cols: 80, rows: 24 });
    expect(info).toEqual({ id: 1, shell: '/bin/bash', cwd: workspace, title: 'bash' });
    service.input({ id: info.id, data: 'echo $((40+2)); printf "%s=%s\\n" CWD "$(pwd)"; echo "$TERM $COLORTERM $TERM_PROGRAM"\r' });
    await waitForOutput(info.id, /\b42\r\n/);
    expect((await waitForOutput(info.id, /CWD=(\S+)\r\n/))[1]).toBe(workspace);
    await waitForOutput(info.id, /xterm-256color truecolor mirador\r\n/);
  });

  it('starts in $HOME when no workspace is open', async () => {
    const { service, home } = start({ workspace: 'none' });
    expect(service.create({ cols: 80, rows: 24 }).cwd).toBe(home);
  });

  it('lets the shell see a resize', async () => {
    const { service, waitForOutput } = start();
    const { id } = service.create({ cols: 80, rows: 24 });
    service.resize({ id, cols: 123, rows: 45 });
    service.input({ id, data: 'stty size\r' });
    await waitForOutput(id, /\b45 123\r\n/);
  });

  it('reports the exit code when the shell exits', async () => {
    const { service, exits, waitFor } = start();
    const { id } = service.create({ cols: 80, rows: 24 });
    service.input({ id, data: 'exit 3\r' });
    await waitFor(() => exits.length === 1, 'the exit event');
    expect(exits).toEqual([{ id, exitCode: 3 }]);
    expect(() => service.input({ id, data: 'x' })).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('falls back to /bin/bash when $SHELL is bogus', async () => {
    const { service } = start({ shell: '/nonexistent/fish' });
    const info = service.create({ cols: 80, rows: 24 });
    expect(info.shell).toBe('/bin/bash');
    expect(info.title).toBe('bash');
  });

  it('rejects bad sizes, unknown ids and a vanished workspace with actionable errors', async () => {
    const { service } = start();
    for (const size of [{ cols: 0, rows: 24 }, { cols: 80, rows: 1001 }, { cols: 80.5, rows: 24 }]) {
      expect(() => service.create(size)).toThrow(expect.objectContaining({ code: 'invalid-params' }));
    }
    const { id } = service.create({ cols: 80, rows: 24 });
    expect(() => service.resize({ id, cols: -1, rows: 24 })).toThrow(expect.objectContaining({ code: 'invalid-params' }));
    expect(() => service.ack({ id, chars: -5 })).toThrow(expect.objectContaining({ code: 'invalid-params' }));
    const notFound = expect.objectContaining({ code: 'not-found', message: expect.stringContaining('open a new terminal') });
    expect(() => service.input({ id: 99, data: 'x' })).toThrow(notFound);
    expect(() => service.resize({ id: 99, cols: 80, rows: 24 })).toThrow(notFound);
    expect(() => service.ack({ id: 99, chars: 1 })).toThrow(notFound);
    await expect(service.kill({ id: 99 })).rejects.toThrow(notFound);

    rmSync(harness!.workspace, { recursive: true });
    expect(() => service.create({ cols: 80, rows: 24 })).toThrow(
      expect.objectContaining({ code: 'not-found', message: expect.stringContaining('open another folder') }),
    );
  });
});
