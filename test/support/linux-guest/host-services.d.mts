// Types of host-services.mjs (plain JavaScript so fixture scripts run it with node alone).

export const HTTP_BODY: string;

export interface HostServices {
  httpPort: number;
  tlsPort: number;
  udpPort: number;
  /** When each service heard from the guest (performance.now() of this process). */
  heard: {
    http: { at: number; path: string }[];
    tls: { at: number; bytes: number }[];
    udp: { at: number; text: string }[];
  };
  close(): void;
}

export function startHostServices(): Promise<HostServices>;
