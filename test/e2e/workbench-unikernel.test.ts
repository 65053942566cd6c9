// End to end in Chromium: a MirageOS project's Unikernel view, make depends, the keys form, and a run configuration offer.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TemplateCatalog } from '../../main/services/templates/template-catalog';
import { docScreenshot } from './support/doc-screenshots';
import { REPO_ROOT } from './support/mirador-web-process';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session';

const FIXTURES = path.join(REPO_ROOT, 'test/extensions/mirage/fixtures');

/**
 * mirage and dune cannot be installed here (no opam repository), so the IDE flow runs against stand-ins that answer
 * in mirage's recorded formats: `mirage configure` writes a Makefile whose `depends` the real make runs, and
 * `dune build` leaves an image in dist/ as the real build would.
 */
function standInTools(): string {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'mirador-e2e-stand-ins-'));
  const script = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n# Stand-in for ${name}, which cannot be installed on this machine.\n${body}`);
    chmodSync(path.join(bin, name), 0o755);
  };
  script('mirage', `case "$1" in
  --version) echo v4.8.1 ;;
  query) cat '${FIXTURES}/query-packages-hvt.txt' ;;
  describe)
    out=""; dot=0
    while [ $# -gt 0 ]; do case "$1" in -o) shift; out="$1" ;; --dot) dot=1 ;; esac; shift; done
    if [ "$dot" = 1 ]; then cp '${FIXTURES}/describe-dot.txt' "$out"; else cat '${FIXTURES}/describe.txt'; fi ;;
  configure)
    printf 'depends:\\n\\t@echo "generate lockfile for monorepo dependencies"\\n\\t@echo "opam install switch dependencies"\\n\\t@echo "fetch monorepo dependencies in the duniverse folder"\\n' > Makefile
    echo "Now run 'make depends'" ;;
  *) exit 2 ;;
esac
`);
  script('dune', `case "$1" in
  --version) echo 3.16.0 ;;
  build) mkdir -p dist && echo 'stand-in image' > dist/echo.hvt ;;
  *) exit 2 ;;
esac
`);
  return bin;
}

function launchJson(workspace: string): { configurations: { name: string; args?: string[]; kernel?: string; target: string; network?: unknown }[] } {
  return JSON.parse(readFileSync(path.join(workspace, '.mirador/launch.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
}

describe('workbench: a MirageOS project with the mirage tool (stand-in)', () => {
  let session: WorkbenchSession;
  let bin: string;

  beforeAll(async () => {
    bin = standInTools();
    session = await openWorkbench(
      (workspace) => {
        void workspace;
      },
      { env: { PATH: `${bin}:${process.env.PATH}` } },
    );
    await TemplateCatalog.forApp(REPO_ROOT).createProject('mirage-network', session.workspace);
    // Without an hvt configuration, a fresh dist/echo.hvt gets the offer to add one.
    const file = path.join(session.workspace, '.mirador/launch.json');
    const launch = launchJson(session.workspace);
    writeFileSync(file, JSON.stringify({ ...launch, configurations: launch.configurations.filter((configuration) => configuration.target !== 'hvt') }, null, 2));
  });

  afterAll(async () => {
    await session?.close();
    rmSync(bin, { recursive: true, force: true });
  });

  it('asks mirage for devices and packages once the target is a MirageOS one', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Close Welcome' }).click();
    await page.getByRole('tab', { name: 'Unikernel' }).click();
    await page.getByText('MirageOS has no "qemu" target').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Use hvt' }).click();
    await page.getByRole('note').filter({ hasText: 'From `mirage query` and `mirage describe` for the hvt target' }).waitFor({ timeout: 20_000 });
    const devices = page.getByRole('list', { name: 'Devices' });
    await devices.getByRole('listitem', { name: /^static_ipv4: Static_ipv4\.Make/ }).waitFor();
    await expect(page.locator('#status-target').textContent()).resolves.toMatch(/Target: hvt/);
  });

  it('installs the dependencies with make depends, its output and progress in Output › Build', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Install Dependencies' }).click();
    await page.getByRole('status').filter({ hasText: 'Dependencies installed' }).waitFor({ timeout: 30_000 });
    const output = await page.locator('.output-text').innerText();
    expect(output).toContain('MirageOS: mirage configure -t hvt → make depends');
    expect(output).toContain('step 2 of 2: make depends');
    expect(output).toContain('fetch monorepo dependencies in the duniverse folder');
  });

  it("writes the keys form's values into a run configuration's args, checking them first", async () => {
    const { page, workspace } = session;
    await page.getByRole('combobox', { name: 'Run configuration to write the keys into' }).selectOption({ label: 'echo (spt, tap100)' });
    const ipv4 = page.getByRole('textbox', { name: '--ipv4 ipv4 prefix' });
    await expect(ipv4.inputValue()).resolves.toBe('10.0.0.2/24');
    await ipv4.fill('10.0.0.9');
    await page.getByRole('status').filter({ hasText: 'An IPv4 address with a prefix length' }).waitFor();
    await expect(page.getByRole('button', { name: 'Save to Run Configuration' }).isDisabled()).resolves.toBe(true);
    await ipv4.fill('10.0.0.9/24');
    await page.getByRole('button', { name: 'Save to Run Configuration' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved --ipv4=10.0.0.9/24 --ipv4-gateway=10.0.0.1 to "echo (spt, tap100)"' }).waitFor();
    expect(launchJson(workspace).configurations.find((configuration) => configuration.name === 'echo (spt, tap100)')!.args).toEqual(['--ipv4=10.0.0.9/24', '--ipv4-gateway=10.0.0.1']);
    await page.locator('.unikernel-view').evaluate((view) => (view.scrollTop = 0));
    await docScreenshot(page, 'unikernel-view');
  });

  it('offers a run configuration for the image a build leaves in dist/', async () => {
    const { page, workspace } = session;
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    const offer = page.getByRole('status').filter({ hasText: 'Built dist/echo.hvt for hvt. No run configuration boots it yet.' });
    await offer.waitFor({ timeout: 30_000 });
    await offer.getByRole('button', { name: 'Add Run Configuration' }).click();
    await expect.poll(() => launchJson(workspace).configurations.find((configuration) => configuration.name === 'echo (hvt)')).toEqual({
      name: 'echo (hvt)', type: 'mirador', request: 'launch', preLaunchTask: 'mirador: build', target: 'hvt', kernel: 'dist/echo.hvt', memory: 64,
      network: { mode: 'tap', tap: 'tap100', name: 'service' }, args: ['--ipv4=10.0.0.2/24', '--ipv4-gateway=10.0.0.1'],
    });
    await page.keyboard.press('Control+Shift+D');
    await expect.poll(() => page.getByRole('combobox', { name: 'Run configuration' }).locator('option', { hasText: 'echo (hvt)' }).count()).toBe(1);
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});

describe('workbench: a MirageOS project without the mirage tool', () => {
  let session: WorkbenchSession;

  beforeAll(async () => {
    session = await openWorkbench(() => undefined);
    await TemplateCatalog.forApp(REPO_ROOT).createProject('mirage-website', session.workspace);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('reads config.ml and says plainly that it is a best-effort reading', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Close Welcome' }).click();
    await page.getByRole('tab', { name: 'Unikernel' }).click();
    await page.getByRole('note').filter({ hasText: 'A best-effort reading of config.ml by Mirador, not by MirageOS' }).waitFor({ timeout: 20_000 });
    const devices = page.getByRole('list', { name: 'Devices' });
    await devices.getByRole('listitem', { name: 'htdocs: kv_ro, generic_kv_ro "htdocs"' }).waitFor();
    await devices.getByRole('listitem', { name: 'stack: stackv4v6, generic_stackv4v6 default_network' }).waitFor();
    await docScreenshot(page, 'unikernel-best-effort');
  });

  it('shows the empty state in a folder without config.ml', async () => {
    mkdirSync(path.join(session.workspace, 'unused'), { recursive: true });
    rmSync(path.join(session.workspace, 'config.ml'));
    const { page } = session;
    await page.getByRole('button', { name: 'Refresh Unikernel' }).click();
    await page.getByText('This folder has no config.ml, so it is not a MirageOS project.').waitFor();
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
