// The checks every browser-mode request passes before anything is served: Host, Origin, then the session token.
import type { IncomingMessage } from 'node:http';
import { LoopbackAuthority } from './loopback-authority';
import { checkToken } from './token-gate';

export type AccessDecision =
  | { allowed: true; redirectWithCookie?: string }
  | { allowed: false; status: 400 | 401 | 403 | 421; reason: string };

export const OPEN_PRINTED_URL_HINT = 'Open the URL that `mirador web` printed (it ends in ?token=…).';

export class AccessGuard {
  constructor(
    private readonly token: string,
    private readonly authority: LoopbackAuthority,
  ) {}

  /** `requireOrigin` is for WebSocket upgrades: browsers always send Origin there, and it is the only cross-site defence. */
  check(request: IncomingMessage, options: { requireOrigin: boolean }): AccessDecision {
    // 421 Misdirected Request: the name the browser used is not ours (a rebinding attack or a proxy).
    if (!this.authority.acceptsHost(request.headers.host)) return { allowed: false, status: 421, reason: 'Unexpected Host header.' };
    const origin = request.headers.origin;
    if (origin !== undefined || options.requireOrigin) {
      if (!this.authority.acceptsOrigin(origin)) return { allowed: false, status: 403, reason: 'Requests from other sites are refused.' };
    }
    const target = requestTarget(request);
    if (!target) return { allowed: false, status: 400, reason: 'Malformed request target.' };
    const verdict = checkToken(target, request.headers.cookie, this.token);
    switch (verdict.kind) {
      case 'granted':
        return { allowed: true };
      case 'grant-and-redirect':
        return { allowed: true, redirectWithCookie: verdict.location };
      case 'missing':
        return { allowed: false, status: 401, reason: `This Mirador session needs its token. ${OPEN_PRINTED_URL_HINT}` };
      case 'wrong':
        return { allowed: false, status: 403, reason: `Wrong or outdated session token. ${OPEN_PRINTED_URL_HINT}` };
    }
  }
}

/** Only origin-form targets (`/path?query`); the base is a placeholder, the path is never resolved against a foreign host. */
export function requestTarget(request: IncomingMessage): URL | undefined {
  const raw = request.url ?? '';
  if (!raw.startsWith('/')) return undefined;
  try {
    return new URL(`http://mirador.invalid${raw}`);
  } catch {
    return undefined;
  }
}
