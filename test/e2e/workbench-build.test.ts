// End to end in Chromium: Ctrl+Shift+B builds with make, streams the output, and turns gcc errors into Problems and markers.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session';

const BROKEN = 'int main(void) {\n  return missing_value;\n}\n';

describe('workbench: build', () => {
  let session: WorkbenchSession;

  beforeAll(async () => {
    session = await openWorkbench((workspace) => {
      writeFileSync(path.join(workspace, 'Makefile'), 'app: main.c\n\tgcc -Wall -o app main.c\n');
      writeFileSync(path.join(workspace, 'main.c'), BROKEN);
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('reports a compiler error in Problems and as a marker in the editor', async () => {
    const { page } = session;
    await page.keyboard.press('Control+Shift+B');
    await page.getByRole('alert').filter({ hasText: 'Build failed' }).waitFor({ timeout: 30_000 });
    const problem = page.getByRole('treeitem', { name: /error: .*missing_value.* at main\.c line 2/ });
    await problem.waitFor();
    await expect(page.locator('#status-problems').textContent()).resolves.toMatch(/⊗ 1/);
    // The Problems tab counts them, as VS Code's does.
    await expect(page.locator('#tab-problems .tab-badge').textContent()).resolves.toBe('1');
    await problem.click();
    await page.getByRole('tab', { name: /^main\.c/ }).waitFor();
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 5000 });
    await page.getByRole('tab', { name: 'Output' }).click();
    await expect(page.locator('.output-text').textContent()).resolves.toContain('gcc -Wall -o app main.c');
    await expect(page.locator('.output-text').textContent()).resolves.toContain('> step 1 of 1: make');
    await screenshot(page, 'build-problems');
  });

  it('builds cleanly once the error is fixed, and the problem goes away', async () => {
    const { page, workspace } = session;
    writeFileSync(path.join(workspace, 'main.c'), 'int main(void) {\n  return 0;\n}\n');
    await page.keyboard.press('Control+Shift+B');
    await page.getByRole('status').filter({ hasText: 'Build succeeded' }).waitFor({ timeout: 30_000 });
    await expect(page.locator('#status-problems').textContent()).resolves.toMatch(/⊗ 0/);
    await expect(page.locator('#tab-problems .tab-badge').count()).resolves.toBe(0);
  });
});
