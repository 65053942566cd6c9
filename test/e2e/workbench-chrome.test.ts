// End to end in Chromium: opening a folder by path, file actions in the Explorer, the light theme, accessible names.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session';

describe('workbench: no folder, Open Folder, Explorer actions (light theme)', () => {
  let session: WorkbenchSession;

  beforeAll(async () => {
    session = await openWorkbench((workspace) => writeFileSync(path.join(workspace, 'README.md'), '# hello\n'), {
      colorScheme: 'light',
      withoutWorkspace: true,
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('follows the operating system light theme', async () => {
    await expect(session.page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('light');
  });

  it('shows the empty Explorer and opens a folder typed as a path (browser mode has no native dialog)', async () => {
    const { page, workspace } = session;
    await page.getByText('You have not yet opened a folder.').waitFor();
    await screenshot(page, 'no-folder-light');
    await page.getByRole('button', { name: 'Open Folder' }).click();
    const box = page.getByRole('combobox', { name: 'Open Folder' });
    await box.fill('relative/path');
    await expect(page.getByRole('status').filter({ hasText: 'Give an absolute path' }).count()).resolves.toBe(1);
    await box.fill(path.join(workspace, 'does-not-exist'));
    await box.press('Enter');
    await page.getByRole('alert').filter({ hasText: /Could not open/ }).waitFor();
    await page.getByRole('button', { name: 'Open Folder' }).click();
    await box.fill(workspace);
    await box.press('Enter');
    await page.waitForSelector('body[data-editor="ready"]');
    await page.getByRole('treeitem', { name: 'README.md' }).waitFor();
    await expect(page.locator('#status-workspace').textContent()).resolves.toBe(path.basename(workspace));
  });

  it('creates, renames and deletes files from the Explorer', async () => {
    const { page, workspace } = session;
    await page.getByRole('button', { name: 'New File…' }).click();
    const box = page.getByRole('combobox', { name: 'New File' });
    await box.fill('../escape.ml');
    await expect(page.getByRole('status').filter({ hasText: 'may not contain' }).count()).resolves.toBe(1);
    await box.fill('src/unikernel.ml');
    await box.press('Enter');
    await page.getByRole('tab', { name: /^unikernel\.ml/ }).waitFor();
    expect(existsSync(path.join(workspace, 'src', 'unikernel.ml'))).toBe(true);
    await page.keyboard.type('let () = print_endline "hi"');
    await page.keyboard.press('Control+s');
    await expect.poll(() => readFileSync(path.join(workspace, 'src', 'unikernel.ml'), 'utf8')).toBe('let () = print_endline "hi"');

    await page.getByRole('treeitem', { name: 'README.md' }).click({ button: 'right' });
    await page.getByRole('option', { name: /Rename/ }).click();
    const rename = page.getByRole('combobox', { name: 'Rename README.md' });
    await rename.fill('NOTES.md');
    await rename.press('Enter');
    await page.getByRole('treeitem', { name: 'NOTES.md' }).waitFor();
    expect(existsSync(path.join(workspace, 'NOTES.md'))).toBe(true);
    expect(existsSync(path.join(workspace, 'README.md'))).toBe(false);

    await page.getByRole('treeitem', { name: 'NOTES.md' }).click();
    await page.getByRole('tab', { name: /^NOTES\.md/ }).waitFor();
    await page.getByRole('tree', { name: 'Files Explorer' }).focus();
    await page.keyboard.press('Delete');
    await page.getByRole('option', { name: /^Delete/ }).click();
    await expect.poll(() => existsSync(path.join(workspace, 'NOTES.md'))).toBe(false);
    await expect.poll(() => page.getByRole('treeitem', { name: 'NOTES.md' }).count()).toBe(0);
    await screenshot(page, 'explorer-light');
  });

  it('toggles the side bar (Ctrl+B) and the panel (Ctrl+J)', async () => {
    const { page } = session;
    const sideBar = page.getByRole('region', { name: 'Side Bar' });
    await page.keyboard.press('Control+b');
    await expect.poll(() => sideBar.isVisible()).toBe(false);
    await page.keyboard.press('Control+b');
    await expect.poll(() => sideBar.isVisible()).toBe(true);
    const panel = page.getByRole('region', { name: 'Panel' });
    await page.keyboard.press('Control+j');
    await expect.poll(() => panel.isVisible()).toBe(false);
    await page.keyboard.press('Control+j');
    await expect.poll(() => panel.isVisible()).toBe(true);
  });

  it('gives every button, tab, input and tree item an accessible name', async () => {
    const unnamed = await session.page.evaluate(() => {
      const controls = document.querySelectorAll('button, [role="tab"], [role="treeitem"], input, select, [role="separator"]');
      return Array.from(controls)
        .filter((control) => !(control as HTMLElement).closest('[hidden]') && !(control as HTMLElement).closest('.monaco-editor, .xterm'))
        .filter((control) => {
          const label = control.getAttribute('aria-label') ?? control.getAttribute('title') ?? control.textContent ?? '';
          return label.trim() === '';
        })
        .map((control) => control.outerHTML.slice(0, 120));
    });
    expect(unnamed).toEqual([]);
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors.filter((error) => !/Could not open|404/.test(error))).toEqual([]);
  });
});
