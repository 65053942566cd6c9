// Which Host and Origin values browser mode accepts: only the loopback names of its own port, against DNS rebinding and cross-site pages.

export class LoopbackAuthority {
  constructor(private readonly port: number) {}

  /** `127.0.0.1:PORT` or `localhost:PORT`; a rebound DNS name pointing at 127.0.0.1 carries its own name here. */
  acceptsHost(host: string | undefined): boolean {
    if (!host) return false;
    const lower = host.toLowerCase();
    return lower === `127.0.0.1:${this.port}` || lower === `localhost:${this.port}`;
  }

  acceptsOrigin(origin: string | undefined): boolean {
    return origin !== undefined && this.pageOrigins().includes(origin.toLowerCase());
  }

  pageOrigins(): string[] {
    return [`http://127.0.0.1:${this.port}`, `http://localhost:${this.port}`];
  }

  websocketOrigins(): string[] {
    return [`ws://127.0.0.1:${this.port}`, `ws://localhost:${this.port}`];
  }
}
