// End to end in Chromium: run the C example unikernel under QEMU from the Run and Debug view and read its console.
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium';
import { docScreenshot } from './support/doc-screenshots';
import { REPO_ROOT } from './support/mirador-web-process';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session';

describe('workbench: run a unikernel', () => {
  let session: WorkbenchSession;

  beforeAll(async () => {
    session = await openWorkbench((workspace) => {
      cpSync(path.join(REPO_ROOT, 'resources/examples/c-hello'), workspace, { recursive: true });
      execFileSync('make', ['-C', workspace], { stdio: 'pipe' });
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('runs the selected configuration with Ctrl+F5 and shows the serial console and the exit status', async () => {
    const { page } = session;
    await page.keyboard.press('Control+Shift+D');
    const picker = page.getByRole('combobox', { name: 'Run configuration' });
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThanOrEqual(1);
    await picker.selectOption({ label: 'Run c-hello (QEMU)' });
    await page.keyboard.press('Control+F5');
    const consoleText = () => page.locator('.console-view .xterm-rows').innerText();
    await expect.poll(consoleText, { timeout: 30_000 }).toContain('hello from a C unikernel');
    await page.getByRole('listitem', { name: /Run c-hello \(QEMU\): exit 0/ }).waitFor({ timeout: 30_000 });
    await expect(page.locator('#status-target').textContent()).resolves.toMatch(/Target: \w+ · (TCG|KVM)/);
    // A run without a capture leaves the Console in front when it ends (the Packets panel once took its place, empty).
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(page.getByRole('tab', { name: 'Console', exact: true }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.getByRole('tab', { name: 'Packets', exact: true }).getAttribute('aria-selected')).resolves.toBe('false');
    await screenshot(page, 'run-console');
  });

  it('lists the targets with reasons and fixes for those this machine lacks', async () => {
    const { page } = session;
    await page.getByRole('tab', { name: 'Targets' }).click();
    const targets = page.getByRole('list', { name: 'Targets' });
    await targets.getByRole('listitem', { name: /QEMU.*: available/ }).first().waitFor({ timeout: 20_000 });
    await expect(targets.getByRole('listitem', { name: /hvt|Solo5 hvt/i }).first().getAttribute('aria-label')).resolves.toMatch(/not available/);
    await expect(page.getByRole('list', { name: 'Toolchain' }).getByRole('listitem', { name: /^mirage: missing/ }).count()).resolves.toBe(1);
    await screenshot(page, 'targets');
    await docScreenshot(page, 'targets', { closeWelcome: true });
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
