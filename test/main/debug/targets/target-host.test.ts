// The real TargetHost: free ports that can be bound, tools run by argv with their exit code, run folders made and removed.
import { existsSync } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLaunchHost, executeTool, freeLocalPort, inspectionHost } from '../../../../main/debug/targets/target-host';

const doctor = { tools: [], capabilities: [] };

describe('target host', () => {
  it('hands out a local port nobody holds', async () => {
    const port = await freeLocalPort();
    expect(port).toBeGreaterThan(0);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it('runs tools by argv, returning stdout, stderr and the exit code without throwing on failure', async () => {
    expect(await executeTool('sh', ['-c', 'printf "%s" "$1"; echo oops >&2; exit 3', 'sh', 'a b; $(rm -rf /)'])).toEqual({ stdout: 'a b; $(rm -rf /)', stderr: 'oops\n', code: 3 });
    await expect(executeTool('mirador-no-such-tool', [])).rejects.toThrow('mirador-no-such-tool was not found: install it, or check that it is on PATH.');
  });

  it('creates a private run folder per launch and removes it on dispose', async () => {
    const host = await createLaunchHost(doctor, '.');
    expect(host.workspaceFolder).toBe(process.cwd());
    expect(existsSync(host.runDir)).toBe(true);
    expect(host.runDir.length).toBeLessThan(80);
    await host.dispose();
    expect(existsSync(host.runDir)).toBe(false);
  });

  it('an inspection host answers availability questions but has no run folder', () => {
    const host = inspectionHost(doctor, '/work/app');
    expect(host.workspaceFolder).toBe('/work/app');
    expect(() => host.runDir).toThrow('This TargetHost only answers availability questions; it has no run folder (use createLaunchHost).');
  });
});
