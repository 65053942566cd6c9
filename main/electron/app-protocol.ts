// The mirador://app/ scheme: serves out/renderer (and nothing else) to the window, with the same CSP as browser mode.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { buildContentSecurityPolicy } from '../server/content-security-policy';
import { contentTypeFor } from '../server/content-types';
import { findStaticFile } from '../server/static-files';

/*
 * Why a custom scheme rather than loadFile: under file:// the origin is opaque ("null"), so CSP 'self' means
 * nothing, ES module workers are refused, and every file on disk is one fetch away. A standard, secure scheme gives
 * the page a real origin and lets us answer only for files inside the renderer build.
 */
export const APP_SCHEME = 'mirador';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app's `ready` event. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

export function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

export function serveAppProtocol(rendererDir: string): void {
  const headers = {
    'Content-Security-Policy': buildContentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404, headers });
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers });
    const lookup = await findStaticFile(rendererDir, url.pathname);
    if (lookup.kind === 'refused') return new Response('Refused', { status: 400, headers });
    if (lookup.kind === 'not-found') return new Response('Not found', { status: 404, headers });
    const body = request.method === 'HEAD' ? null : await readFile(lookup.file);
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': contentTypeFor(lookup.file) } });
  });
}
