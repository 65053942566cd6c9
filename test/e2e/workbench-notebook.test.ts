// End to end in Chromium: OCaml notebooks in the workbench, on the real toplevel: run, interrupt, errors, modes, save.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareCHelloWorkspace } from './support/c-hello-workspace';
import { screenshot } from './support/chromium';
import { docScreenshot } from './support/doc-screenshots';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session';

const hasOcaml = spawnSync('ocaml', ['-version']).status === 0;
const hasQemu = spawnSync('qemu-system-x86_64', ['--version']).status === 0;
if (!hasOcaml) console.warn('SKIPPED test/e2e/workbench-notebook: no `ocaml` on PATH (apt-get install ocaml-interp libfindlib-ocaml-dev)');

/** A notebook as Jupyter would write it, with metadata Mirador does not know. */
const STARTER = {
  cells: [
    { cell_type: 'markdown', id: 'intro', metadata: { tags: ['keep'] }, source: ['# Scratch\n', 'Some **bold** text and `code`.'] },
    { cell_type: 'code', execution_count: null, id: 'first', metadata: { custom: { x: 1 } }, outputs: [], source: [] },
  ],
  metadata: { kernelspec: { display_name: 'OCaml', language: 'OCaml', name: 'ocaml' }, widgets: { state: {} } },
  nbformat: 4,
  nbformat_minor: 5,
};

function cell(page: Page, number: number) {
  return page.getByRole('listitem', { name: new RegExp(`^(Code|Markdown|Raw) cell ${number}\\b`) });
}

/** The text of a cell's outputs region. */
function outputsOf(page: Page, number: number) {
  return page.getByRole('region', { name: `Outputs of cell ${number}` });
}

async function typeInCell(page: Page, number: number, text: string): Promise<void> {
  await cell(page, number).locator('.cell-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describe.skipIf(!hasOcaml)('workbench: notebooks', () => {
  let session: WorkbenchSession;

  beforeAll(async () => {
    session = await openWorkbench((workspace) => writeFileSync(path.join(workspace, 'scratch.ipynb'), `${JSON.stringify(STARTER, null, 1)}\n`));
    await session.page.getByRole('treeitem', { name: /scratch\.ipynb/ }).click();
    await session.page.getByRole('region', { name: 'Notebook scratch.ipynb' }).waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens a .ipynb in the notebook editor with its markdown rendered', async () => {
    const { page } = session;
    await expect(cell(page, 1).getByRole('heading', { name: 'Scratch' }).count()).resolves.toBe(1);
    await expect(page.getByRole('status').filter({ hasText: 'OCaml kernel' }).textContent()).resolves.toContain('not started');
  });

  it('runs `1 + 1` with Shift+Enter and shows `- : int = 2`', async () => {
    const { page } = session;
    await typeInCell(page, 2, '1 + 1');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => outputsOf(page, 2).textContent(), { timeout: 30_000 }).toBe('- : int = 2');
    await expect.poll(() => cell(page, 2).getAttribute('aria-label')).toBe('Code cell 2, executed [1]');
    // Shift+Enter on the last cell adds a new one and goes on editing there, as Jupyter does.
    await expect(cell(page, 3).count()).resolves.toBe(1);
    await expect(page.getByRole('status').filter({ hasText: 'OCaml kernel' }).textContent()).resolves.toContain('idle');
    await screenshot(page, 'notebook-first-cell');
    await docScreenshot(page, 'notebook-first-cell');
  });

  it('interrupts `while true do () done`, and the kernel answers the next cell', async () => {
    const { page } = session;
    await typeInCell(page, 3, 'while true do () done');
    await page.keyboard.press('Control+Enter');
    await cell(page, 3).and(page.locator('.running')).waitFor();
    await page.getByRole('button', { name: /Interrupt the Kernel/ }).click();
    await expect.poll(() => outputsOf(page, 3).textContent(), { timeout: 10_000 }).toContain('Interrupted');
    await page.getByRole('button', { name: 'Add Code Cell' }).click();
    await page.keyboard.type('"still alive"');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => outputsOf(page, 4).textContent(), { timeout: 20_000 }).toBe('- : string = "still alive"');
  });

  it('shows an error with its name and message, and a marker at its place in the cell', async () => {
    const { page } = session;
    await typeInCell(page, 4, 'let a = 1;;\nlet b = a + "oops"');
    await page.keyboard.press('Control+Enter');
    const error = outputsOf(page, 4).getByRole('group', { name: 'Error: Error' });
    await error.waitFor({ timeout: 20_000 });
    await expect(error.textContent()).resolves.toContain('Line 2, characters 12-18: This expression has type string');
    await expect.poll(() => cell(page, 4).locator('.squiggly-error').count()).toBeGreaterThan(0);
    await screenshot(page, 'notebook-error');
  });

  it('moves, inserts, converts and deletes cells in command mode', async () => {
    const { page } = session;
    await cell(page, 4).locator('.cell-editor .view-lines').click();
    await page.keyboard.press('Escape');
    await expect(cell(page, 4).getAttribute('class')).resolves.not.toContain('editing');
    await page.keyboard.press('k');
    await expect(cell(page, 3).getAttribute('aria-current')).resolves.toBe('true');
    await page.keyboard.press('b');
    await expect(cell(page, 5).count()).resolves.toBe(1);
    await expect(cell(page, 4).getAttribute('aria-label')).resolves.toBe('Code cell 4');
    await page.keyboard.press('m');
    await expect(cell(page, 4).getAttribute('aria-label')).resolves.toBe('Markdown cell 4');
    await page.keyboard.press('Enter');
    await page.keyboard.type('## A *new* heading');
    await page.keyboard.press('Shift+Enter');
    await expect(cell(page, 4).getByRole('heading', { name: 'A new heading' }).count()).resolves.toBe(1);
    await cell(page, 4).click();
    await page.keyboard.press('d');
    await page.keyboard.press('d');
    await expect(cell(page, 5).count()).resolves.toBe(0);
    await expect(cell(page, 4).getAttribute('aria-label')).resolves.toMatch(/^Code cell 4/);
  });

  it('collapses and expands a cell’s outputs', async () => {
    const { page } = session;
    await cell(page, 2).getByRole('button', { name: 'Collapse outputs of cell 2' }).click();
    await expect(outputsOf(page, 2).isVisible()).resolves.toBe(false);
    await cell(page, 2).getByRole('button', { name: 'Show the collapsed outputs of cell 2' }).click();
    await expect(outputsOf(page, 2).isVisible()).resolves.toBe(true);
  });

  it('completes from the kernel', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Add Code Cell' }).click();
    await page.keyboard.type('List.ma');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.suggest-widget .monaco-list-row');
    await expect.poll(() => suggestions.allTextContents(), { timeout: 20_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/^mapi?/)]));
    await screenshot(page, 'notebook-completion');
    await page.keyboard.press('Escape');
  });

  it('saves with Ctrl+S, keeping what Mirador does not know', async () => {
    const { page, workspace } = session;
    await expect(page.getByRole('tab', { name: /scratch\.ipynb, unsaved changes/ }).count()).resolves.toBe(1);
    await page.keyboard.press('Control+S');
    await page.getByRole('tab', { name: 'scratch.ipynb', exact: true }).waitFor();
    const saved = JSON.parse(readFileSync(path.join(workspace, 'scratch.ipynb'), 'utf8')) as typeof STARTER & { cells: Array<Record<string, unknown>> };
    expect(saved.metadata).toEqual(STARTER.metadata);
    expect(saved.cells[0]).toEqual(STARTER.cells[0]);
    expect(saved.cells[1]).toMatchObject({ id: 'first', metadata: { custom: { x: 1 } }, source: ['1 + 1'], execution_count: 1, outputs: [{ output_type: 'execute_result', data: { 'text/plain': ['- : int = 2'] } }] });
  });

  it('lists open notebooks in the Notebooks view and makes a new one', async () => {
    const { page, workspace } = session;
    await page.getByRole('tab', { name: 'Notebooks' }).click();
    await page.getByRole('list', { name: 'Open notebooks' }).getByRole('button', { name: /scratch\.ipynb, kernel idle/ }).waitFor();
    await page.getByRole('button', { name: 'New Notebook' }).first().click();
    const name = page.getByRole('combobox', { name: 'New Notebook' });
    await expect.poll(() => name.inputValue()).toBe('Untitled.ipynb');
    await name.press('Enter');
    await page.getByRole('region', { name: 'Notebook Untitled.ipynb' }).waitFor();
    expect(JSON.parse(readFileSync(path.join(workspace, 'Untitled.ipynb'), 'utf8'))).toMatchObject({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'ocaml' } } });
    await screenshot(page, 'notebook-new');
    await page.getByRole('button', { name: 'Close Untitled.ipynb' }).click();
    const open = page.getByRole('list', { name: 'Open notebooks' });
    await expect.poll(() => open.getByRole('button', { name: /Untitled\.ipynb/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Open the Lwt Tutorial' }).click();
    await page.getByRole('region', { name: 'Notebook lwt-for-unikernel-developers.ipynb' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Lwt for unikernel developers' }).count()).resolves.toBe(1);
  });

  it('renders rich outputs safely: sanitised HTML, SVG only as an image, PNG, markdown, ANSI colours', async () => {
    const { page, workspace } = session;
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const hostile = '<b>bold</b><script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2"><a href="javascript:window.__pwned = 3">link</a><table><tr><td>cell</td></tr></table>';
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>window.__pwned = 4</script><rect width="10" height="10" fill="red"/></svg>';
    const rich = {
      ...STARTER,
      cells: [
        { cell_type: 'markdown', id: 'md', metadata: {}, source: ['Raw <img src=x onerror="window.__pwned = 5"> stays text'] },
        {
          cell_type: 'code', execution_count: 1, id: 'rich', metadata: {}, source: ['(* outputs from elsewhere *)'],
          outputs: [
            { output_type: 'display_data', data: { 'text/html': [hostile], 'text/plain': ['html'] }, metadata: {} },
            { output_type: 'display_data', data: { 'image/svg+xml': [svg] }, metadata: {} },
            { output_type: 'display_data', data: { 'image/png': png }, metadata: {} },
            { output_type: 'display_data', data: { 'text/markdown': ['## Rendered *markdown*'] }, metadata: {} },
            { output_type: 'stream', name: 'stdout', text: ['\u001b[31mred\u001b[0m plain'] },
          ],
        },
      ],
    };
    writeFileSync(path.join(workspace, 'rich.ipynb'), JSON.stringify(rich));
    await page.getByRole('tab', { name: 'Explorer' }).click();
    await page.getByRole('treeitem', { name: /rich\.ipynb/ }).click();
    const notebook = page.getByRole('region', { name: 'Notebook rich.ipynb' });
    await notebook.waitFor();
    const outputs = notebook.getByRole('region', { name: 'Outputs of cell 2' });
    await expect(outputs.locator('b').textContent()).resolves.toBe('bold');
    await expect(outputs.locator('td').textContent()).resolves.toBe('cell');
    await expect(outputs.locator('script, [onerror], [href^="javascript"], svg').count()).resolves.toBe(0);
    await expect(outputs.getByRole('img', { name: 'SVG image output' }).getAttribute('src')).resolves.toMatch(/^data:image\/svg\+xml;base64,/);
    await expect(outputs.getByRole('img', { name: 'PNG image output' }).getAttribute('src')).resolves.toBe(`data:image/png;base64,${png}`);
    await expect(outputs.getByRole('heading', { name: 'Rendered markdown' }).count()).resolves.toBe(1);
    await expect(outputs.locator('span', { hasText: 'red' }).evaluate((span) => getComputedStyle(span).color)).resolves.toMatch(/^rgb\((205|241), (49|76), (49|76)\)$/);
    await expect(notebook.getByRole('listitem', { name: 'Markdown cell 1' }).textContent()).resolves.toContain('Raw <img src=x onerror="window.__pwned = 5"> stays text');
    await page.waitForTimeout(300);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await screenshot(page, 'notebook-rich-outputs');
  });

  it('restarts the kernel and runs every cell (the toolbar), then runs from the selected cell down (the palette)', async () => {
    const { page, workspace } = session;
    const code = (id: string, source: string) => ({ cell_type: 'code', execution_count: null, id, metadata: {}, outputs: [], source: [source] });
    const notebook = { ...STARTER, cells: [code('a', 'let x = 40'), code('b', 'let y = x + 2'), code('c', 'y')] };
    writeFileSync(path.join(workspace, 'rerun.ipynb'), `${JSON.stringify(notebook, null, 1)}\n`);
    await page.getByRole('tab', { name: 'Explorer' }).click().catch(() => undefined);
    await page.keyboard.press('Control+Shift+E');
    await page.getByRole('treeitem', { name: /rerun\.ipynb/ }).click();
    const region = page.getByRole('region', { name: 'Notebook rerun.ipynb' });
    await region.waitFor();
    await region.getByRole('button', { name: 'Restart the Kernel and Run All Cells' }).click();
    await expect.poll(() => region.getByRole('region', { name: 'Outputs of cell 3' }).textContent(), { timeout: 30_000 }).toBe('- : int = 42');
    const label = (number: number) => region.getByRole('listitem', { name: new RegExp(`^Code cell ${number}\\b`) }).getAttribute('aria-label');
    await expect.poll(() => Promise.all([1, 2, 3].map(label))).toEqual(['Code cell 1, executed [1]', 'Code cell 2, executed [2]', 'Code cell 3, executed [3]']);
    // Cell 2 selected in command mode, then Run Selected Cell and All Below: cells 2 and 3 run again, cell 1 does not.
    await region.getByRole('listitem', { name: /^Code cell 2\b/ }).locator('.cell-editor .view-lines').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+P');
    const palette = page.getByRole('combobox', { name: 'Command Palette' });
    await palette.fill('Run Selected Cell and All Below');
    await page.getByRole('option', { name: /Run Selected Cell and All Below/ }).waitFor();
    await palette.press('Enter');
    await expect.poll(() => Promise.all([1, 2, 3].map(label)), { timeout: 30_000 }).toEqual(['Code cell 1, executed [1]', 'Code cell 2, executed [4]', 'Code cell 3, executed [5]']);
  });

  it('cuts, undoes the deletion (outputs kept), copies and pastes cells with X, Z, C and V in command mode', async () => {
    const { page } = session;
    const region = page.getByRole('region', { name: 'Notebook rerun.ipynb' });
    const cells = region.getByRole('listitem', { name: /^(Code|Markdown) cell \d+/ });
    const sourceOf = (number: number) => region.getByRole('listitem', { name: new RegExp(`^Code cell ${number}\\b`) }).locator('.cell-editor .view-lines').innerText().then((text) => text.replace(/\u00a0/g, ' '));
    await region.getByRole('listitem', { name: /^Code cell 3\b/ }).locator('.cell-editor .view-lines').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('x');
    await expect.poll(() => cells.count()).toBe(2);
    await page.keyboard.press('z');
    await expect.poll(() => cells.count()).toBe(3);
    await expect(region.getByRole('region', { name: 'Outputs of cell 3' }).textContent()).resolves.toBe('- : int = 42');
    // Cell 1 copied and pasted below it: a fourth cell with its source, not run.
    await region.getByRole('listitem', { name: /^Code cell 1\b/ }).locator('.cell-editor .view-lines').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('c');
    await page.keyboard.press('v');
    await expect.poll(() => cells.count()).toBe(4);
    await expect.poll(() => sourceOf(2)).toBe('let x = 40');
    await expect(region.getByRole('listitem', { name: /^Code cell 2\b/ }).getAttribute('aria-label')).resolves.toBe('Code cell 2');
  });

  it('keeps an unsaved notebook, cells and outputs, across a reload (hot exit); saving drops the backup', async () => {
    const { page, workspace } = session;
    const file = path.join(workspace, 'hot.ipynb');
    writeFileSync(file, `${JSON.stringify({ ...STARTER, cells: [STARTER.cells[1]] }, null, 1)}\n`);
    await page.keyboard.press('Control+Shift+E');
    await page.getByRole('treeitem', { name: /hot\.ipynb/ }).click();
    const region = page.getByRole('region', { name: 'Notebook hot.ipynb' });
    await region.waitFor();
    await region.getByRole('listitem', { name: /^Code cell 1\b/ }).locator('.cell-editor .view-lines').click();
    await page.keyboard.type('let kept = 6 * 7');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => region.getByRole('region', { name: 'Outputs of cell 1' }).textContent(), { timeout: 20_000 }).toBe('val kept : int = 42');
    // The backup follows each change after a short delay; then the page goes away without saving.
    await page.waitForTimeout(1500);
    await page.goto(session.server.url);
    await page.waitForSelector('body[data-editor="ready"]');
    await page.getByRole('tab', { name: /^hot\.ipynb, unsaved changes/ }).waitFor({ timeout: 10_000 });
    await page.getByRole('tab', { name: /^hot\.ipynb/ }).click();
    const restored = page.getByRole('region', { name: 'Notebook hot.ipynb' });
    await expect.poll(() => restored.getByRole('region', { name: 'Outputs of cell 1' }).textContent()).toBe('val kept : int = 42');
    await expect(restored.getByRole('listitem', { name: /^Code cell 1\b/ }).locator('.cell-editor .view-lines').innerText().then((text) => text.replace(/\u00a0/g, ' '))).resolves.toBe('let kept = 6 * 7');
    expect(readFileSync(file, 'utf8')).not.toContain('kept');
    await screenshot(page, 'notebook-hot-exit-restored');
    // Saved: the file has the cell and its output, and the next reload has nothing to restore.
    await restored.getByRole('listitem', { name: /^Code cell 1\b/ }).locator('.cell-editor .view-lines').click();
    await page.keyboard.press('Control+S');
    await page.getByRole('tab', { name: 'hot.ipynb', exact: true }).waitFor();
    expect(JSON.parse(readFileSync(file, 'utf8')).cells[0]).toMatchObject({ source: ['let kept = 6 * 7'], outputs: [{ data: { 'text/plain': ['val kept : int = 42'] } }] });
    await page.waitForTimeout(1500);
    await page.goto(session.server.url);
    await page.waitForSelector('body[data-editor="ready"]');
    await page.waitForTimeout(1000);
    await expect(page.getByRole('tab', { name: /^hot\.ipynb, unsaved changes/ }).count()).resolves.toBe(0);
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});

describe.skipIf(!hasOcaml || !hasQemu)('workbench: a notebook that writes, builds and boots the C example (light theme)', () => {
  let session: WorkbenchSession;
  const configuration = 'Boot from the notebook (TCG)';

  beforeAll(async () => {
    session = await openWorkbench(
      (workspace) => {
        prepareCHelloWorkspace(workspace, configuration);
        const kernel = readFileSync(path.join(workspace, 'kernel.c'), 'utf8').replace('hello from a C unikernel', 'hello from the notebook');
        const cells = [
          { cell_type: 'markdown', id: 'about', metadata: {}, source: ['## Change the greeting, build, boot\n', 'The first cell rewrites `kernel.c`.'] },
          { cell_type: 'code', execution_count: null, id: 'write', metadata: {}, outputs: [], source: `%%file kernel.c\n${kernel}` },
          { cell_type: 'code', execution_count: null, id: 'build', metadata: {}, outputs: [], source: '%build' },
          { cell_type: 'code', execution_count: null, id: 'boot', metadata: {}, outputs: [], source: `%run "${configuration}" --until "done, exiting" --timeout 60` },
        ];
        writeFileSync(path.join(workspace, 'boot.ipynb'), JSON.stringify({ ...STARTER, cells }));
      },
      { colorScheme: 'light' },
    );
    await session.page.getByRole('treeitem', { name: /boot\.ipynb/ }).click();
    await session.page.getByRole('region', { name: 'Notebook boot.ipynb' }).waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('runs %%file, %build and %run from Run All and shows the guest’s console line inline, in colour, with a summary', async () => {
    const { page, workspace } = session;
    await page.getByRole('button', { name: 'Run All Cells', exact: true }).click();
    const boot = outputsOf(page, 4);
    await expect.poll(() => boot.textContent(), { timeout: 90_000 }).toContain('matched /done, exiting/');
    expect(readFileSync(path.join(workspace, 'kernel.c'), 'utf8')).toContain('hello from the notebook');
    await expect(outputsOf(page, 2).textContent()).resolves.toMatch(/^Overwrote kernel\.c \(\d+ bytes\)/);
    await expect(outputsOf(page, 3).textContent()).resolves.toMatch(/✓ make build succeeded.*_build\/hello\.elf/);
    await expect(boot.textContent()).resolves.toContain('[INFO] [application] hello from the notebook');
    // The guest's ANSI green "ok" keeps its colour.
    await expect(boot.locator('span', { hasText: /^ok$/ }).evaluate((span) => getComputedStyle(span).color)).resolves.toMatch(/^rgb\((0|13), 188, (0|121)\)$/);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'OCaml kernel' }).textContent()).toContain('idle');
    await page.locator('.notebook-scroll').evaluate((element) => (element.scrollTop = element.scrollHeight));
    await screenshot(page, 'notebook-magics-light');
    await docScreenshot(page, 'notebook-magics');
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
