// End to end in Chromium: run the C example under QEMU and read its console in the Log panel as parsed, filterable records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium';
import { docScreenshot } from './support/doc-screenshots';
import { prepareCHelloWorkspace } from './support/c-hello-workspace';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session';

const CONFIGURATION = 'Log c-hello (TCG)';

describe('workbench: the Log panel', () => {
  let session: WorkbenchSession;

  beforeAll(async () => {
    session = await openWorkbench((workspace) => prepareCHelloWorkspace(workspace, CONFIGURATION));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the run as records with levels, sources and styles, and filters them by level, source and text', async () => {
    const { page } = session;
    await page.keyboard.press('Control+Shift+D');
    const picker = page.getByRole('combobox', { name: 'Run configuration' });
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThanOrEqual(1);
    await picker.selectOption({ label: CONFIGURATION });
    await page.keyboard.press('Control+F5');
    await page.getByRole('listitem', { name: new RegExp(`${CONFIGURATION.replace(/[()]/g, '\\$&')}: exit 0`) }).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Log' }).click();

    const table = page.getByRole('table', { name: 'Log records' });
    const rows = table.getByRole('row');
    const hello = rows.filter({ hasText: 'hello from a C unikernel' });
    await expect.poll(() => hello.count(), { timeout: 10_000 }).toBe(1);
    await expect(hello.getByRole('cell').nth(1).textContent()).resolves.toBe('INFO');
    await expect(hello.getByRole('cell').nth(2).textContent()).resolves.toBe('application');
    await expect(hello.getByRole('cell').nth(0).textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);

    const warning = rows.filter({ hasText: 'no network device' });
    await expect(warning.getAttribute('class')).resolves.toContain('log-level-warning');
    await expect(warning.getByRole('cell').nth(1).textContent()).resolves.toBe('WARNING');
    // The row is set apart: a tinted background and an amber badge, not just a word.
    const rowBackground = await warning.evaluate((row) => getComputedStyle(row).backgroundColor);
    expect(rowBackground).not.toBe('rgba(0, 0, 0, 0)');
    await expect(warning.locator('.log-badge').evaluate((badge) => getComputedStyle(badge).backgroundColor)).resolves.toBe('rgb(191, 136, 3)');
    // The guest's ANSI green survives as a styled span around `ok` (and only around it).
    const ok = rows.filter({ hasText: 'fibonacci(20) = 6765 ok' }).locator('.log-message span');
    await expect(ok.textContent()).resolves.toBe('ok');
    await expect(ok.evaluate((span) => getComputedStyle(span).color)).resolves.toBe('rgb(13, 188, 121)');
    const total = await rows.count();
    expect(total).toBeGreaterThanOrEqual(9);
    await screenshot(page, 'log-panel');
    await docScreenshot(page, 'log-panel', { closeWelcome: true });

    await page.getByRole('combobox', { name: 'Filter by level' }).selectOption({ label: 'WARNING' });
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('no network device: this example only uses the serial console');
    await screenshot(page, 'log-panel-warning');

    await page.getByRole('combobox', { name: 'Filter by level' }).selectOption({ label: 'All levels' });
    await page.getByRole('combobox', { name: 'Filter by source' }).selectOption({ label: 'boot' });
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByRole('combobox', { name: 'Filter by source' }).selectOption({ label: 'All sources' });
    await page.getByRole('searchbox', { name: 'Filter by text' }).fill('FIBONACCI');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Filter by text' }).fill('');
    await expect.poll(() => rows.count()).toBe(total);
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
