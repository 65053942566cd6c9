// The built `mirador` command end to end: version, help, usage errors, browser mode, and `start` falling back to it.
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT, ensureAppBuilt } from './app-build';
import { CliProcess, isolatedEnv, runCli } from './cli-process';

const built = ensureAppBuilt();
if (!built.ok) console.warn(`SKIPPED test/main/cli: ${built.reason}`);

const URL_LINE = /^Mirador is serving at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=[A-Za-z0-9_-]{43})$/;

describe.skipIf(!built.ok)('mirador (built CLI)', () => {
  const version = (JSON.parse(readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  let home: string;
  let workspace: string;
  let env: NodeJS.ProcessEnv;
  const running: CliProcess[] = [];

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'mirador-cli-home-'));
    workspace = await mkdtemp(path.join(os.tmpdir(), 'mirador-cli-workspace-'));
    await writeFile(path.join(workspace, 'hello.ml'), 'let () = print_endline "hello"\n');
    env = isolatedEnv(home);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((process) => process.stop('SIGKILL')));
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
    await rm(workspace, { recursive: true, force: true });
  });

  const serve = (args: string[]) => {
    const process = new CliProcess(args, env);
    running.push(process);
    return process;
  };

  it('--version prints the package version, and so does the bin launcher without building', async () => {
    expect(await runCli(['--version'], env)).toMatchObject({ code: 0, stdout: `${version}\n` });
    const launched = await runCli(['--version'], env, { viaLauncher: true });
    expect(launched).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(launched.stderr).not.toContain('building');
  });

  it('--help lists the commands', async () => {
    const run = await runCli(['--help'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: mirador <command>/);
    expect(run.stdout).toContain('web [--port N] [--workspace DIR] [--no-open]');
    expect(run.stdout).toContain('start [--workspace DIR]');
  });

  it.each([
    [['--bogus'], 'mirador: unknown option --bogus'],
    [['frobnicate'], 'mirador: unknown command frobnicate'],
    [['web', '--bogus'], 'mirador web: unknown option --bogus'],
    [['web', '--port', 'many'], 'mirador web: --port must be a number from 0 to 65535, not many'],
    [[], 'mirador: missing command'],
  ])('%j exits 2 with one clear line and the usage on stderr', async (args, line) => {
    const run = await runCli(args, env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe(line);
    expect(run.stderr).toContain('Usage: mirador');
  });

  it('refuses a --workspace that is not a folder', async () => {
    const missing = await runCli(['web', '--port', '0', '--no-open', '--workspace', path.join(workspace, 'nope')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^mirador web: --workspace .*nope: no such folder/);
    const file = await runCli(['web', '--port', '0', '--no-open', '--workspace', path.join(workspace, 'hello.ml')], env);
    expect(file.code).toBe(1);
    expect(file.stderr).toMatch(/not a folder/);
  });

  it('web --port 0 prints exactly one stdout line, serves the UI behind the token, and stops on SIGINT', async () => {
    const web = serve(['web', '--port', '0', '--no-open', '--workspace', workspace]);
    const line = await web.firstStdoutLine();
    const [, url, port] = URL_LINE.exec(line) ?? [];
    expect(url, line).toBeDefined();
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401);
    const redirect = await fetch(url!, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const cookie = (redirect.headers.get('set-cookie') ?? '').split(';')[0]!;
    const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Mirador</title>');
    const run = await web.stop('SIGINT');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${line}\n`);
  });

  it('web on a port in use says so and suggests --port 0', async () => {
    const first = serve(['web', '--port', '0', '--no-open']);
    const [, , port] = URL_LINE.exec(await first.firstStdoutLine()) ?? [];
    const second = await runCli(['web', '--port', port!, '--no-open'], env);
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toBe(`mirador web: port ${port} is in use; pass --port 0 for a free one.`);
  });

  it('start without a usable Electron says why in one sentence and serves in the browser instead', async () => {
    const start = serve(['start', '--workspace', workspace]);
    const line = await start.firstStdoutLine();
    expect(line).toMatch(URL_LINE);
    const reason = start.stderr.split('\n').find((text) => text.startsWith('Mirador: Electron cannot start here ('));
    expect(reason, start.stderr).toMatch(/^Mirador: Electron cannot start here \(.+\), so Mirador opens in your browser instead\.$/);
    const run = await start.stop('SIGTERM');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${line}\n`);
  });

  /** A stand-in Electron: records its argv and MIRADOR_WORKSPACE, then exits with `status`. */
  const fakeElectron = async (status: number) => {
    const script = path.join(home, `fake-electron-${status}`);
    const record = `${script}.record`;
    await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$@" "workspace=$MIRADOR_WORKSPACE" > '${record}'\nexit ${status}\n`);
    await chmod(script, 0o755);
    return { script, record };
  };

  it('start runs Electron on the app root with the workspace in MIRADOR_WORKSPACE and exits with its status', async () => {
    const electron = await fakeElectron(0);
    const run = await runCli(['start', '--workspace', workspace], { ...env, ELECTRON_EXEC_PATH: electron.script, DISPLAY: ':99', MIRADOR_BROWSER: '/bin/true' });
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(await readFile(electron.record, 'utf8')).toBe(`${APP_ROOT}\nworkspace=${workspace}\n`);
  });

  it('start falls back to the browser when Electron dies right away', async () => {
    const electron = await fakeElectron(3);
    const failing = new CliProcess(['start'], { ...env, ELECTRON_EXEC_PATH: electron.script, DISPLAY: ':99', MIRADOR_BROWSER: '/bin/true' });
    running.push(failing);
    expect(await failing.firstStdoutLine()).toMatch(URL_LINE);
    expect(failing.stderr).toContain('Mirador: Electron cannot start here (it exited with status 3 right after starting), so Mirador opens in your browser instead.');
  });
});
