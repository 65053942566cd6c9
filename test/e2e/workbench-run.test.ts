// End to end in Chromium: run the C example unikernel under QEMU from the Run and Debug view and read its console.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('builds first ("preLaunchTask": "mirador: build"): a compile error starts nothing, Run Anyway runs the old image', async () => {
    const { page, workspace } = session;
    const runs = page.getByRole('listitem', { name: /^Run c-hello \(QEMU\)/ });
    const before = await runs.count();
    const kernelFile = path.join(workspace, 'kernel.c');
    const kernel = readFileSync(kernelFile, 'utf8');
    writeFileSync(kernelFile, kernel.replace('kernel_main', 'kernel_main_misspelt'));
    try {
      await page.keyboard.press('Control+F5');
      const failed = page.getByRole('alert').filter({ hasText: 'Build failed, so Run c-hello (QEMU) was not started' });
      await failed.waitFor({ timeout: 30_000 });
      await expect(failed.textContent()).resolves.toMatch(/\(1 error, 0 warnings\)/);
      await page.getByRole('treeitem', { name: /kernel_main.*undeclared/ }).first().waitFor();
      await expect(runs.count()).resolves.toBe(before);
      await screenshot(page, 'run-build-failed');
      await failed.getByRole('button', { name: 'Run Anyway' }).click();
      await expect.poll(() => runs.count(), { timeout: 30_000 }).toBe(before + 1);
      await page.getByRole('listitem', { name: /Run c-hello \(QEMU\): exit 0/ }).first().waitFor({ timeout: 30_000 });
    } finally {
      writeFileSync(kernelFile, kernel);
    }
    // Fixed: Ctrl+F5 builds (no toast for a build that went well) and runs.
    await page.keyboard.press('Control+F5');
    await expect.poll(() => runs.count(), { timeout: 30_000 }).toBe(before + 2);
    await expect.poll(() => page.locator('#status-problems').textContent(), { timeout: 30_000 }).toMatch(/⊗ 0/);
    await expect(page.getByRole('status').filter({ hasText: 'Build succeeded' }).count()).resolves.toBe(0);
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
