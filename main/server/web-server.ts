// Browser mode: serves the renderer build and the contract over a WebSocket, on 127.0.0.1 only, behind a session token.
import { createReadStream } from 'node:fs';
import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { TOKEN_QUERY_PARAM, WEBSOCKET_PATH } from '../api/channels';
import type { Backend } from '../backend/backend';
import { AccessGuard, requestTarget, type AccessDecision } from './access-guard';
import { buildContentSecurityPolicy } from './content-security-policy';
import { contentTypeFor } from './content-types';
import { LoopbackAuthority } from './loopback-authority';
import { createSessionToken } from './session-token';
import { findStaticFile } from './static-files';
import { tokenCookie } from './token-gate';
import { webSocketChannel } from './websocket-channel';

export interface WebServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Loopback only: the token is the sole guard, so the server must never be reachable from the network. */
  host?: '127.0.0.1';
  /** The renderer build (out/renderer). */
  rendererDir: string;
  backend: Backend;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface WebServer {
  /** What the user opens: carries the token once, then the cookie takes over. */
  url: string;
  /** The address actually bound, always 127.0.0.1. */
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Large enough for a whole file read or write in one JSON-RPC message; larger frames close the socket. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = '127.0.0.1';
  const token = options.token ?? createSessionToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  // Handlers are added only now, because Host, Origin and the CSP all name the port, which port 0 leaves to the
  // system. Nothing is lost meanwhile: connections are read on a later event-loop turn than this continuation.
  const { address: boundHost, port } = server.address() as AddressInfo;
  const authority = new LoopbackAuthority(port);
  const context: ServingContext = {
    guard: new AccessGuard(token, authority),
    securityHeaders: {
      'Content-Security-Policy': buildContentSecurityPolicy({ connectSources: authority.websocketOrigins() }),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
    rendererDir: options.rendererDir,
    token,
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handleHttp(request, response, context).catch((error: unknown) => {
      process.stderr.write(`Mirador: web server error: ${(error as Error).message}\n`);
      if (!response.headersSent) response.writeHead(500, context.securityHeaders);
      response.end();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (requestTarget(request)?.pathname !== WEBSOCKET_PATH) return refuseUpgrade(socket, 404, 'Not found.');
    const decision = context.guard.check(request, { requireOrigin: true });
    if (!decision.allowed) return refuseUpgrade(socket, decision.status, decision.reason);
    sockets.handleUpgrade(request, socket, head, (webSocket) => {
      const attachment = options.backend.attach(webSocketChannel(webSocket));
      webSocket.on('close', () => attachment.dispose());
    });
  });

  return {
    url: `http://${host}:${port}/?${TOKEN_QUERY_PARAM}=${token}`,
    host: boundHost,
    port,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

interface ServingContext {
  guard: AccessGuard;
  securityHeaders: OutgoingHttpHeaders;
  rendererDir: string;
  token: string;
}

async function handleHttp(request: IncomingMessage, response: ServerResponse, context: ServingContext): Promise<void> {
  const { guard, securityHeaders, rendererDir, token } = context;
  const decision: AccessDecision = guard.check(request, { requireOrigin: false });
  if (!decision.allowed) return sendText(response, decision.status, decision.reason, securityHeaders);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return sendText(response, 405, 'Only GET and HEAD are served.', { ...securityHeaders, Allow: 'GET, HEAD' });
  }
  if (decision.redirectWithCookie !== undefined) {
    response.writeHead(302, { ...securityHeaders, Location: decision.redirectWithCookie, 'Set-Cookie': tokenCookie(token), 'Cache-Control': 'no-store' });
    return void response.end();
  }
  const target = requestTarget(request)!;
  const lookup = await findStaticFile(rendererDir, target.pathname);
  if (lookup.kind === 'refused') return sendText(response, 400, 'That path is not served.', securityHeaders);
  if (lookup.kind === 'not-found') return sendText(response, 404, 'Not found.', securityHeaders);
  const contentType = contentTypeFor(lookup.file);
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': contentType,
    'Content-Length': lookup.size,
    // The token sits in a cookie, so pages must not be kept by the browser beyond the session; hashed assets may be revalidated.
    'Cache-Control': contentType.startsWith('text/html') ? 'no-store' : 'no-cache',
  });
  if (request.method === 'HEAD') return void response.end();
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(lookup.file);
    stream.on('error', reject);
    response.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(response);
  });
}

function sendText(response: ServerResponse, status: number, text: string, headers: OutgoingHttpHeaders): void {
  const body = `Mirador: ${text}\n`;
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `Mirador: ${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Refused'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
