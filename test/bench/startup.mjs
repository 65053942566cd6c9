// Benchmark: from `mirador web` start to the Explorer tree painted in Chromium, against a blank page from the same server.
// Prints the medians of 5 runs and their ratio. Run after `npm run build`: node test/bench/startup.mjs
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startMiradorWeb } from './mirador-web-server.mjs';

const RUNS = 5;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const workspace = mkdtempSync(path.join(os.tmpdir(), 'mirador-bench-ws-'));
for (let i = 0; i < 40; i++) writeFileSync(path.join(workspace, `module_${i}.ml`), `let x${i} = ${i}\n`);
mkdirSync(path.join(workspace, 'src'));
const browser = await chromium.launch({
  executablePath: process.env.MIRADOR_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const workbenchTimes = [];
const blankTimes = [];
const editorTimes = [];
for (let run = 0; run < RUNS; run++) {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mirador-bench-user-'));
  const started = performance.now();
  const server = await startMiradorWeb(workspace, userDataDir);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[role="tree"] [role="treeitem"]');
  workbenchTimes.push(performance.now() - started);
  await page.waitForSelector('body[data-editor="ready"]');
  editorTimes.push(performance.now() - started);

  // The peer: the same browser, the same server, a page with nothing in it (a 404 body after the token cookie is set).
  const blank = await context.newPage();
  const blankStarted = performance.now();
  await blank.goto(`http://127.0.0.1:${server.port}/blank-page-for-benchmark`);
  await blank.waitForLoadState('load');
  blankTimes.push(performance.now() - blankStarted);
  await context.close();
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
  rmSync(userDataDir, { recursive: true, force: true });
}
await browser.close();
rmSync(workspace, { recursive: true, force: true });

const workbench = median(workbenchTimes);
const blank = median(blankTimes);
const editor = median(editorTimes);
console.log(`startup: mirador web start → file tree painted, median of ${RUNS}: ${workbench.toFixed(0)} ms (runs: ${workbenchTimes.map((t) => t.toFixed(0)).join(', ')})`);
console.log(`startup: … → editor (Monaco) ready, median of ${RUNS}: ${editor.toFixed(0)} ms`);
console.log(`peer: blank page from the same server in the same browser, median of ${RUNS}: ${blank.toFixed(1)} ms`);
console.log(`ratio workbench/blank page: ${(workbench / blank).toFixed(1)}x; goal: tree painted within 1000 ms → ${workbench <= 1000 ? 'met' : 'NOT met'}`);
