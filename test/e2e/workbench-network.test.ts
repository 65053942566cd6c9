// End to end in Chromium: the network helper's facts and commands, and a real tap failure turned into its fix.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareCHelloWorkspace } from './support/c-hello-workspace';
import { docScreenshot } from './support/doc-screenshots';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session';

describe('workbench: the network helper', () => {
  let session: WorkbenchSession;

  beforeAll(async () => {
    session = await openWorkbench((workspace) => prepareCHelloWorkspace(workspace, 'c-hello (TCG)'));
  });

  afterAll(async () => {
    await session?.close();
  });

  it("shows this host's taps and rights, and the exact commands for the values picked", async () => {
    const { page } = session;
    await page.getByRole('tab', { name: 'Network' }).click();
    const facts = page.getByRole('list').filter({ has: page.getByRole('listitem', { name: /^Tap devices:/ }) });
    await facts.getByRole('listitem', { name: /^CAP_NET_ADMIN: (yes|no|unknown)/ }).waitFor();
    await page.getByRole('combobox', { name: 'Target', exact: true }).selectOption('spt');
    await page.getByRole('textbox', { name: 'Tap device', exact: true }).fill('tap42');
    await page.getByRole('textbox', { name: "Guest's address (--ipv4)" }).fill('10.0.0.42');
    await page.getByRole('textbox', { name: 'Your user (owns the tap)' }).fill('alice');
    await page.getByRole('checkbox', { name: 'Let the guest reach the internet (NAT)' }).check();
    await page.getByRole('textbox', { name: 'Through the interface' }).fill('eth9');
    await page.getByRole('combobox', { name: 'With', exact: true }).selectOption('iptables');
    const commands = page.getByRole('list', { name: 'Commands' });
    await commands.getByText('sudo ip tuntap add tap42 mode tap user alice', { exact: true }).waitFor();
    await commands.getByText('sudo iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o eth9 -j MASQUERADE', { exact: true }).waitFor();
    await commands.getByText('solo5-spt --mem=512 --net:service=tap42 -- dist/app.spt --ipv4=10.0.0.42/24 --ipv4-gateway=10.0.0.1', { exact: true }).waitFor();

    await page.getByRole('textbox', { name: "Guest's address (--ipv4)" }).fill('10.9.0.42');
    await page.getByRole('status').filter({ hasText: "Not in the host's network 10.0.0.0/24" }).waitFor();
    await expect(commands.getByText('Fix the fields above to see the commands.').count()).resolves.toBe(1);
    await page.getByRole('textbox', { name: "Guest's address (--ipv4)" }).fill('10.0.0.2');
    await page.getByRole('combobox', { name: 'Target', exact: true }).selectOption('xen');
    await expect(page.getByRole('textbox', { name: 'Bridge', exact: true }).inputValue()).resolves.toBe('tap42');
    await page.getByRole('textbox', { name: 'Bridge', exact: true }).fill('xenbr0');
    await commands.getByText('sudo ip link add xenbr0 type bridge', { exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Target', exact: true }).selectOption('hvt');
    await page.getByRole('textbox', { name: 'Tap device', exact: true }).fill('tap100');
    await page.getByRole('checkbox', { name: 'Let the guest reach the internet (NAT)' }).uncheck();
    await docScreenshot(page, 'network-helper', { closeWelcome: true });
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});

/** Root holds CAP_NET_ADMIN, so QEMU would make the tap; setpriv takes the capability away from mirador web and its children. */
function withoutNetAdmin(): { wrapper?: string[]; skip?: string } {
  if (os.userInfo().uid !== 0) return {};
  const setpriv = spawnSync('setpriv', ['--version']);
  if (setpriv.error) return { skip: 'running as root and setpriv (util-linux) is not installed to drop CAP_NET_ADMIN' };
  return { wrapper: ['setpriv', '--bounding-set=-net_admin', '--inh-caps=-net_admin'] };
}

const privileges = withoutNetAdmin();

describe.skipIf(privileges.skip !== undefined)('workbench: a run that cannot open its tap', () => {
  let session: WorkbenchSession;
  const TAP = 'tap977';

  beforeAll(async () => {
    session = await openWorkbench((workspace) => {
      prepareCHelloWorkspace(workspace, 'unused');
      mkdirSync(path.join(workspace, '.mirador'), { recursive: true });
      writeFileSync(
        path.join(workspace, '.mirador/launch.json'),
        JSON.stringify({
          version: '0.2.0',
          configurations: [{ name: 'c-hello on a tap', type: 'mirador', request: 'launch', target: 'qemu', kernel: '_build/hello.elf', memory: 32, accel: 'tcg', network: { mode: 'tap', tap: TAP } }],
        }),
      );
    }, { wrapper: privileges.wrapper });
  });

  afterAll(async () => {
    await session?.close();
  });

  it("QEMU's real TUNSETIFF refusal becomes a failure notice with the fix, and opens the helper on that tap", async () => {
    const { page } = session;
    await page.keyboard.press('Control+Shift+D');
    const picker = page.getByRole('combobox', { name: 'Run configuration' });
    await expect.poll(() => picker.locator('option').count()).toBe(1);
    await page.getByRole('button', { name: 'Run Without Debugging' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'c-hello on a tap failed' });
    await notice.waitFor({ timeout: 30_000 });
    await expect(notice.textContent()).resolves.toContain(`Fix: sudo ip tuntap add ${TAP} mode tap user $USER && sudo ip addr add 10.0.0.1/24 dev ${TAP} && sudo ip link set dev ${TAP} up`);
    await expect(notice.textContent()).resolves.toMatch(/needs CAP_NET_ADMIN/);
    await expect(page.getByRole('textbox', { name: 'Tap device', exact: true }).inputValue()).resolves.toBe(TAP);
    await expect(page.getByRole('combobox', { name: 'Target', exact: true }).inputValue()).resolves.toBe('virtio');
    await docScreenshot(page, 'network-tap-failure');
    // Nothing was created on the host.
    expect(spawnSync('ip', ['link', 'show', TAP]).status).not.toBe(0);
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});

