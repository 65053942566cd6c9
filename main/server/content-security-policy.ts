// The Content-Security-Policy shared by browser mode's HTTP server and the Electron shell's mirador:// protocol.

export interface ContentSecurityPolicyOptions {
  /** Extra origins the page may open connections to, e.g. `ws://127.0.0.1:8417` for browser mode's WebSocket. */
  connectSources?: readonly string[];
}

/**
 * Builds the policy. Monaco needs inline styles (it sets style attributes and injects <style>), so `style-src`
 * allows 'unsafe-inline'; scripts and workers come only from our own files: Vite emits Monaco's workers as
 * separate files, so no `blob:` worker source is needed, and no inline script nor eval is allowed.
 */
export function buildContentSecurityPolicy(options: ContentSecurityPolicyOptions = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'worker-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(options.connectSources ?? [])],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
