// The environment variable through which `mirador start` tells the Electron shell which folder to open.

/** Not an argv switch: Chromium would take unknown switches for its own, and a second instance forwards env via the lock. */
export const WORKSPACE_ENV = 'MIRADOR_WORKSPACE';
