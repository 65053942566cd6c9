// End to end in Chromium: the integrated terminal runs the user's shell in the workspace and stays responsive under floods.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session';

describe('workbench: terminal', () => {
  let session: WorkbenchSession;

  beforeAll(async () => {
    session = await openWorkbench((workspace) => writeFileSync(path.join(workspace, 'marker-file.txt'), 'x'));
  });

  afterAll(async () => {
    await session?.close();
  });

  const screenText = () => session.page.locator('.xterm-rows').last().innerText();

  it('runs a command in the workspace folder and shows its output', async () => {
    const { page } = session;
    await page.keyboard.press('Control+`');
    await page.locator('.xterm-rows').first().waitFor();
    await page.waitForTimeout(300);
    await page.keyboard.type('echo "sum=$((6*7))"; ls\n');
    await expect.poll(screenText, { timeout: 10_000 }).toContain('sum=42');
    await expect.poll(screenText).toContain('marker-file.txt');
    await screenshot(page, 'terminal');
  });

  it('stays responsive while `yes` floods it, and Ctrl+C stops the flood', async () => {
    const { page } = session;
    await page.keyboard.type('yes mirador-flood | head -c 30000000\n');
    await expect.poll(screenText, { timeout: 10_000 }).toContain('mirador-flood');
    // A frozen page would not deliver the keystrokes below while the flood is still running.
    await page.keyboard.press('Control+c');
    await page.keyboard.type('echo flood-over-$((1+1))\n');
    await expect.poll(screenText, { timeout: 30_000 }).toContain('flood-over-2');
  });

  it('opens a second terminal with its own shell', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'New Terminal' }).first().click();
    await expect.poll(() => page.locator('.xterm-rows').count()).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(300);
    await page.keyboard.type('echo second-$((2+3))\n');
    await expect.poll(screenText, { timeout: 10_000 }).toContain('second-5');
  });
});
