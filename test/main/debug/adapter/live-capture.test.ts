// Live capture through the real adapter from a real Linux guest under QEMU (TCG): frames announced while the guest runs,
// the custom packet requests answered, the export read back by tshark and compared with our rows frame by frame.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FILTER_ERROR_INVALID, SYSLOG_EVENT, type PacketDetailNode, type PacketRow, type PacketsEventBody, type SyslogEventBody, type SyslogMessage } from '../../../../main/api/packets-protocol';
import { startHostServices, HTTP_BODY, type HostServices } from '../../../support/linux-guest/host-services.mjs';
import { buildLinuxGuest, linuxGuestUnavailable, type LinuxGuest } from '../../../support/linux-guest/linux-guest-image.mjs';
import { wiresharkCount, wiresharkFields } from '../../services/capture/tshark-runner';
import { ensureFreshAppBuild } from '../support/fresh-app-build';
import { killLeftoverQemu } from '../support/qemu-processes';
import { SpawnedAdapterClient } from '../support/spawned-adapter-client';

const unavailable = linuxGuestUnavailable();
if (unavailable) console.warn(`SKIPPED live capture from a Linux guest: ${unavailable}`);
let dir: string;
let guest: LinuxGuest;
let host: HostServices;
const clients: SpawnedAdapterClient[] = [];

beforeAll(async () => {
  if (unavailable) return;
  const build = await ensureFreshAppBuild();
  if (!build.ok) throw new Error(build.reason);
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-live-capture-'));
  guest = await buildLinuxGuest(dir);
  host = await startHostServices();
}, 120_000);

afterEach(async () => {
  for (const client of clients.splice(0)) await client.stopAll();
});

afterAll(() => {
  if (unavailable) return;
  host.close();
  killLeftoverQemu(guest.initrd);
  rmSync(dir, { recursive: true, force: true });
});

interface TimedEvent extends PacketsEventBody {
  at: number;
}

async function startCapturing(launch: Record<string, unknown>): Promise<{ client: SpawnedAdapterClient; events: TimedEvent[]; terminated: Promise<unknown> }> {
  const client = new SpawnedAdapterClient(dir);
  clients.push(client);
  await client.start();
  const events: TimedEvent[] = [];
  client.on('mirador/packets', (event: DebugProtocol.Event) => events.push({ ...(event.body as PacketsEventBody), at: performance.now() }));
  const terminated = client.waitForEvent('terminated', 90_000);
  await Promise.all([
    client.configurationSequence(),
    client.launch({ target: 'qemu', kernel: guest.kernel, initrd: guest.initrd, accel: 'tcg', memory: 256, noDebug: true, capture: true, ...launch } as DebugProtocol.LaunchRequestArguments),
  ]);
  return { client, events, terminated };
}

async function request<T>(client: SpawnedAdapterClient, command: string, args: object): Promise<T> {
  return (await client.customRequest(command, args)).body as T;
}

function labels(nodes: PacketDetailNode[]): string[] {
  return nodes.flatMap((node) => [node.label, ...labels(node.children ?? [])]);
}

describe.skipIf(unavailable !== undefined)('live capture from a Linux guest through the adapter', () => {
  it('announces DHCP, ARP, ICMP, DNS, HTTP and TLS frames as they are sent, then answers rows, filters, detail, streams and export like tshark', async () => {
    const { client, events, terminated } = await startCapturing({
      append: guest.append({ httpPort: host.httpPort, tlsPort: host.tlsPort }),
      network: { mode: 'user' },
    });
    await terminated;
    expect(client.output('stdout')).toContain(`mirador-guest: http ok ${HTTP_BODY.trim()}`);

    // Every frame was announced once, in order, in batches of at most 500 rows, and the last batch says why it ended.
    const announced = events.flatMap((event) => event.rows);
    const last = events.at(-1)!;
    expect(last.ended).toMatch(/^the VMM closed the capture stream after \d+ frames$/);
    expect(events.filter((event) => event.ended !== undefined).length).toBe(1);
    expect(announced.map((row) => row.number)).toEqual(Array.from({ length: last.total }, (_, index) => index + 1));
    expect(events.every((event) => event.rows.length <= 500)).toBe(true);
    const sequence = client.eventSequence();
    expect(sequence.lastIndexOf('mirador/packets')).toBeLessThan(sequence.indexOf('terminated'));
    // Frames were shown while the guest ran, not at its end: the first batch came before the VMM exited.
    expect(sequence.indexOf('mirador/packets')).toBeLessThan(sequence.indexOf('mirador/vmmExited'));
    const get = announced.find((row) => row.protocol === 'HTTP' && row.info.startsWith('GET /index.html'))!;
    const getEvent = events.find((event) => event.rows.some((row) => row.number === get.number))!;
    const latency = getEvent.at - host.heard.http[0]!.at;
    console.log(`live capture: the HTTP GET was announced ${latency.toFixed(1)} ms after the host server received it`);

    const protocols = new Set(announced.map((row) => row.protocol));
    for (const protocol of ['DHCP', 'ARP', 'ICMP', 'DNS', 'TCP', 'HTTP', 'TLSv1']) expect(protocols).toContain(protocol);

    // pcapng written by the adapter, read back by tshark (its defaults, as the Packets panel's, and its second pass, which
    // names an echo request's reply as the panel does): same frames, same columns as our rows.
    const exported = await request<{ path: string; frames: number; bytes: number }>(client, 'mirador/exportCapture', { path: 'live.pcapng' });
    expect(exported).toMatchObject({ path: path.join(dir, 'live.pcapng'), frames: last.total });
    const reference = spawnSync('tshark', ['-2', '-r', exported.path, '-T', 'fields', '-E', 'separator=/t', '-e', '_ws.col.Source', '-e', '_ws.col.Destination', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info'], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean);
    const rows = (await request<{ rows: PacketRow[] }>(client, 'mirador/packetRows', { start: 0, count: 10_000 })).rows;
    expect(rows.map((row) => `${row.number} ${row.source}\t${row.destination}\t${row.protocol}\t${row.info}`)).toEqual(reference.map((line, index) => `${index + 1} ${line}`));

    for (const filter of ['dhcp', 'arp || icmp', 'dns.flags.response == 1', 'tcp.port == ' + host.httpPort, 'tls.handshake.extensions_server_name == "mirador.test"', 'ip.src == 10.0.2.15 && udp', '!ip']) {
      const result = await request<{ matched: number; total: number }>(client, 'mirador/setFilter', { filter });
      expect({ filter, matched: result.matched }).toEqual({ filter, matched: wiresharkCount(exported.path, filter) });
    }
    const invalid = await client.customRequest('mirador/setFilter', { filter: 'ip.addr == 10.0.2' }).catch((error: Error & { body?: unknown }) => error);
    expect((invalid as Error).message).toMatch(/is not a valid IPv4 address/);

    const hello = rows.find((row) => row.info === 'Client Hello')!;
    const detail = await request<{ tree: PacketDetailNode[]; bytes: string; streamFilter: string }>(client, 'mirador/packetDetail', { number: hello.number });
    expect(labels(detail.tree)).toContain('Extension: server_name (len=17) name=mirador.test');
    expect(detail.streamFilter).toMatch(/^tcp\.stream eq \d+$/);
    const followed = await request<{ segments: { fromClient: boolean; bytes: string }[] }>(client, 'mirador/followStream', { number: get.number });
    const fromServer = followed.segments.filter((segment) => !segment.fromClient).map((segment) => Buffer.from(segment.bytes, 'base64').toString('latin1')).join('');
    expect(fromServer).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nhello from the host\n$/);
    expect(wiresharkFields(exported.path, ['frame.number'], detail.streamFilter).length).toBe((await request<{ matched: number }>(client, 'mirador/setFilter', { filter: detail.streamFilter })).matched);
    // Statistics › Conversations over the run's capture: the HTTP one among them, its filter the stream's.
    const { conversations } = await request<{ conversations: { protocol: string; portB: number; filter: string; framesAToB: number; framesBToA: number }[] }>(client, 'mirador/conversations', {});
    const http = conversations.find((conversation) => conversation.filter === detail.streamFilter.replace(' eq ', ' == '));
    expect(http).toMatchObject({ protocol: 'tcp' });
    expect(http!.framesAToB + http!.framesBToA).toBe(wiresharkFields(exported.path, ['frame.number'], detail.streamFilter).length);
  }, 120_000);

  it('while the guest runs: a bad filter is FILTER_ERROR_INVALID with its column; stopping the run ends the capture, which stays browsable', async () => {
    const { client, events, terminated } = await startCapturing({ append: guest.append({ mode: 'loop', udpPort: host.udpPort }), network: { mode: 'user' } });
    const rejected = await client.rawRequest('mirador/setFilter', { filter: 'udp && tcp.port ==' });
    expect(rejected.success).toBe(false);
    expect((rejected as DebugProtocol.ErrorResponse).body.error).toMatchObject({ id: FILTER_ERROR_INVALID, variables: { column: '19' }, format: 'expected a value after "=="' });
    // A filter set while frames arrive applies to the ones still to come: each tick the host hears shows up as a match.
    expect(await request(client, 'mirador/setFilter', { filter: `udp.dstport == ${host.udpPort}` })).toMatchObject({ filter: `udp.dstport == ${host.udpPort}` });
    while (host.heard.udp.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    while (!events.some((event) => event.rows.some((row) => row.protocol === 'UDP'))) await new Promise((resolve) => setTimeout(resolve, 50));
    await client.terminateRequest();
    await terminated;
    expect(events.at(-1)!.ended).toMatch(/^the VMM closed the capture stream after \d+ frames$/);
    const matching = await request<{ rows: PacketRow[]; matched: number }>(client, 'mirador/packetRows', { start: 0, count: 100 });
    expect(matching.rows.length).toBe(matching.matched);
    expect(matching.rows.every((row) => row.protocol === 'UDP' && row.destination === '10.0.2.2')).toBe(true);
    const tick = await request<{ bytes: string }>(client, 'mirador/packetDetail', { number: matching.rows[0]!.number });
    expect(Buffer.from(tick.bytes, 'base64').toString('latin1')).toMatch(/: mirador-tick \d+\n?$/);
  }, 120_000);

  it('a guest logging over syslog (busybox syslogd -R to UDP 514): mirador/syslog carries each message, as tshark reads its frame', async () => {
    const { client, terminated } = await startCapturing({ append: guest.append({ mode: 'loop', udpPort: 514 }), network: { mode: 'user' } });
    const messages: SyslogMessage[] = [];
    client.on(SYSLOG_EVENT, (event: DebugProtocol.Event) => messages.push(...(event.body as SyslogEventBody).messages));
    while (messages.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    await client.terminateRequest();
    await terminated;
    // logger's default priority is user.notice; busybox puts its own header (time, tag) before the text.
    expect(messages[0]).toMatchObject({ facility: 1, level: 5, sender: '10.0.2.15' });
    expect(messages[0]!.text).toMatch(/ mirador-tick \d+(\\n)?$/);
    const exported = await request<{ path: string }>(client, 'mirador/exportCapture', { path: 'syslog.pcapng' });
    for (const message of messages.slice(0, 2)) {
      const [info, facility, level] = wiresharkFields(exported.path, ['_ws.col.Info', 'syslog.facility', 'syslog.level'], `frame.number == ${message.frame}`)[0]!;
      expect({ info, facility: Number(facility), level: Number(level) }).toEqual({ info: message.info, facility: message.facility, level: message.level });
      expect(message.info).toBe(`USER.NOTICE: ${message.text}`);
    }
  }, 120_000);

  it('records a guest on tap networking the same way (QEMU mirrors the tap netdev; no DHCP server answers there)', async (context) => {
    const tap = `mirtap${process.pid % 10000}`;
    if (spawnSync('ip', ['tuntap', 'add', tap, 'mode', 'tap']).status !== 0) return context.skip('creating a tap device needs CAP_NET_ADMIN, which this test process lacks');
    try {
      spawnSync('ip', ['link', 'set', 'dev', tap, 'up']);
      const { client, events, terminated } = await startCapturing({ append: guest.append({ mode: 'loop' }), network: { mode: 'tap', tap } });
      while (!events.some((event) => event.rows.some((row) => row.info.startsWith('DHCP Discover')))) await new Promise((resolve) => setTimeout(resolve, 50));
      await client.terminateRequest();
      await terminated;
      const discover = events.flatMap((event) => event.rows).find((row) => row.info.startsWith('DHCP Discover'))!;
      expect(discover).toMatchObject({ source: '0.0.0.0', destination: '255.255.255.255', protocol: 'DHCP', colour: 'dhcp' });
      expect(events.at(-1)!.ended).toMatch(/^the VMM closed the capture stream after \d+ frames$/);
    } finally {
      spawnSync('ip', ['tuntap', 'del', tap, 'mode', 'tap']);
    }
  }, 120_000);

  it('a run without capture answers packet requests with the reason', async () => {
    const client = new SpawnedAdapterClient(dir);
    clients.push(client);
    await client.start();
    await client.initializeRequest({ adapterID: 'mirador', pathFormat: 'path' });
    const answer = await client.rawRequest('mirador/packetRows', { start: 0, count: 10 });
    expect(answer).toMatchObject({ success: false, message: 'This run records no traffic: set "capture": true, with a network, in its run configuration.' });
  });
});
