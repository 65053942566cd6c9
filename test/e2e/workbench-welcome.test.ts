// End to end in Chromium: the newcomer's path from the welcome page to a booted unikernel, the doctor's fixes, tour, tutorial.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docScreenshot } from './support/doc-screenshots';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session';

/** Counts what a person does: each click (or pick in a list) and each field typed into. */
class UserActions {
  clicks = 0;
  fieldsTyped = 0;
  constructor(private readonly page: Page) {}
  async click(locator: ReturnType<Page['getByRole']>): Promise<void> {
    this.clicks++;
    await locator.click();
  }
  async pick(locator: ReturnType<Page['getByRole']>, label: string): Promise<void> {
    this.clicks++;
    await locator.selectOption({ label });
  }
  async type(locator: ReturnType<Page['getByRole']>, text: string): Promise<void> {
    this.fieldsTyped++;
    await locator.fill(text);
  }
}

describe('workbench: the newcomer path', () => {
  let session: WorkbenchSession;

  beforeAll(async () => {
    // A fresh profile and no folder: what a newcomer sees on the very first start.
    session = await openWorkbench(() => undefined, { withoutWorkspace: true });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('welcome page → New Project (c-hello) → Build → Run under TCG → its console line, counting clicks and seconds', async () => {
    const { page, workspace } = session;
    const user = new UserActions(page);
    const welcome = page.getByRole('region', { name: 'Welcome' });
    await welcome.getByRole('list', { name: 'Tools to install' }).waitFor({ timeout: 20_000 });
    const started = Date.now();
    await docScreenshot(page, 'welcome');

    await user.click(welcome.getByRole('button', { name: 'New Project…' }));
    const form = page.getByRole('form', { name: 'New Project' });
    // mirage is not installed here, so the template that builds and boots is the one chosen for the newcomer.
    await expect.poll(() => form.getByRole('radio', { name: /^c-hello/ }).isChecked()).toBe(true);
    await expect(form.getByRole('textbox', { name: 'Project name' }).inputValue()).resolves.toBe('c-hello');
    await user.type(form.getByRole('textbox', { name: 'Parent folder' }), workspace);
    await form.getByText(`Creates ${workspace}/c-hello`).waitFor();
    await docScreenshot(page, 'new-project');
    await user.click(form.getByRole('button', { name: 'Create Project' }));

    // The window reloads into the new folder and opens its README, with the next steps offered.
    const nextSteps = page.getByRole('status').filter({ hasText: 'Created c-hello from c-hello. Next: Build (Ctrl+Shift+B), then Run (Ctrl+F5).' });
    await nextSteps.waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: /^README\.md/ }).waitFor();
    expect(existsSync(path.join(workspace, 'c-hello', 'kernel.c'))).toBe(true);
    await user.click(nextSteps.getByRole('button', { name: 'Build' }));
    await page.getByRole('status').filter({ hasText: 'Build succeeded: _build/hello.elf' }).waitFor({ timeout: 60_000 });

    await user.click(page.getByRole('tab', { name: 'Run and Debug' }));
    await user.pick(page.getByRole('combobox', { name: 'Run configuration' }), 'Run c-hello (QEMU, TCG)');
    await user.click(page.getByRole('button', { name: 'Run Without Debugging' }));
    const consoleText = () => page.locator('.console-view .xterm-rows').innerText();
    await expect.poll(consoleText, { timeout: 30_000 }).toContain('hello from a C unikernel');
    const seconds = (Date.now() - started) / 1000;
    await page.getByRole('listitem', { name: /Run c-hello \(QEMU, TCG\): exit 0/ }).waitFor({ timeout: 30_000 });
    await docScreenshot(page, 'first-run');

    console.log(`newcomer path: ${user.clicks} clicks, ${user.fieldsTyped} field typed (the parent folder), ${seconds.toFixed(1)} s from the welcome page to the console line "hello from a C unikernel"`);
    expect(user.clicks).toBe(6);
  });

  it('comes back with Help: Welcome from the command palette', async () => {
    const { page } = session;
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.type('Help: Welcome');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Welcome' }).getByRole('list', { name: 'Recent' }).getByRole('button', { name: /\/c-hello$/ }).waitFor();
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});

describe('workbench: the welcome page on a machine with no tools at all', () => {
  let session: WorkbenchSession;
  let emptyBin: string;

  beforeAll(async () => {
    emptyBin = mkdtempSync(path.join(os.tmpdir(), 'mirador-e2e-no-tools-'));
    session = await openWorkbench(() => undefined, { withoutWorkspace: true, env: { PATH: emptyBin } });
  });

  afterAll(async () => {
    await session?.close();
    rmSync(emptyBin, { recursive: true, force: true });
  });

  it('shows the fixes for missing solo5, mirage and qemu, with the commands to copy', async () => {
    const { page } = session;
    const tools = page.getByRole('region', { name: 'Welcome' }).getByRole('list', { name: 'Tools to install' });
    await tools.waitFor({ timeout: 20_000 });
    const fix = (name: string | RegExp) => tools.getByRole('listitem', { name }).locator('code');
    await expect(fix('solo5-hvt, solo5-hvt-debug, solo5-spt, solo5-elftool: missing').textContent()).resolves.toBe('opam install solo5');
    await expect(fix('mirage: missing').textContent()).resolves.toBe('opam install mirage');
    await expect(fix('qemu-system-x86_64: missing').textContent()).resolves.toBe('sudo apt-get install qemu-system-x86');
    await expect(page.getByText(/^0 of 15 tools ready/).count()).resolves.toBe(1);
  });

  it('types a fix into a new terminal without running it', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Type the fix for qemu-system-x86_64 into a terminal' }).click();
    await page.getByRole('status').filter({ hasText: 'typed into a new terminal but not run' }).waitFor();
    const terminalText = () => page.locator('.terminal-view .xterm-rows').innerText();
    await expect.poll(terminalText, { timeout: 20_000 }).toContain('sudo apt-get install qemu-system-x86');
    // Typed, not run: bash has printed no answer to it (no "command not found" from this empty PATH).
    expect(await terminalText()).not.toContain('command not found');
  });

  it('takes the tour: four stops, each pointing at the real control', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Take the Tour' }).click();
    const tour = page.getByRole('dialog', { name: 'Run' });
    await tour.getByText('1 of 4').waitFor();
    await expect(page.locator('.tour-target').getAttribute('aria-label')).resolves.toBe('Run Without Debugging');
    await docScreenshot(page, 'tour');
    await tour.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('dialog', { name: 'Debug' }).waitFor();
    await expect(page.locator('.tour-target').getAttribute('aria-label')).resolves.toBe('Start Debugging');
    await page.getByRole('dialog', { name: 'Debug' }).getByRole('button', { name: 'Next' }).click();
    const packets = page.getByRole('dialog', { name: 'Packets' });
    await packets.waitFor();
    await expect(packets.textContent()).resolves.toMatch(/Packets panel|mirador dissect/);
    await packets.getByRole('button', { name: 'Next' }).click();
    const notebook = page.getByRole('dialog', { name: 'Notebook' });
    await notebook.getByText('4 of 4').waitFor();
    await expect(page.locator('.tour-target').getAttribute('aria-label')).resolves.toBe('Notebooks');
    await notebook.getByRole('button', { name: 'Finish' }).click();
    await expect(page.locator('.tour-target').count()).resolves.toBe(0);
  });

  it("opens the tutorial notebook from a copy in Mirador's tutorials folder", async () => {
    const { page, userDataDir } = session;
    await page.getByRole('button', { name: 'Open the Tutorial Notebook' }).click();
    await page.getByRole('tab', { name: /^lwt-for-unikernel-developers\.ipynb/ }).waitFor({ timeout: 30_000 });
    const copy = path.join(userDataDir, 'tutorials', 'lwt-for-unikernel-developers.ipynb');
    expect(JSON.parse(readFileSync(copy, 'utf8'))).toHaveProperty('cells');
    await expect(page.locator('#status-workspace').textContent()).resolves.toBe('tutorials');
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
