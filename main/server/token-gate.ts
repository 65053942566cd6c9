// Decides whether a request carries the session token, in its URL (first visit) or in the cookie set then.
import { TOKEN_COOKIE, TOKEN_QUERY_PARAM } from '../api/channels';
import { tokensMatch } from './session-token';

export type TokenVerdict =
  | { kind: 'granted' }
  /** The token came in the URL: set the cookie and send the browser to `location`, so the token leaves the address bar and history. */
  | { kind: 'grant-and-redirect'; location: string }
  | { kind: 'missing' }
  | { kind: 'wrong' };

/** `target` is the request's path and query; `cookieHeader` the raw Cookie header. */
export function checkToken(target: URL, cookieHeader: string | undefined, expected: string): TokenVerdict {
  const fromUrl = target.searchParams.get(TOKEN_QUERY_PARAM);
  if (fromUrl !== null) {
    if (!tokensMatch(fromUrl, expected)) return { kind: 'wrong' };
    return { kind: 'grant-and-redirect', location: locationWithoutToken(target) };
  }
  const fromCookies = cookieValues(cookieHeader, TOKEN_COOKIE);
  if (fromCookies.length === 0) return { kind: 'missing' };
  // Cookies are not isolated by port, so another Mirador on this host may have set one too: any match will do.
  return fromCookies.some((value) => tokensMatch(value, expected)) ? { kind: 'granted' } : { kind: 'wrong' };
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

function locationWithoutToken(target: URL): string {
  const query = new URLSearchParams(target.searchParams);
  query.delete(TOKEN_QUERY_PARAM);
  const search = query.size > 0 ? `?${query.toString()}` : '';
  // Collapse leading slashes: a Location of `//evil.example/` would be an open redirect to another host.
  return `/${target.pathname.replace(/^\/+/, '')}${search}`;
}

function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) values.push(part.slice(separator + 1).trim());
  }
  return values;
}
