// Browser-mode server: token, Host and Origin checks, static files and the WebSocket transport, against the real server.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Backend } from '../../../main/backend/backend';
import type { TextMessageChannel } from '../../../main/backend/message-channel';
import { startWebServer, type WebServer } from '../../../main/server/web-server';
import { rawHttpRequest } from './raw-http-request';

/** Stands in for the real backend: records each channel and echoes every frame back with a prefix. */
class EchoBackend implements Backend {
  readonly channels: TextMessageChannel[] = [];
  disposedAttachments = 0;
  attach(channel: TextMessageChannel) {
    this.channels.push(channel);
    channel.onMessage((text) => channel.send(`echo:${text}`));
    return { dispose: () => void this.disposedAttachments++ };
  }
  async dispose() {}
}

describe('startWebServer', () => {
  let dir: string;
  let rendererDir: string;
  let server: WebServer;
  const backend = new EchoBackend();
  let origin: string;
  let cookie: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mirador-web-server-'));
    rendererDir = path.join(dir, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Mirador</title>');
    await writeFile(path.join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
    await writeFile(path.join(rendererDir, 'assets', 'style.css'), 'body{}');
    await writeFile(path.join(rendererDir, 'assets', 'codicon.ttf'), 'font');
    await writeFile(path.join(rendererDir, 'assets', 'editor.worker.mjs'), 'self.onmessage=()=>{}');
    await writeFile(path.join(dir, 'secret.txt'), 'top secret');
    await symlink(path.join(dir, 'secret.txt'), path.join(rendererDir, 'assets', 'escape.txt'));
    server = await startWebServer({ port: 0, rendererDir, backend });
    origin = `http://127.0.0.1:${server.port}`;
    cookie = `mirador-token=${server.token}`;
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (requestPath: string, headers: Record<string, string> = {}) =>
    rawHttpRequest({ port: server.port, path: requestPath, headers: { host: `127.0.0.1:${server.port}`, ...headers } });

  it('listens on 127.0.0.1 only and prints a URL carrying a long random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('binds the loopback address only, so other interfaces of this machine cannot reach it', async () => {
    expect(server.host).toBe('127.0.0.1');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (!external) return;
    await expect(fetch(`http://${external.address}:${server.port}/`)).rejects.toThrow();
  });

  it('answers 401 with a hint when there is no token', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('mirador web');
  });

  it('answers 403 to a wrong token in the URL or in the cookie', async () => {
    expect((await fetch(`${origin}/?token=nope`, { redirect: 'manual' })).status).toBe(403);
    expect((await get('/', { cookie: 'mirador-token=nope' })).status).toBe(403);
  });

  it('trades the token in the URL for an HttpOnly cookie and redirects to the same URL without it', async () => {
    const response = await fetch(`${origin}/some/page?x=1&token=${server.token}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/some/page?x=1');
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toContain(`mirador-token=${server.token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
  });

  it('never redirects to another host', async () => {
    const response = await get(`//evil.example/?token=${server.token}`);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/evil.example/');
  });

  it('serves index.html for / with the cookie, with the security headers', async () => {
    const response = await get('/', { cookie });
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>Mirador</title>');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('accepts the localhost name as well', async () => {
    const response = await get('/', { cookie, host: `localhost:${server.port}` });
    expect(response.status).toBe(200);
  });

  it.each([
    ['/assets/main.js', 'text/javascript; charset=utf-8'],
    ['/assets/editor.worker.mjs', 'text/javascript; charset=utf-8'],
    ['/assets/style.css', 'text/css; charset=utf-8'],
    ['/assets/codicon.ttf', 'font/ttf'],
  ])('serves %s as %s', async (file, type) => {
    const response = await get(file, { cookie });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const head = await rawHttpRequest({ port: server.port, path: '/', method: 'HEAD', headers: { host: `127.0.0.1:${server.port}`, cookie } });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const post = await rawHttpRequest({ port: server.port, path: '/', method: 'POST', headers: { host: `127.0.0.1:${server.port}`, cookie } });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('answers 404 for files that do not exist', async () => {
    expect((await get('/nothing-here.js', { cookie })).status).toBe(404);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/assets/escape.txt'])(
    'refuses the path traversal %s',
    async (attempt) => {
      const response = await get(attempt, { cookie });
      expect([400, 404]).toContain(response.status);
      expect(response.body).not.toContain('top secret');
    },
  );

  it('refuses a foreign Host header with 421 even with the token (DNS rebinding)', async () => {
    const response = await get('/', { cookie, host: `evil.example:${server.port}` });
    expect(response.status).toBe(421);
    expect((await get('/', { cookie, host: `127.0.0.1:${server.port + 1}` })).status).toBe(421);
  });

  it('refuses a foreign Origin on plain requests', async () => {
    expect((await get('/', { cookie, origin: 'http://evil.example' })).status).toBe(403);
  });

  const openSocket = (headers: Record<string, string>, query = '') =>
    new Promise<{ socket?: WebSocket; status?: number }>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/rpc${query}`, { headers, origin: headers.origin });
      socket.on('open', () => resolve({ socket }));
      socket.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode }));
      socket.on('error', () => resolve({}));
    });

  it('refuses a WebSocket without the token', async () => {
    expect((await openSocket({ origin })).status).toBe(401);
  });

  it('refuses a WebSocket from a foreign Origin, or with none', async () => {
    expect((await openSocket({ origin: 'http://evil.example', cookie })).status).toBe(403);
    expect((await openSocket({ cookie })).status).toBe(403);
  });

  it('refuses a WebSocket on another path', async () => {
    const result = await new Promise<number | undefined>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/elsewhere`, { headers: { cookie }, origin });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode));
      socket.on('open', () => resolve(101));
    });
    expect(result).toBe(404);
  });

  it('carries text frames both ways over a WebSocket opened with the cookie, and detaches on close', async () => {
    const before = backend.channels.length;
    const { socket } = await openSocket({ origin, cookie });
    expect(socket).toBeDefined();
    const reply = new Promise<string>((resolve) => socket!.once('message', (data) => resolve(String(data))));
    socket!.send('{"jsonrpc":"2.0","method":"ping"}');
    expect(await reply).toBe('echo:{"jsonrpc":"2.0","method":"ping"}');
    expect(backend.channels.length).toBe(before + 1);
    const detached = backend.disposedAttachments;
    socket!.close();
    await expect.poll(() => backend.disposedAttachments).toBe(detached + 1);
  });

  it('closes a WebSocket that sends a binary frame', async () => {
    const { socket } = await openSocket({ origin, cookie });
    const code = new Promise<number>((resolve) => socket!.once('close', (closeCode) => resolve(closeCode)));
    socket!.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await code).toBe(1003);
  });
});
