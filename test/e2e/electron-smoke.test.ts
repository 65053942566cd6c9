// Electron smoke test: the desktop window opens on the workbench with secure webPreferences; skipped where no Electron binary exists.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkElectron } from '../../main/cli/electron-availability';
import { APP_ROOT, ensureAppBuilt } from '../main/cli/app-build';

const electron = checkElectron(APP_ROOT, process.env);
const skipReason = electron.available ? undefined : `Electron cannot run here: ${electron.reason}`;
if (skipReason) console.warn(`SKIPPED test/e2e/electron-smoke.test.ts: ${skipReason}`);

describe.skipIf(skipReason !== undefined)('Electron shell', () => {
  let app: ElectronApplication;
  let userDataDir: string;
  let workspace: string;

  beforeAll(async () => {
    const build = ensureAppBuilt();
    if (!build.ok) throw new Error(build.reason);
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'mirador-electron-user-'));
    workspace = await mkdtemp(path.join(os.tmpdir(), 'mirador-electron-workspace-'));
    await writeFile(path.join(workspace, 'unikernel.ml'), 'let start () = ()\n');
    const executable = electron.available ? electron.executable : '';
    // Chromium's sandbox refuses to start as root (containers, CI); webPreferences.sandbox is still checked below.
    const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await _electron.launch({
      executablePath: executable,
      args: [APP_ROOT, ...rootOnly],
      env: { ...process.env, MIRADOR_USER_DATA_DIR: userDataDir, MIRADOR_WORKSPACE: workspace },
      timeout: 30_000,
    });
  });

  afterAll(async () => {
    await app?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('opens the workbench from the mirador:// app origin', async () => {
    const window = await app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    expect(window.url()).toMatch(/^mirador:\/\/app\//);
    expect(await window.title()).toBe('Mirador');
    await window.getByRole('tree').first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('runs the page isolated and sandboxed, without Node', async () => {
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      // getLastWebPreferences is undocumented but present; it reports what the renderer really got.
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> };
      const { contextIsolation, sandbox, nodeIntegration, webSecurity } = contents.getLastWebPreferences();
      return { contextIsolation, sandbox, nodeIntegration, webSecurity };
    });
    expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    const window = await app.firstWindow();
    expect(await window.evaluate(() => typeof require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  });

  it('refuses to open new windows', async () => {
    const window = await app.firstWindow();
    await window.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/'));
    expect(app.windows()).toHaveLength(1);
  });
});
