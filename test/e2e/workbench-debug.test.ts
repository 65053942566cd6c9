// End to end in Chromium: debug the C example under QEMU (TCG) and gdb: gutter breakpoint, F5, the stop line, F10, registers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium';
import { docScreenshot } from './support/doc-screenshots';

import { C_HELLO_EXAMPLE, prepareCHelloWorkspace } from './support/c-hello-workspace';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session';

const CONFIGURATION = 'Debug c-hello (TCG)';
const EXAMPLE = C_HELLO_EXAMPLE;

/** The number of the first line of kernel.c holding `text` after the line holding `after`. */
function lineOf(text: string, after = 'void kernel_main('): number {
  const lines = readFileSync(path.join(EXAMPLE, 'kernel.c'), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.includes(after));
  return lines.findIndex((line, index) => index > start && line.includes(text)) + 1;
}

/** An action of the Breakpoints section's header (they show on hover, as in VS Code). */
async function breakpointsAction(page: Page, action: string): Promise<void> {
  await page.getByRole('button', { name: 'Breakpoints', exact: true }).hover();
  await page.getByRole('button', { name: action }).click();
}

async function addFunctionBreakpoint(page: Page, name: string): Promise<void> {
  await breakpointsAction(page, 'Add Function Breakpoint');
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
}

/** The line number shown beside an element of the active editor (a decoration), read from the line-number gutter. */
function lineBeside(page: Page, selector: string): Promise<number | null> {
  return page.evaluate((selector) => {
    const mark = document.querySelector(`.editor-group.active ${selector}`);
    if (!mark) return null;
    const top = mark.getBoundingClientRect().top;
    const numbers = Array.from(document.querySelectorAll('.editor-group.active .line-numbers')).find((element) => Math.abs(element.getBoundingClientRect().top - top) < 3);
    return numbers ? Number(numbers.textContent) : null;
  }, selector);
}

describe('workbench: debug a unikernel', () => {
  let session: WorkbenchSession;
  // The first statement of kernel_main: a line with code, so gdb keeps the breakpoint there.
  const breakLine = lineOf('serial_init();');

  beforeAll(async () => {
    session = await openWorkbench((workspace) => prepareCHelloWorkspace(workspace, CONFIGURATION));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('sets a breakpoint by clicking the gutter, and lists it in the Breakpoints view', async () => {
    const { page } = session;
    expect(breakLine).toBeGreaterThan(1);
    await page.getByRole('treeitem', { name: 'kernel.c' }).click();
    await page.getByRole('tab', { name: /^kernel\.c/ }).waitFor();
    // Monaco's Go to Line brings the line into view; then the click goes where a person clicks: left of the number.
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(breakLine));
    await page.keyboard.press('Enter');
    const number = page.locator('.editor-group.active .line-numbers', { hasText: new RegExp(`^${breakLine}$`) });
    // Monaco redraws its lines while it scrolls there: measure once they hold still.
    await expect.poll(() => number.boundingBox().then((box) => box?.y)).toBeGreaterThan(0);
    const lineBox = (await number.boundingBox())!;
    const glyphBox = (await page.locator('.editor-group.active .glyph-margin').boundingBox())!;
    await page.mouse.move(glyphBox.x + glyphBox.width / 2, lineBox.y + lineBox.height / 2);
    await page.locator('.editor-group.active .debug-breakpoint-hint').waitFor();
    await page.mouse.click(glyphBox.x + glyphBox.width / 2, lineBox.y + lineBox.height / 2);
    await expect.poll(() => lineBeside(page, '.debug-breakpoint-glyph')).toBe(breakLine);

    await page.keyboard.press('Control+Shift+D');
    const breakpoints = page.getByRole('list', { name: 'Breakpoints' });
    await breakpoints.getByRole('listitem', { name: new RegExp(`^kernel\\.c:${breakLine}`) }).waitFor();
    await expect(page.getByRole('checkbox', { name: `Enable breakpoint kernel.c:${breakLine}` }).isChecked()).resolves.toBe(true);
    await screenshot(page, 'debug-breakpoint');
  });

  it('starts debugging with F5, stops at the breakpoint and shows the stop line, the call stack and an orange status bar', async () => {
    const { page } = session;
    const picker = page.getByRole('combobox', { name: 'Run configuration' });
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThanOrEqual(1);
    await picker.selectOption({ label: CONFIGURATION });
    await page.locator('.editor-group.active .monaco-editor textarea').focus();
    await page.keyboard.press('F5');
    await page.getByRole('toolbar', { name: 'Debug toolbar' }).waitFor();
    await expect.poll(() => lineBeside(page, '.debug-top-stack-frame-line'), { timeout: 45_000 }).toBe(breakLine);
    await page.getByRole('button', { name: /^Frame 0: kernel_main at kernel\.c:/ }).waitFor();
    await expect(page.getByRole('listitem', { name: new RegExp(`^kernel\\.c:${breakLine}, set`) }).count()).resolves.toBe(1);
    const statusBackground = await page.locator('.status-bar').evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(statusBackground).toBe('rgb(204, 102, 51)');
    // The Runs list says the debug run is paused (not "running") while it is stopped.
    await expect.poll(() => page.getByRole('list', { name: 'Run history' }).getByRole('listitem').first().getAttribute('aria-label')).toBe(`${CONFIGURATION}: paused`);
    await screenshot(page, 'debug-stopped');
    await docScreenshot(page, 'debug-stopped');
  });

  it('steps over with F10: the stop line moves further into kernel_main', async () => {
    const { page } = session;
    const before = await lineBeside(page, '.debug-top-stack-frame-line');
    expect(before).toBe(breakLine);
    await page.keyboard.press('F10');
    // No mark at all while the step runs: that is not the new line yet.
    await expect.poll(async () => (await lineBeside(page, '.debug-top-stack-frame-line')) ?? breakLine, { timeout: 20_000 }).not.toBe(breakLine);
    const line = await lineBeside(page, '.debug-top-stack-frame-line');
    expect(line).toBeGreaterThan(breakLine);
    expect(line).toBeLessThan(lineOf('debug_exit((uint8_t)exit_code);'));
    await page.getByRole('button', { name: /^Frame 0: kernel_main at kernel\.c:/ }).waitFor();
  });

  it('shows register values in the Registers scope of the Variables view', async () => {
    const { page } = session;
    const variables = page.getByRole('tree', { name: 'Variables' });
    const registers = variables.getByRole('treeitem', { name: 'Registers' });
    await registers.waitFor();
    if ((await registers.getAttribute('aria-expanded')) !== 'true') await registers.locator('.variable-row').first().click();
    await registers.locator('[role="group"] [role="treeitem"]').first().waitFor();
    const programCounter = variables.getByRole('treeitem', { name: /^[re]ip: 0x[0-9a-f]+/i });
    // Registers may come in groups (general, segment, control): open the groups until the program counter shows.
    await expect
      .poll(
        async () => {
          if (await programCounter.count()) return true;
          const closed = registers.locator('[role="treeitem"][aria-expanded="false"] > .variable-row');
          if (await closed.count()) await closed.first().click();
          return false;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await screenshot(page, 'debug-registers');
    await docScreenshot(page, 'debug-registers');
  });

  it('evaluates gdb commands in the Debug Console and shows the instructions in the Disassembly view', async () => {
    const { page } = session;
    await page.getByRole('tab', { name: 'Debug Console' }).click();
    const input = page.getByRole('textbox', { name: 'Debug console input' });
    await input.fill('-exec info registers');
    await input.press('Enter');
    await expect.poll(() => page.getByRole('log', { name: 'Debug console output' }).innerText(), { timeout: 15_000 }).toMatch(/[re]ip\s+0x[0-9a-f]+/i);
    await page.getByRole('tab', { name: 'Disassembly' }).click();
    const current = page.getByRole('row', { name: /current instruction$/ });
    await current.waitFor({ timeout: 15_000 });
    await screenshot(page, 'debug-disassembly');

    // With the Disassembly view focused, F10 steps one instruction: the current instruction moves, whatever the line.
    const before = await current.getAttribute('aria-label');
    await page.getByRole('grid', { name: 'Disassembly' }).focus();
    await page.keyboard.press('F10');
    await expect.poll(() => current.getAttribute('aria-label'), { timeout: 15_000 }).not.toBe(before);
    await expect(page.getByRole('grid', { name: 'Disassembly' }).evaluate((element) => element.contains(document.activeElement))).resolves.toBe(true);
  });

  it('reads memory at an expression in the Memory view: the bytes at $pc are the current instruction', async () => {
    const { page } = session;
    const instructionBytes = (await page.locator('.disassembly-row.current .disassembly-bytes').innerText()).trim();
    expect(instructionBytes).toMatch(/^[0-9a-f]{2}( [0-9a-f]{2})*$/);
    await page.getByRole('tab', { name: 'Memory' }).click();
    const address = page.getByRole('textbox', { name: 'Memory address or expression' });
    await address.fill('$pc');
    await address.press('Enter');
    const firstRow = page.getByRole('table', { name: 'Memory contents' }).getByRole('row').first();
    await expect.poll(() => firstRow.getAttribute('aria-label'), { timeout: 15_000 }).toMatch(new RegExp(`^0x[0-9a-f]+: ${instructionBytes}`));
    await screenshot(page, 'debug-memory');
    await page.getByRole('tab', { name: 'Debug Console' }).click();
    await screenshot(page, 'debug-console');
  });

  it('adds a function breakpoint by name, continues to it with F5, and the serial console kept flowing', async () => {
    const { page } = session;
    await addFunctionBreakpoint(page, 'fibonacci');
    await page.getByRole('list', { name: 'Breakpoints' }).getByRole('listitem', { name: /^fibonacci, set/ }).waitFor({ timeout: 10_000 });
    await page.locator('.editor-group.active .monaco-editor textarea').focus();
    await page.keyboard.press('F5');
    await page.getByRole('button', { name: /^Frame 0: fibonacci at kernel\.c:/ }).waitFor({ timeout: 20_000 });
    const line = await lineBeside(page, '.debug-top-stack-frame-line');
    // Inside fibonacci's body: after its signature, before kernel_main's comment.
    expect(line).toBeGreaterThan(lineOf('static unsigned fibonacci', 'exit_code_requested'));
    expect(line).toBeLessThan(lineOf('/* Called by _start', 'static unsigned fibonacci'));
    await page.getByRole('tab', { name: 'Console', exact: true }).click();
    await expect.poll(() => page.locator('.console-view .xterm-rows').innerText(), { timeout: 10_000 }).toContain('hello from a C unikernel');

    const watch = page.getByRole('textbox', { name: 'Add watch expression' });
    await watch.fill('$pc');
    await watch.press('Enter');
    await page.getByRole('tree', { name: 'Watch expressions' }).getByRole('treeitem', { name: /^\$pc: 0x[0-9a-f]+/ }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'debug-function-breakpoint');
  });

  it('restarts with Ctrl+Shift+F5 and stops at the first breakpoint again', async () => {
    const { page } = session;
    await page.keyboard.press('Control+Shift+F5');
    await expect.poll(() => lineBeside(page, '.debug-top-stack-frame-line'), { timeout: 45_000 }).toBe(breakLine);
    await page.getByRole('button', { name: /^Frame 0: kernel_main at kernel\.c:/ }).waitFor();
  });

  it('edits a breakpoint\'s hit count: log_msg stops at its third call (the memory line), not the first', async () => {
    const { page } = session;
    await addFunctionBreakpoint(page, 'log_msg');
    const list = page.getByRole('list', { name: 'Breakpoints' });
    await list.getByRole('listitem', { name: /^log_msg/ }).hover();
    await list.getByRole('button', { name: 'Edit condition of breakpoint log_msg' }).click();
    await page.getByRole('option', { name: /^Hit Count/ }).click();
    const box = page.getByRole('combobox', { name: 'Breakpoint Hit Count' });
    await box.fill('==3');
    await page.getByText('Write N, >=N or >N, e.g. 3').waitFor();
    await box.fill('3');
    await box.press('Enter');
    await list.getByRole('listitem', { name: /^log_msg/ }).getByText('hit ≥ 3').waitFor();
    await page.locator('.editor-group.active .monaco-editor textarea').focus();
    await page.keyboard.press('F5');
    await page.getByRole('button', { name: /^Frame 0: log_msg at log\.c:/ }).waitFor({ timeout: 20_000 });
    const watch = page.getByRole('textbox', { name: 'Add watch expression' });
    await watch.fill('fmt');
    await watch.press('Enter');
    await page.getByRole('tree', { name: 'Watch expressions' }).getByRole('treeitem', { name: /^fmt: .*"memory: %u KiB low/ }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'debug-hit-count');
  });

  it('adds a data breakpoint: the guest stops where the watched byte is written, and the status says what changed', async () => {
    const { page } = session;
    await breakpointsAction(page, 'Add Data Breakpoint');
    await page.getByRole('combobox', { name: 'Add Data Breakpoint' }).fill('message[1]');
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: /^When Written/ }).click();
    const list = page.getByRole('list', { name: 'Breakpoints' });
    await list.getByRole('listitem', { name: /^message\[1\], set$/ }).waitFor({ timeout: 10_000 });
    // The other way in: Break on Value Change on a watch expression.
    const watch = page.getByRole('textbox', { name: 'Add watch expression' });
    await watch.fill('message[0]');
    await watch.press('Enter');
    const watched = page.getByRole('tree', { name: 'Watch expressions' }).getByRole('treeitem', { name: /^message\[0\]: / });
    await watched.hover();
    await page.getByRole('button', { name: 'Break when message[0] changes' }).click();
    await list.getByRole('listitem', { name: /^message\[0\], set$/ }).waitFor({ timeout: 10_000 });
    await page.locator('.editor-group.active .monaco-editor textarea').focus();
    await page.keyboard.press('F5');
    // log_msg formats the memory line into message: its first byte becomes 'm'.
    await page.locator('#status-debug').filter({ hasText: /paused on data breakpoint \(.*109 'm'\)/ }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'debug-data-breakpoint');
    // Set Value on a local of the stopped frame: gdb assigns it and the view reads it back.
    const variables = page.getByRole('tree', { name: 'Variables' });
    const local = variables.getByRole('treeitem', { name: /^c: 109 'm'/ });
    await local.hover();
    await variables.getByRole('button', { name: 'Set value of c' }).click();
    const box = page.getByRole('combobox', { name: 'Set Value: c' });
    await box.fill("'M'");
    await box.press('Enter');
    await variables.getByRole('treeitem', { name: /^c: 77 'M'/ }).waitFor({ timeout: 10_000 });
  });

  it('runs to the cursor with Ctrl+F10: the guest stops at that line, and no breakpoint is left behind', async () => {
    const { page } = session;
    await breakpointsAction(page, 'Remove All Breakpoints');
    await expect.poll(() => page.getByRole('list', { name: 'Breakpoints' }).getByRole('listitem').count()).toBe(0);
    const target = lineOf('"done, exiting with %u"');
    expect(target).toBeGreaterThan(breakLine);
    // The guest may be stopped in another file (log.c): the cursor goes into kernel.c.
    await page.getByRole('tab', { name: /^kernel\.c/ }).click();
    await page.locator('.editor-group.active .monaco-editor textarea').focus();
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(target));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+F10');
    await expect.poll(() => lineBeside(page, '.debug-top-stack-frame-line'), { timeout: 30_000 }).toBe(target);
    await page.getByRole('button', { name: new RegExp(`^Frame 0: kernel_main at kernel\\.c:${target}\\b`) }).waitFor();
    await expect(page.getByRole('list', { name: 'Breakpoints' }).getByRole('listitem').count()).resolves.toBe(0);
    // The console got everything the guest printed on the way.
    await expect.poll(() => page.locator('.console-view .xterm-rows').innerText(), { timeout: 10_000 }).toContain('self-test: fibonacci(20) = 6765');
  });

  it('stops the session with Shift+F5: the toolbar goes and the status bar is no longer orange', async () => {
    const { page } = session;
    await page.keyboard.press('Shift+F5');
    await page.getByRole('toolbar', { name: 'Debug toolbar' }).waitFor({ state: 'hidden', timeout: 20_000 });
    await expect.poll(() => page.locator('.debug-top-stack-frame-line').count()).toBe(0);
    const statusBackground = await page.locator('.status-bar').evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(statusBackground).not.toBe('rgb(204, 102, 51)');
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
