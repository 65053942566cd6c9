// End to end in Chromium: capture files open from the Explorer in the Packets panel; filters, detail tree, hex
// cross-highlighting, keyboard, Follow Stream, export read back by tshark, both themes, a long capture virtualised; and a
// real Linux guest under QEMU whose frames arrive live while it runs, kept after Stop.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type ExpectPollOptions } from 'vitest';
import { LOOPBACK, SYNTHETIC, wiresharkCount, wiresharkFields } from '../main/services/capture/tshark-runner';
import { killLeftoverQemu } from '../main/debug/support/qemu-processes';
import { startHostServices, type HostServices } from '../support/linux-guest/host-services.mjs';
import { buildLinuxGuest, linuxGuestUnavailable, type LinuxGuest } from '../support/linux-guest/linux-guest-image.mjs';
import { screenshot } from './support/chromium';
import { docScreenshot } from './support/doc-screenshots';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session';

/** Backend round trips on a busy 2-core machine can take seconds: polls wait up to 10 s (they check states, not times). */
const poll = <T>(read: () => T | Promise<T>, options: ExpectPollOptions = {}) => expect.poll(read, { timeout: 10_000, ...options });

/** Frames of a classic little-endian pcap, as the test reads them to compare with the hex pane. */
function pcapFrames(file: string): Buffer[] {
  const bytes = readFileSync(file);
  const frames: Buffer[] = [];
  for (let at = 24; at + 16 <= bytes.length; ) {
    const length = bytes.readUInt32LE(at + 8);
    frames.push(bytes.subarray(at + 16, at + 16 + length));
    at += 16 + length;
  }
  return frames;
}

const LONG_REPEATS = 1000;

describe('workbench: the Packets panel', () => {
  let session: WorkbenchSession;
  let page: Page;
  let grid: Locator;
  let rows: Locator;
  const counts = () => page.locator('.packets-counts').textContent();
  const filterBox = () => page.getByRole('searchbox', { name: 'Display filter' });

  beforeAll(async () => {
    session = await openWorkbench((workspace) => {
      copyFileSync(SYNTHETIC, path.join(workspace, 'synthetic.pcap'));
      copyFileSync(LOOPBACK, path.join(workspace, 'loopback.pcap'));
      // A longer capture: the loopback records repeated, 31,000 frames.
      const bytes = readFileSync(LOOPBACK);
      writeFileSync(path.join(workspace, 'long.pcap'), Buffer.concat([bytes.subarray(0, 24), ...Array.from({ length: LONG_REPEATS }, () => bytes.subarray(24))]));
    });
    page = session.page;
    grid = page.getByRole('grid', { name: 'Packets' });
    rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
  });

  afterAll(async () => {
    await session?.close();
  });

  async function applyFilter(text: string): Promise<void> {
    await filterBox().fill(text);
    await poll(() => page.locator('.display-filter').getAttribute('data-state')).toBe(text ? 'valid' : 'empty');
    await filterBox().press('Enter');
    await poll(() => page.locator('.packets-counts').getAttribute('data-busy')).toBeNull();
  }

  it('opens a .pcap from the Explorer in the Packets panel (not the editor), coloured like Wireshark', async () => {
    await page.getByRole('treeitem', { name: 'synthetic.pcap' }).click();
    await poll(() => page.getByRole('tab', { name: 'Packets' }).getAttribute('aria-selected')).toBe('true');
    await poll(counts, { timeout: 10_000 }).toBe('Displayed: 18 of 18');
    await expect(page.getByRole('tab', { name: /^synthetic\.pcap/ }).count()).resolves.toBe(0);
    const first = rows.first();
    await expect(first.getByRole('gridcell').nth(0).textContent()).resolves.toBe('1');
    await expect(first.getByRole('gridcell').nth(4).textContent()).resolves.toBe('ARP');
    await expect(first.getAttribute('class')).resolves.toContain('colour-arp');
    await expect(first.evaluate((row) => getComputedStyle(row).backgroundColor)).resolves.toBe('rgb(71, 64, 43)');
    const icmpRow = rows.filter({ has: page.getByRole('gridcell', { name: 'ICMP', exact: true }) }).first();
    await expect(icmpRow.evaluate((row) => getComputedStyle(row).backgroundColor)).resolves.toBe('rgb(70, 42, 75)');
    await expect(grid.getAttribute('aria-rowcount')).resolves.toBe('19');
    await screenshot(page, 'packets-synthetic-dark');
  });

  it('narrows the list to `icmp` as tshark -Y does, and shows an invalid filter\'s error at its column', async () => {
    const expected = wiresharkCount(SYNTHETIC, 'icmp');
    expect(expected).toBeGreaterThan(0);
    await filterBox().fill('icmp');
    await poll(() => page.locator('.display-filter').getAttribute('data-state')).toBe('valid');
    // Typing only checks; the list changes when Enter applies.
    await expect(counts()).resolves.toBe('Displayed: 18 of 18');
    await filterBox().press('Enter');
    await poll(counts).toBe(`Displayed: ${expected} of 18`);
    await poll(() => rows.count()).toBe(expected);
    await poll(() => rows.locator('.col-protocol').allTextContents()).toEqual(Array(expected).fill('ICMP'));

    await filterBox().fill('icmp && fo');
    await poll(() => filterBox().getAttribute('aria-invalid')).toBe('true');
    const message = page.locator('.display-filter-message');
    await expect(message.textContent()).resolves.toBe('Column 9: "fo" is neither a field nor a protocol name');
    await expect(page.locator('.display-filter-marker').isVisible()).resolves.toBe(true);
    await expect(filterBox().evaluate((input) => getComputedStyle(input).backgroundColor)).resolves.toBe('rgb(74, 28, 28)');
    await screenshot(page, 'packets-filter-invalid');
    // Enter on an invalid filter leaves the list as it was.
    await filterBox().press('Enter');
    await poll(() => message.textContent()).toMatch(/^Column 9: /);
    await expect(counts()).resolves.toBe(`Displayed: ${expected} of 18`);
    await filterBox().fill('icmp');
    await poll(() => page.locator('.display-filter').getAttribute('data-state')).toBe('valid');
  });

  it('shows the clicked packet\'s tree and bytes, highlights a node\'s bytes, and a clicked byte selects its node', async () => {
    const frames = pcapFrames(SYNTHETIC);
    const row = rows.first();
    const number = Number(await row.getByRole('gridcell').first().textContent());
    await row.click();
    await poll(() => row.getAttribute('aria-selected')).toBe('true');
    const tree = page.getByRole('tree', { name: 'Packet details' });
    const icmpNode = tree.getByRole('treeitem', { name: /^Internet Control Message Protocol/ });
    await icmpNode.waitFor();
    await expect(tree.getByRole('treeitem', { name: /^Ethernet II/ }).count()).resolves.toBe(1);
    await icmpNode.click();
    await poll(() => icmpNode.getAttribute('aria-selected')).toBe('true');

    const bytes = page.getByRole('region', { name: 'Packet bytes' });
    const highlighted = bytes.locator('.hex-byte.highlighted');
    const frame = frames[number - 1];
    const highlightedHex = (await highlighted.allTextContents()).join('');
    const offsets = await highlighted.evaluateAll((spans) => spans.map((span) => Number((span as HTMLElement).dataset.offset)));
    expect(offsets.length).toBeGreaterThan(0);
    expect(highlightedHex).toBe(frame.subarray(offsets[0], offsets[offsets.length - 1] + 1).toString('hex'));
    // ICMP is the last layer of this frame: its bytes run to the frame's end, and the ASCII side is lit too.
    expect(offsets[offsets.length - 1]).toBe(frame.length - 1);
    await expect(bytes.locator('.hex-char.highlighted').count()).resolves.toBe(offsets.length);
    await expect(bytes.getByRole('status').textContent()).resolves.toContain(`(${offsets.length} of ${frame.length})`);
    await screenshot(page, 'packets-tree-hex-highlight');
    await docScreenshot(page, 'packets-panel', { closeWelcome: true });

    // Byte 12 is the Ethernet type (or the VLAN tag's TPID): the deepest node covering it is a field of Ethernet II.
    await bytes.locator('.hex-byte[data-offset="12"]').click();
    const selected = tree.locator('[role="treeitem"][aria-selected="true"]');
    await poll(() => selected.count()).toBe(1);
    await expect(selected.getAttribute('aria-level')).resolves.toBe('2');
    await expect(selected.textContent()).resolves.toMatch(/^(Type|802\.1Q|TPID|Tag)/);
    await expect(tree.getByRole('treeitem', { name: /^Ethernet II/ }).getAttribute('aria-expanded')).resolves.toBe('true');
    await poll(() => bytes.locator('.hex-byte.highlighted[data-offset="12"]').count()).toBe(1);
    await expect(bytes.locator('.hex-byte.highlighted[data-offset="0"]').count()).resolves.toBe(0);

    // The hex pane by keyboard: Right moves to the next byte and selects its node.
    await page.keyboard.press('ArrowRight');
    await poll(() => bytes.locator('.hex-byte.cursor').getAttribute('data-offset')).toBe('13');
    // The tree by keyboard: Left goes to the parent and collapses it, Right expands again.
    await tree.focus();
    await page.keyboard.press('ArrowLeft');
    await poll(() => tree.getByRole('treeitem', { name: /^Ethernet II/ }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await poll(() => tree.getByRole('treeitem', { name: /^Ethernet II/ }).getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    await poll(() => tree.getByRole('treeitem', { name: /^Ethernet II/ }).getAttribute('aria-expanded')).toBe('true');
  });

  it('moves the selection with the keyboard and shows each packet\'s detail', async () => {
    await grid.focus();
    await page.keyboard.press('End');
    const count = await rows.count();
    await poll(() => rows.nth(count - 1).getAttribute('aria-selected')).toBe('true');
    const lastNumber = await rows.nth(count - 1).getByRole('gridcell').first().textContent();
    await poll(() => page.locator('.packets-view').getAttribute('data-selected-packet')).toBe(lastNumber);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await poll(() => rows.nth(1).getAttribute('aria-selected')).toBe('true');
    const secondNumber = await rows.nth(1).getByRole('gridcell').first().textContent();
    await poll(() => page.locator('.packets-view').getAttribute('data-selected-packet')).toBe(secondNumber);
  });

  it('filters on a row from its menu (right-click, Shift+F10): protocol, source, conversation', async () => {
    await applyFilter('');
    await poll(counts).toBe('Displayed: 18 of 18');
    const icmpRow = rows.filter({ has: page.getByRole('gridcell', { name: 'ICMP', exact: true }) }).first();
    await poll(() => rows.first().getByRole('gridcell').nth(4).textContent()).toBe('ARP');
    await icmpRow.click({ button: 'right' });
    await page.getByRole('option', { name: /Apply as Filter: Protocol/ }).click();
    await poll(() => filterBox().inputValue()).toBe('icmp');
    await poll(counts).toBe(`Displayed: ${wiresharkCount(SYNTHETIC, 'icmp')} of 18`);
    // From the keyboard: the menu of the selected row, narrowed by typing, Enter picks.
    await grid.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+F10');
    await page.getByRole('option', { name: /Conversation Filter: IPv4/ }).waitFor();
    await page.keyboard.type('Conversation Filter: IPv4');
    await page.keyboard.press('Enter');
    await poll(() => filterBox().inputValue()).toMatch(/^ip\.addr == [\d.]+ && ip\.addr == [\d.]+$/);
    await poll(counts).toBe(`Displayed: ${wiresharkCount(SYNTHETIC, await filterBox().inputValue())} of 18`);
    // The next test exports what `icmp` displays.
    await applyFilter('icmp');
  });

  it('exports the displayed frames as pcapng that tshark reads', async () => {
    const expected = wiresharkCount(SYNTHETIC, 'icmp');
    await page.getByRole('toolbar', { name: 'Packet actions' }).getByRole('button', { name: 'Export Capture…' }).click();
    await page.getByRole('option', { name: /Displayed frames only/ }).click();
    const box = page.getByRole('combobox', { name: 'Export Capture As' });
    await box.fill('icmp-only.pcapng');
    await box.press('Enter');
    await page.getByRole('status').filter({ hasText: `Exported ${expected} frames` }).waitFor({ timeout: 10_000 });
    const file = path.join(session.workspace, 'icmp-only.pcapng');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).readUInt32BE(0)).toBe(0x0a0d0d0a);
    const read = spawnSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.protocols'], { encoding: 'utf8' });
    expect(read.status).toBe(0);
    const lines = read.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(expected);
    for (const protocols of lines) expect(protocols).toMatch(/:icmp(:|$)/);
  });

  it('follows an HTTP conversation as ASCII, client and server apart, and filters on it', async () => {
    await page.getByRole('treeitem', { name: 'loopback.pcap' }).click();
    await poll(counts, { timeout: 10_000 }).toMatch(/^Displayed: \d+ of 31$/);
    await applyFilter('http');
    await poll(counts).toBe(`Displayed: ${wiresharkCount(LOOPBACK, 'http')} of 31`);
    await rows.first().click();
    const follow = page.getByRole('button', { name: 'Follow TCP/UDP Stream' });
    await poll(() => follow.isEnabled()).toBe(true);
    await follow.click();
    const dialog = page.getByRole('dialog', { name: 'Follow Stream' });
    await poll(() => dialog.locator('.follow-stream-body .follow-client').first().textContent()).toMatch(/^GET \/.* HTTP\/1\.1\r\n/);
    await expect(dialog.locator('.follow-stream-body .follow-server').first().textContent()).resolves.toMatch(/^HTTP\/1\.1 200/);
    await screenshot(page, 'packets-follow-stream');
    await dialog.getByRole('radio', { name: 'Hex Dump' }).click();
    await expect(dialog.locator('.follow-stream-body .follow-client').first().textContent()).resolves.toMatch(/^00000000  47 45 54 20/);
    await dialog.getByRole('button', { name: 'Filter on This Stream' }).click();
    await poll(() => dialog.isVisible()).toBe(false);
    await poll(() => filterBox().inputValue()).toMatch(/^tcp\.stream eq \d+$|^tcp\.stream == \d+$/);
    // The whole conversation (handshake, ACKs, FINs) is more than its two HTTP frames.
    const displayed = async () => Number(/^Displayed: (\d+) of 31$/.exec((await counts()) ?? '')?.[1] ?? 0);
    await poll(displayed).toBeGreaterThan(wiresharkCount(LOOPBACK, 'http'));
    await poll(displayed).toBe(wiresharkCount(LOOPBACK, (await filterBox().inputValue()).replace(' eq ', ' == ')));
  });

  it('applies a detail line as a filter, joined to the one in effect, and prepares one without applying it', async () => {
    // The stream filter of the previous test is in effect.
    const streamFilter = await filterBox().inputValue();
    await rows.first().click();
    const tree = page.getByRole('tree', { name: 'Packet details' });
    await tree.getByRole('treeitem', { name: /^Transmission Control Protocol/ }).click();
    await page.keyboard.press('ArrowRight');
    const sourcePort = tree.getByRole('treeitem', { name: /^Source Port: \d+$/ });
    const port = /(\d+)$/.exec((await sourcePort.textContent()) ?? '')![1];
    await sourcePort.click({ button: 'right' });
    const joined = `(${streamFilter}) && (tcp.srcport == ${port})`;
    await page.getByRole('option', { name: /Apply as Filter: …and Selected/ }).waitFor();
    await screenshot(page, 'packets-apply-as-filter');
    await page.getByRole('option', { name: /Apply as Filter: …and Selected/ }).click();
    await poll(() => filterBox().inputValue()).toBe(joined);
    await poll(counts).toBe(`Displayed: ${wiresharkCount(LOOPBACK, joined.replace(' eq ', ' == '))} of 31`);
    // Prepare: the layer's protocol goes into the bar, checked, not applied (the list stays as it was).
    const before = await counts();
    await tree.getByRole('treeitem', { name: /^Internet Protocol Version 4/ }).click({ button: 'right' });
    await page.getByRole('option', { name: /Prepare as Filter: Selected/ }).click();
    await poll(() => filterBox().inputValue()).toBe('ip');
    await poll(() => page.locator('.display-filter').getAttribute('data-state')).toBe('valid');
    await expect(counts()).resolves.toBe(before);
    await filterBox().press('Enter');
    await poll(counts).toBe(`Displayed: ${wiresharkCount(LOOPBACK, 'ip')} of 31`);
    // From the keyboard: Shift+F10 on the selected line; a line that is no field offers Copy Line only.
    await applyFilter('tcp');
    await rows.first().click();
    const tcpLayer = tree.getByRole('treeitem', { name: /^Transmission Control Protocol/ });
    await poll(() => tcpLayer.count()).toBe(1);
    if ((await tcpLayer.getAttribute('aria-expanded')) === 'false') {
      await tcpLayer.click();
      await page.keyboard.press('ArrowRight');
    }
    await tree.getByRole('treeitem', { name: /^Header Length: \d+ bytes$/ }).last().click();
    await page.keyboard.press('Shift+F10');
    await expect(page.getByRole('option').allTextContents()).resolves.toEqual([expect.stringMatching(/^Copy Line/)]);
    await page.keyboard.press('Escape');
  });

  it('keeps Wireshark\'s own colours in the light theme', async () => {
    await applyFilter('');
    await page.emulateMedia({ colorScheme: 'light' });
    await poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    const dns = rows.filter({ has: page.getByRole('gridcell', { name: 'DNS', exact: true }) }).first();
    await expect(dns.evaluate((row) => getComputedStyle(row).backgroundColor)).resolves.toBe('rgb(218, 238, 255)');
    const icmpError = rows.filter({ hasText: 'Destination unreachable' }).first();
    await expect(icmpError.evaluate((row) => getComputedStyle(row).color)).resolves.toBe('rgb(183, 247, 116)');
    await rows.nth(3).click();
    await page.getByRole('tree', { name: 'Packet details' }).getByRole('treeitem').nth(2).click();
    await screenshot(page, 'packets-loopback-light');
    await page.emulateMedia({ colorScheme: 'dark' });
  });

  it('lists the conversations (Statistics: Conversations…) and filters on the one picked', async () => {
    await page.getByRole('treeitem', { name: 'loopback.pcap' }).click();
    await poll(counts, { timeout: 10_000 }).toMatch(/ of 31$/);
    // The capture was open already (the count says 31 at once): opening it again ends with the focus in the packet
    // list, which would close a palette opened before.
    await poll(() => grid.evaluate((element) => element.contains(document.activeElement)), { timeout: 10_000 }).toBe(true);
    await page.keyboard.press('Control+Shift+P');
    const palette = page.getByRole('combobox', { name: 'Command Palette' });
    await palette.fill('Statistics: Conversations');
    await page.getByRole('option', { name: /Statistics: Conversations/ }).waitFor();
    await palette.press('Enter');
    const first = page.getByRole('option').first();
    await expect(first.textContent()).resolves.toMatch(/^TCP 127\.0\.0\.1:\d+ ↔ 127\.0\.0\.1:\d+\d* frames?, [\d.]+ (B|kB)/);
    await screenshot(page, 'packets-conversations');
    await first.click();
    await poll(() => filterBox().inputValue()).toMatch(/^tcp\.stream == \d+$/);
    await poll(counts).toBe(`Displayed: ${wiresharkCount(LOOPBACK, await filterBox().inputValue())} of 31`);
    await applyFilter('');
  });

  it('resizes a column by dragging its header edge (rows follow, the width is kept), and a double click resets it', async () => {
    const header = grid.getByRole('columnheader', { name: 'Source' });
    const cellWidth = () => rows.first().locator('.col-source').evaluate((element) => element.getBoundingClientRect().width);
    const before = (await header.boundingBox())!.width;
    const handle = grid.getByRole('separator', { name: 'Resize column Source' });
    const edge = (await handle.boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2 + 150, edge.y + edge.height / 2, { steps: 5 });
    await page.mouse.up();
    const after = (await header.boundingBox())!.width;
    expect(after).toBeGreaterThan(before + 140);
    expect(Math.abs((await cellWidth()) - after)).toBeLessThan(2);
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('mirador.packets.columnWidths') ?? '[]') as (number | null)[]);
    expect(saved[2]).toBeCloseTo(after, -1);
    await handle.dblclick();
    await expect.poll(async () => Math.abs((await header.boundingBox())!.width - before)).toBeLessThan(2);
  });

  it('keeps only the rows in view in the DOM for a long capture, and End reaches its last frame', async () => {
    await page.getByRole('treeitem', { name: 'long.pcap' }).click();
    const total = 31 * LONG_REPEATS;
    await poll(counts, { timeout: 20_000 }).toBe(`Displayed: ${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`);
    await grid.focus();
    await page.keyboard.press('End');
    await poll(() => rows.last().getByRole('gridcell').first().textContent(), { timeout: 10_000 }).toBe(String(total));
    const inDom = await grid.locator('.packet-row').count();
    const fit = Math.ceil((await grid.locator('.packet-list-scroller').evaluate((element) => element.clientHeight)) / 22) + 1;
    expect(inDom).toBeLessThanOrEqual(fit);
    await page.keyboard.press('PageUp');
    await poll(() => page.locator('.packet-row.selected .col-number').textContent()).not.toBe(String(total));
    await page.mouse.move(700, 520);
    await page.mouse.wheel(0, -2200);
    await poll(async () => Number(await rows.first().getByRole('gridcell').first().textContent())).toBeLessThan(total - 100);
    await screenshot(page, 'packets-long-capture');
  });

  it('goes to a packet by number (Ctrl+G), through a filter, and says when the filter hides it', async () => {
    const total = 31 * LONG_REPEATS;
    const selectedPacket = () => page.locator('.packets-view').getAttribute('data-selected-packet');
    const goTo = async (number: number) => {
      await grid.focus();
      await page.keyboard.press('Control+G');
      const box = page.getByRole('combobox', { name: 'Go to Packet' });
      await box.fill(String(number));
      await box.press('Enter');
    };
    await goTo(25_000);
    await poll(selectedPacket).toBe('25000');
    await poll(() => page.locator('.packet-row.selected .col-number').textContent()).toBe('25000');
    // A number past the end is refused in the box.
    await grid.focus();
    await page.keyboard.press('Control+G');
    await page.getByRole('combobox', { name: 'Go to Packet' }).fill(String(total + 1));
    await page.getByText(`Type a frame number from 1 to ${total.toLocaleString('en-US')}.`).waitFor();
    await page.keyboard.press('Escape');
    // Through a filter: an HTTP frame is found among the displayed rows; a DNS one is hidden.
    await applyFilter('http');
    const httpNumbers = wiresharkFields(path.join(session.workspace, 'long.pcap'), ['frame.number'], 'http').map(([number]) => Number(number));
    const target = httpNumbers[Math.floor(httpNumbers.length * 0.7)]!;
    await goTo(target);
    await poll(selectedPacket).toBe(String(target));
    const hidden = wiresharkFields(path.join(session.workspace, 'long.pcap'), ['frame.number'], 'dns').map(([number]) => Number(number))[500]!;
    await goTo(hidden);
    const notice = page.getByRole('status').filter({ hasText: `Packet ${hidden} is not displayed: the filter http hides it.` });
    await notice.waitFor();
    await notice.getByRole('button', { name: 'Clear Filter' }).click();
    await poll(selectedPacket).toBe(String(hidden));
    await poll(() => filterBox().inputValue()).toBe('');
  });

  it('logged no errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});

const guestUnavailable = linuxGuestUnavailable();
const LIVE_CONFIGURATION = 'Linux guest with capture (TCG)';
/** The same guest, its ticks sent as syslog to UDP 514 (busybox syslogd -R), as a unikernel with logs-syslog logs. */
const SYSLOG_CONFIGURATION = 'Linux guest logging over syslog (TCG)';

describe.skipIf(guestUnavailable !== undefined)('workbench: a running guest\'s frames in the Packets panel', () => {
  let session: WorkbenchSession;
  let host: HostServices;
  let guestDir: string;
  let guest: LinuxGuest;

  beforeAll(async () => {
    guestDir = mkdtempSync(path.join(os.tmpdir(), 'mirador-e2e-guest-'));
    guest = await buildLinuxGuest(guestDir);
    host = await startHostServices();
    session = await openWorkbench((workspace) => {
      mkdirSync(path.join(workspace, '.mirador'));
      const configuration = {
        name: LIVE_CONFIGURATION,
        type: 'mirador',
        request: 'launch',
        target: 'qemu',
        kernel: guest.kernel,
        initrd: guest.initrd,
        append: guest.append({ httpPort: host.httpPort, tlsPort: host.tlsPort, udpPort: host.udpPort, mode: 'loop' }),
        memory: 256,
        accel: 'tcg',
        network: { mode: 'user' },
        capture: true,
      };
      const syslog = { ...configuration, name: SYSLOG_CONFIGURATION, append: guest.append({ udpPort: 514, mode: 'loop' }) };
      writeFileSync(path.join(workspace, '.mirador/launch.json'), JSON.stringify({ version: '0.2.0', configurations: [configuration, syslog] }));
    });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    host?.close();
    if (guest) killLeftoverQemu(guest.initrd);
    if (guestDir) rmSync(guestDir, { recursive: true, force: true });
  });

  it('follows the run live (frames arrive while it runs, filters apply), and keeps the capture after Stop', async () => {
    const { page, workspace } = session;
    const grid = page.getByRole('grid', { name: 'Packets' });
    const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
    const counts = () => page.locator('.packets-counts').textContent();
    const total = async () => Number(/of ([\d,]+)/.exec((await counts()) ?? '')?.[1]?.replace(/,/g, '') ?? 0);

    await page.keyboard.press('Control+Shift+D');
    const picker = page.getByRole('combobox', { name: 'Run configuration' });
    await poll(() => picker.locator('option').count()).toBeGreaterThanOrEqual(1);
    await picker.selectOption({ label: LIVE_CONFIGURATION });
    await page.keyboard.press('Control+F5');

    // The panel follows the run by itself, and says it is live.
    await poll(() => page.getByRole('tab', { name: 'Packets' }).getAttribute('aria-selected'), { timeout: 20_000 }).toBe('true');
    await poll(() => page.locator('.packets-source').textContent()).toBe(`Live: ${LIVE_CONFIGURATION}`);
    // The guest's UDP ticks reach the host once a second; each one is a row here while the guest still runs.
    await poll(() => host.heard.udp.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    const before = await total();
    const heardBefore = host.heard.udp.length;
    await poll(() => host.heard.udp.length, { timeout: 20_000 }).toBeGreaterThan(heardBefore + 1);
    await poll(total, { timeout: 10_000 }).toBeGreaterThan(before);
    // Autoscroll keeps the newest frame in view: the last row drawn is the last frame captured so far.
    await poll(async () => Number(await rows.last().locator('.col-number').textContent()), { timeout: 10_000 }).toBeGreaterThanOrEqual(before);
    await expect(page.getByRole('button', { name: 'Auto Scroll in Live Capture' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.locator('.packet-rate').getAttribute('aria-label')).resolves.toMatch(/^Packet rate: \d+ frames per second now/);
    await screenshot(page, 'packets-live-run');
    await docScreenshot(page, 'packets-live-run', { closeWelcome: true });

    // A filter on the live capture: only ICMP, and new ticks (UDP) do not join it.
    const filter = page.getByRole('searchbox', { name: 'Display filter' });
    await filter.fill('icmp');
    await poll(() => page.locator('.display-filter').getAttribute('data-state')).toBe('valid');
    await filter.press('Enter');
    await poll(() => rows.locator('.col-protocol').allTextContents(), { timeout: 10_000 }).toEqual(expect.arrayContaining(['ICMP']));
    await poll(async () => new Set(await rows.locator('.col-protocol').allTextContents())).toEqual(new Set(['ICMP']));
    const icmpShown = await rows.count();
    await poll(total, { timeout: 10_000 }).toBeGreaterThan(await total());
    expect(await rows.count()).toBe(icmpShown);
    await filter.fill('');
    await filter.press('Enter');
    // Home goes to the first frames (the guest's boot: DHCP, ARP, ...) and stops following the newest.
    await grid.focus();
    await page.keyboard.press('Home');
    await poll(() => rows.locator('.col-protocol').allTextContents()).toEqual(expect.arrayContaining(['DHCP', 'ARP']));
    await expect(page.getByRole('button', { name: 'Auto Scroll in Live Capture' }).getAttribute('aria-pressed')).resolves.toBe('false');
    const firstShown = await rows.first().locator('.col-number').textContent();
    await poll(total, { timeout: 10_000 }).toBeGreaterThan(await total());
    await expect(rows.first().locator('.col-number').textContent()).resolves.toBe(firstShown);

    // Stop: the adapter goes, the capture stays (saved in the workspace and reopened from there).
    await page.keyboard.press('Shift+F5');
    await poll(() => page.locator('.packets-source').textContent(), { timeout: 30_000 }).toBe(`${LIVE_CONFIGURATION} (ended)`);
    const saved = readdirSync(path.join(workspace, '.mirador/captures'));
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatch(/\.pcapng$/);
    const file = path.join(workspace, '.mirador/captures', saved[0]);
    const frames = wiresharkCount(file, 'frame');
    expect(frames).toBeGreaterThan(10);
    await poll(counts, { timeout: 10_000 }).toBe(`Displayed: ${frames} of ${frames}`);
    for (const protocol of ['dhcp', 'arp', 'icmp', 'dns', 'http']) expect(wiresharkCount(file, protocol), protocol).toBeGreaterThan(0);
    await screenshot(page, 'packets-live-run-ended');
    expect(session.pageErrors).toEqual([]);
  });

  it('shows the syslog messages a guest sends over the network in the Log, beside its console, tagged with the sender', async () => {
    const { page } = session;
    const picker = page.getByRole('combobox', { name: 'Run configuration' });
    await picker.selectOption({ label: SYSLOG_CONFIGURATION });
    await page.keyboard.press('Control+F5');
    await poll(() => page.locator('.packets-source').textContent(), { timeout: 20_000 }).toBe(`Live: ${SYSLOG_CONFIGURATION}`);
    await page.getByRole('tab', { name: 'Log' }).click();
    const ticks = page.getByRole('row').filter({ hasText: /mirador-tick \d+/ }).filter({ hasText: 'syslog=10.0.2.15' });
    await poll(() => ticks.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    // logger's user.notice is an info row; busybox's tag (the user, 0) is the source; the time is the message's own.
    const first = ticks.first();
    await expect(first.locator('.log-badge').textContent()).resolves.toBe('INFO');
    await expect(first.locator('.log-source').textContent()).resolves.toBe('0');
    await expect(first.locator('.log-time').textContent()).resolves.toMatch(/^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d$/);
    await expect(first.locator('.log-message').textContent()).resolves.toMatch(/^mirador-tick \d+syslog=10\.0\.2\.15$/);
    // The console's own lines are there too (the guest's say lines), and the source filter offers the syslog tag.
    await expect(page.getByRole('row').filter({ hasText: 'mirador-guest: traffic done' }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole('combobox', { name: 'Filter by source' }).locator('option[value="0"]').count()).resolves.toBe(1);
    await screenshot(page, 'log-syslog');
    await page.keyboard.press('Shift+F5');
    await poll(() => page.locator('.packets-source').textContent(), { timeout: 30_000 }).toBe(`${SYSLOG_CONFIGURATION} (ended)`);
    expect(session.pageErrors).toEqual([]);
  });
});
