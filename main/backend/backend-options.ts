// Options that decide where the backend finds its workspace, its user data and its built-in extensions.
import type { HostBridge } from './host-bridge';

export interface BackendOptions {
  /** Absolute folder opened at start, if any. */
  workspace?: string;
  /** Where hot-exit backups and recent folders are kept (e.g. ~/.config/mirador). */
  userDataDir: string;
  /** The installed application's root (holds extensions/ and out/renderer/). */
  appRoot: string;
  host: HostBridge;
  version: string;
}
