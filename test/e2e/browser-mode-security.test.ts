// End to end: browser mode refuses requests without the token, from foreign origins, and under a foreign Host name.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startMiradorWeb, type MiradorWeb } from './support/mirador-web-process';

function get(port: number, requestPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: requestPath, headers }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
    });
    request.on('error', reject);
    request.end();
  });
}

function wsStatus(url: string, headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => resolve(0));
  });
}

describe('browser mode security', () => {
  let server: MiradorWeb;
  let userDataDir: string;

  beforeAll(async () => {
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mirador-e2e-sec-'));
    server = await startMiradorWeb({ userDataDir });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(userDataDir, { recursive: true, force: true });
  });

  it('prints one URL on 127.0.0.1 with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32,}$/);
  });

  it('refuses a request without the token', async () => {
    const response = await get(server.port, '/', { host: `127.0.0.1:${server.port}` });
    expect(response.status).toBe(401);
  });

  it('refuses a wrong token', async () => {
    const response = await get(server.port, '/?token=not-the-token', { host: `127.0.0.1:${server.port}` });
    expect(response.status).toBe(403);
  });

  it('accepts the token once and then the cookie it sets', async () => {
    const first = await get(server.port, `/?token=${server.token}`, { host: `127.0.0.1:${server.port}` });
    expect(first.status).toBe(302);
    const cookie = String(first.headers['set-cookie']).split(';')[0];
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly/i);
    const second = await get(server.port, '/', { host: `127.0.0.1:${server.port}`, cookie });
    expect(second.status).toBe(200);
    expect(String(second.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const response = await get(server.port, `/?token=${server.token}`, { host: `evil.example:${server.port}` });
    expect([403, 421]).toContain(response.status);
  });

  it('refuses WebSocket connections without the token or from a foreign Origin', async () => {
    const url = `ws://127.0.0.1:${server.port}/rpc`;
    expect(await wsStatus(url, { origin: server.origin })).toBe(401);
    expect(await wsStatus(url, { origin: 'http://evil.example', cookie: `mirador-token=${server.token}` })).toBe(403);
    expect(await wsStatus(url, { origin: server.origin, cookie: `mirador-token=${server.token}` })).toBe('open');
  });
});
