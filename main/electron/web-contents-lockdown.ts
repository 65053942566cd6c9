// Electron security checklist for every page: no navigation away from the app, no new windows, no webviews, no permissions.
import type { Session, WebContents } from 'electron';
import { APP_ORIGIN, isAppUrl } from './app-protocol';

export function lockDownWebContents(contents: WebContents): void {
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Denies every permission except writing to the clipboard from our own page (Monaco's and xterm's Copy use it). */
export function lockDownPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permission === 'clipboard-sanitized-write' && isAppUrl(details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return permission === 'clipboard-sanitized-write' && requestingOrigin === APP_ORIGIN;
  });
}
