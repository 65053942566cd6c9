// End to end in Chromium: the Explorer, the editor, saving to disk, on-disk changes, search, quick open and hot exit.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session';

const UNIKERNEL_ML = `open Lwt.Infix

module Hello (Time : Mirage_time.S) = struct
  let start _time =
    let rec loop = function
      | 0 -> Lwt.return_unit
      | n ->
          Logs.info (fun f -> f "hello");
          Time.sleep_ns (Duration.of_sec 1) >>= fun () ->
          loop (n - 1)
    in
    loop 4
end
`;

describe('workbench: files and editor', () => {
  let session: WorkbenchSession;

  beforeAll(async () => {
    session = await openWorkbench((workspace) => {
      writeFileSync(path.join(workspace, 'unikernel.ml'), UNIKERNEL_ML);
      writeFileSync(path.join(workspace, 'config.ml'), 'open Mirage\n\nlet main = main "Unikernel.Hello" (time @-> job)\nlet () = register "hello" [ main $ default_time ]\n');
      writeFileSync(path.join(workspace, 'dune'), '(executable (name main) (libraries lwt))\n');
      mkdirSync(path.join(workspace, 'src'));
      writeFileSync(path.join(workspace, 'src', 'kernel.c'), 'void kernel_main(void) {\n  /* needle-in-c */\n}\n');
      writeFileSync(path.join(workspace, 'image.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the workspace in the Explorer tree with accessible names', async () => {
    const { page } = session;
    const tree = page.getByRole('tree', { name: 'Files Explorer' });
    await expect(tree.getByRole('treeitem', { name: 'unikernel.ml' }).isVisible()).resolves.toBe(true);
    await expect(tree.getByRole('treeitem', { name: 'src' }).getAttribute('aria-expanded')).resolves.toBe('false');
    await tree.getByRole('treeitem', { name: 'src' }).click();
    await tree.getByRole('treeitem', { name: 'kernel.c' }).waitFor();
    for (const name of ['Explorer', 'Search', 'Run and Debug', 'Notebooks', 'Targets']) {
      await expect(page.getByRole('tab', { name, exact: true }).count()).resolves.toBe(1);
    }
    for (const name of ['Terminal', 'Output', 'Problems']) {
      await expect(page.getByRole('tab', { name }).count()).resolves.toBe(1);
    }
  });

  it('opens a file from the tree, edits it, saves with Ctrl+S, and the file on disk changes', async () => {
    const { page, workspace } = session;
    await page.getByRole('treeitem', { name: 'unikernel.ml' }).click();
    const tab = page.getByRole('tab', { name: /^unikernel\.ml/ });
    await tab.waitFor();
    await expect(page.locator('#status-language').textContent()).resolves.toBe('OCaml');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('(* edited in Mirador *)\n');
    await expect(tab.getAttribute('aria-label')).resolves.toContain('unsaved changes');
    await screenshot(page, 'editor-ocaml-dirty');
    await page.keyboard.press('Control+s');
    await expect.poll(() => readFileSync(path.join(workspace, 'unikernel.ml'), 'utf8'), { timeout: 5000 }).toBe(`(* edited in Mirador *)\n${UNIKERNEL_ML}`);
    await expect.poll(() => tab.getAttribute('aria-label')).toBe('unikernel.ml');
  });

  it('colours OCaml with the OCaml grammar, not F#', async () => {
    const { page } = session;
    const keywordColours = await page.locator('.monaco-editor .view-line span span').evaluateAll((spans) =>
      spans.filter((span) => span.textContent === 'module' || span.textContent === 'struct').map((span) => span.className),
    );
    expect(keywordColours.length).toBeGreaterThan(0);
    expect(new Set(keywordColours).size).toBe(1);
    const commentClass = await page.locator('.monaco-editor .view-line span span', { hasText: '(* edited in Mirador *)' }).first().getAttribute('class');
    expect(commentClass).not.toBe(keywordColours[0]);
  });

  it('shows a file created on disk by another program without a reload', async () => {
    const { page, workspace } = session;
    writeFileSync(path.join(workspace, 'created-on-disk.opam'), 'opam-version: "2.0"\n');
    await page.getByRole('treeitem', { name: 'created-on-disk.opam' }).waitFor({ timeout: 5000 });
  });

  it('reloads an open, unmodified file when it changes on disk', async () => {
    const { page, workspace } = session;
    await page.getByRole('treeitem', { name: 'dune' }).click();
    await page.getByRole('tab', { name: /^dune/ }).waitFor();
    writeFileSync(path.join(workspace, 'dune'), '(executable (name changed_on_disk))\n');
    await page.locator('.monaco-editor .view-line', { hasText: 'changed_on_disk' }).waitFor({ timeout: 5000 });
  });

  it('searches across files and opens a result at its line', async () => {
    const { page } = session;
    await page.keyboard.press('Control+Shift+F');
    const input = page.getByRole('searchbox', { name: 'Search text in files' });
    await input.fill('needle-in-c');
    await input.press('Enter');
    await page.getByRole('status').filter({ hasText: '1 result in 1 file' }).waitFor();
    await screenshot(page, 'search');
    await page.getByRole('treeitem', { name: /^Line 2: \/\* needle-in-c \*\// }).click();
    await page.getByRole('tab', { name: /^kernel\.c/ }).waitFor();
    await expect.poll(() => page.locator('#status-cursor').textContent()).toBe('Ln 2, Col 17');
    await expect(page.locator('#status-language').textContent()).resolves.toBe('C');
  });

  it('opens a file with quick open (Ctrl+P) and lists commands in the palette (Ctrl+Shift+P)', async () => {
    const { page } = session;
    await page.keyboard.press('Control+p');
    const box = page.getByRole('combobox', { name: 'Go to File' });
    await box.waitFor();
    await box.fill('confml');
    await page.getByRole('option', { name: /config\.ml/ }).first().waitFor();
    await box.press('Enter');
    await page.getByRole('tab', { name: /^config\.ml/ }).waitFor();
    await page.keyboard.press('Control+Shift+P');
    const palette = page.getByRole('combobox', { name: 'Command Palette' });
    await palette.fill('split editor');
    await page.getByRole('option', { name: /View: Split Editor/ }).waitFor();
    await screenshot(page, 'command-palette');
    await palette.press('Enter');
    await expect.poll(() => page.getByRole('group', { name: /^Editor group/ }).count()).toBe(2);
    await page.keyboard.press('Control+F4');
    await expect.poll(() => page.getByRole('group', { name: /^Editor group/ }).count()).toBe(1);
  });

  it('opens a binary file read-only with a notice', async () => {
    const { page } = session;
    await page.keyboard.press('Control+Shift+E');
    await page.getByRole('treeitem', { name: 'image.bin' }).click();
    await page.getByRole('tab', { name: /^image\.bin.*read-only/ }).waitFor();
    await expect(page.getByRole('note').first().textContent()).resolves.toMatch(/binary/i);
    await page.locator('.monaco-editor .view-line', { hasText: '7f 45 4c 46' }).first().waitFor();
  });

  it('keeps unsaved changes across a backend restart and a reload (hot exit)', async () => {
    const { page, workspace } = session;
    await page.keyboard.press('Control+Shift+E');
    await page.getByRole('treeitem', { name: 'config.ml' }).click();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('(* not saved yet *)');
    await page.waitForTimeout(800);
    await session.restartServer();
    await page.goto(session.server.url);
    await page.waitForSelector('body[data-editor="ready"]');
    const restored = page.getByRole('tab', { name: /^config\.ml, unsaved changes/ });
    await restored.waitFor({ timeout: 10_000 });
    await page.locator('.monaco-editor .view-line', { hasText: '(* not saved yet *)' }).waitFor();
    expect(readFileSync(path.join(workspace, 'config.ml'), 'utf8')).not.toContain('not saved yet');
    await screenshot(page, 'hot-exit-restored');
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
