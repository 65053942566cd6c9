// packets/* through the real backend connection: open a capture file, rows, detail, filters, export, streams, damage, close.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ResponseError } from 'vscode-jsonrpc/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PacketsEventBody } from '../../../main/api';
import { LOOPBACK, tsharkCount, tsharkFields } from '../services/capture/tshark-runner';
import { BackendConnection } from './backend-connection';

let workspace: string;
const connections: BackendConnection[] = [];

beforeAll(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'mirador-packets-ws-'));
  copyFileSync(LOOPBACK, path.join(workspace, 'loopback.pcap'));
  // The same capture cut in the middle of frame 21's record: 20 good frames, then damage.
  const bytes = readFileSync(LOOPBACK);
  let at = 24;
  for (let frame = 0; frame < 20; frame++) at += 16 + bytes.readUInt32LE(at + 8);
  writeFileSync(path.join(workspace, 'cut.pcap'), bytes.subarray(0, at + 30));
  // 60k frames: the fixture repeated, for reading in the background and the event rate.
  const records = bytes.subarray(24);
  writeFileSync(path.join(workspace, 'big.pcap'), Buffer.concat([bytes.subarray(0, 24), ...Array.from({ length: 2000 }, () => records)]));
});

afterEach(async () => {
  for (const connection of connections.splice(0)) await connection.dispose();
});

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

async function connect(): Promise<{ backend: BackendConnection; updates: (PacketsEventBody & { captureId: number; at: number })[] }> {
  const backend = await BackendConnection.open(workspace);
  connections.push(backend);
  const updates: (PacketsEventBody & { captureId: number; at: number })[] = [];
  backend.onEvent('packets/update', (event) => updates.push({ ...event, at: performance.now() }));
  return { backend, updates };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('packets/* requests', () => {
  it('opens a workspace file, announces its rows, then answers rows, detail, filter and follow like tshark', async () => {
    const { backend, updates } = await connect();
    const opened = await backend.request('packets/open', { path: 'loopback.pcap' });
    expect(opened).toEqual({ captureId: expect.any(Number), name: 'loopback.pcap' });
    await until(() => updates.some((update) => update.ended !== undefined));
    const last = updates.at(-1)!;
    expect(last).toMatchObject({ captureId: opened.captureId, total: 31, matched: 31, ended: 'read all 31 frames of loopback.pcap' });
    expect(updates.flatMap((update) => update.rows).map((row) => row.number)).toEqual(Array.from({ length: 31 }, (_, index) => index + 1));

    const rows = await backend.request('packets/rows', { captureId: opened.captureId, start: 10, count: 3 });
    expect(rows.total).toBe(31);
    const reference = tsharkFields(LOOPBACK, ['_ws.col.Protocol', '_ws.col.Info']);
    expect(rows.rows.map((row) => [row.number, row.protocol, row.info])).toEqual([11, 12, 13].map((number) => [number, ...reference[number - 1]!]));

    const detail = await backend.request('packets/detail', { captureId: opened.captureId, number: 12 });
    expect(detail.streamFilter).toBe('tcp.stream eq 0');
    expect(Buffer.from(detail.bytes, 'base64').length).toBe(136);

    const filtered = await backend.request('packets/setFilter', { captureId: opened.captureId, filter: 'tcp.len > 0' });
    expect(filtered).toEqual({ filter: 'tcp.len > 0', matched: tsharkCount(LOOPBACK, 'tcp.len > 0'), total: 31 });
    const matchingRows = await backend.request('packets/rows', { captureId: opened.captureId, start: 0, count: 100 });
    expect(matchingRows.rows.map((row) => row.number)).toEqual(tsharkFields(LOOPBACK, ['frame.number'], 'tcp.len > 0').map(([number]) => Number(number)));

    const followed = await backend.request('packets/followStream', { captureId: opened.captureId, number: 14 });
    expect(followed).toMatchObject({ protocol: 'tcp', filter: 'tcp.stream eq 0' });
    expect(Buffer.from(followed.segments[0]!.bytes, 'base64').toString('latin1')).toMatch(/^GET \/index.html HTTP\/1.1\r\n/);
  });

  it('rejects a filter that does not compile with its column in the error data', async () => {
    const { backend } = await connect();
    const { captureId } = await backend.request('packets/open', { path: 'loopback.pcap' });
    const error = await backend.request('packets/setFilter', { captureId, filter: 'dns &&' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError<unknown>).data).toEqual({ code: 'invalid-params', column: 7 });
    expect((error as ResponseError<unknown>).message).toMatch(/ends where a field or protocol was expected/);
  });

  it('exports the filtered frames to a workspace file tshark reads, and the whole capture as pcap to an absolute path', async () => {
    const { backend, updates } = await connect();
    const { captureId } = await backend.request('packets/open', { path: path.join(workspace, 'loopback.pcap') });
    await until(() => updates.some((update) => update.ended !== undefined));
    await backend.request('packets/setFilter', { captureId, filter: 'dns' });
    const exported = await backend.request('packets/export', { captureId, path: 'out/dns.pcapng', filtered: true }).catch((error: Error) => error);
    expect((exported as Error).message).toMatch(/out/);
    const written = await backend.request('packets/export', { captureId, path: 'dns.pcapng', filtered: true });
    expect(written).toEqual({ path: path.join(workspace, 'dns.pcapng'), frames: tsharkCount(LOOPBACK, 'dns'), bytes: expect.any(Number) });
    expect(tsharkFields(written.path, ['_ws.col.Info'])).toEqual(tsharkFields(LOOPBACK, ['_ws.col.Info'], 'dns'));
    const whole = path.join(workspace, 'whole.pcap');
    expect(await backend.request('packets/export', { captureId, path: whole, format: 'pcap' })).toMatchObject({ frames: 31 });
    expect(readFileSync(whole).readUInt32LE(0)).toBe(0xa1b2c3d4);
    expect(tsharkFields(whole, ['frame.len'])).toEqual(tsharkFields(LOOPBACK, ['frame.len']));
  });

  it('keeps every good frame of a damaged file and ends saying where the damage is', async () => {
    const { backend, updates } = await connect();
    const { captureId } = await backend.request('packets/open', { path: 'cut.pcap' });
    await until(() => updates.some((update) => update.ended !== undefined));
    const last = updates.at(-1)!;
    expect(last.total).toBe(20);
    expect(last.ended).toMatch(/^cut\.pcap is damaged: pcap file cut short in the middle of a record \(\d+ bytes left over\) at byte \d+; the 20 frames before the damage are shown$/);
    expect((await backend.request('packets/rows', { captureId, start: 19, count: 5 })).rows.map((row) => row.number)).toEqual([20]);
  });

  it('refuses paths that leave the workspace, files that do not exist, and captures that were closed', async () => {
    const { backend } = await connect();
    await expect(backend.request('packets/open', { path: '../elsewhere.pcap' })).rejects.toMatchObject({ data: { code: 'outside-workspace' } });
    await expect(backend.request('packets/open', { path: 'missing.pcap' })).rejects.toMatchObject({ data: { code: 'not-found' } });
    const { captureId } = await backend.request('packets/open', { path: 'loopback.pcap' });
    await backend.request('packets/close', { captureId });
    await expect(backend.request('packets/rows', { captureId, start: 0, count: 1 })).rejects.toMatchObject({ data: { code: 'not-found' }, message: expect.stringMatching(/is not open/) });
    await expect(backend.request('packets/detail', { captureId: 999, number: 1 })).rejects.toMatchObject({ data: { code: 'not-found' } });
  });

  it('reads a big file in the background: answers requests meanwhile, at most 20 updates a second, each with at most 500 rows', async () => {
    const { backend, updates } = await connect();
    const started = performance.now();
    const { captureId } = await backend.request('packets/open', { path: 'big.pcap' });
    const early = await backend.request('packets/rows', { captureId, start: 0, count: 2 });
    expect(early.total).toBeLessThan(62_000);
    await until(() => updates.some((update) => update.ended !== undefined));
    expect(updates.at(-1)!.total).toBe(62_000);
    expect(updates.every((update) => update.rows.length <= 500)).toBe(true);
    // Events are sent at most once per 50 ms of the backend's time; counted over the whole read, as the client saw it.
    const elapsed = updates.at(-1)!.at - started;
    expect(updates.length).toBeGreaterThan(1);
    expect(updates.length).toBeLessThanOrEqual(Math.floor(elapsed / 50) + 2);
    const rows = await backend.request('packets/rows', { captureId, start: 61_999, count: 1 });
    expect(rows.rows[0]).toMatchObject({ number: 62_000, protocol: 'TCP' });
  }, 60_000);
});
