// One end-to-end session: a temporary workspace, `mirador web` serving it, and a Chromium page on the workbench.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startMiradorWeb, type MiradorWeb } from './mirador-web-process';

export interface WorkbenchSession {
  workspace: string;
  userDataDir: string;
  server: MiradorWeb;
  browser: Browser;
  page: Page;
  /** Console errors the page logged; tests assert there are none. */
  pageErrors: string[];
  restartServer(): Promise<void>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  colorScheme?: 'dark' | 'light';
  /** Start `mirador web` without --workspace (the folder is still created and prepared). */
  withoutWorkspace?: boolean;
  /** Extra environment for `mirador web` (e.g. a PATH with stand-in tools). */
  env?: NodeJS.ProcessEnv;
  /** A program `mirador web` runs under (see MiradorWebOptions.wrapper). */
  wrapper?: string[];
}

export async function openWorkbench(prepare: (workspace: string) => void, options: WorkbenchOptions = {}): Promise<WorkbenchSession> {
  const { colorScheme = 'dark', withoutWorkspace = false, env, wrapper } = options;
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'mirador-e2e-ws-'));
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mirador-e2e-user-'));
  prepare(workspace);
  let server = await startMiradorWeb({ workspace: withoutWorkspace ? undefined : workspace, userDataDir, env, wrapper });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(server.url);
  await page.waitForSelector('body[data-editor="ready"]', { timeout: 30_000 });
  const session: WorkbenchSession = {
    workspace,
    userDataDir,
    server,
    browser,
    page,
    pageErrors,
    async restartServer() {
      await server.stop();
      server = await startMiradorWeb({ workspace: withoutWorkspace ? undefined : workspace, userDataDir, env, wrapper });
      session.server = server;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
      rmSync(workspace, { recursive: true, force: true });
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return session;
}
