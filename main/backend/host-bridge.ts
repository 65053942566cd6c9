// What the process hosting the backend (Electron main or the browser-mode server) offers beyond the services.

export interface HostBridge {
  /** Opens a native folder dialog and resolves to the chosen absolute folder, or null; absent where there is none. */
  pickFolder?: () => Promise<string | null>;
}
