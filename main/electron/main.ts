// The Electron main process: one locked-down window over the shared backend, talking to it through a MessagePort.
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, nativeTheme, session } from 'electron';
import type { Backend } from '../backend/backend';
import { createBackend } from '../backend/backend';
import { WORKSPACE_ENV } from '../cli/electron-launch-env';
import { buildApplicationMenu } from './application-menu';
import { APP_ENTRY_URL, registerAppScheme, serveAppProtocol } from './app-protocol';
import { connectInProcessClient, type ContractClient } from './in-process-contract-client';
import { connectRendererToBackend } from './renderer-connection';
import { lockDownPermissions, lockDownWebContents } from './web-contents-lockdown';

// Both must happen before `ready`.
registerAppScheme();
app.enableSandbox();
if (process.env.MIRADOR_USER_DATA_DIR) app.setPath('userData', path.resolve(process.env.MIRADOR_USER_DATA_DIR));

if (!app.requestSingleInstanceLock()) {
  // Another Mirador window is open: it is brought forward by its 'second-instance' handler.
  app.quit();
} else {
  startShell();
}

function startShell(): void {
  const appRoot = app.getAppPath();
  let window: BrowserWindow | undefined;
  let backend: Backend | undefined;
  let menuClient: ContractClient | undefined;

  const pickFolder = async (): Promise<string | null> => {
    const options = { properties: ['openDirectory' as const] };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };

  const openFolderFromMenu = async () => {
    const folder = await pickFolder();
    if (folder && menuClient) await menuClient.request('workspace/open', { folder });
  };

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
  app.on('window-all-closed', () => app.quit());

  let backendDisposed = false;
  app.on('will-quit', (event) => {
    if (!backend || backendDisposed) return;
    // Terminals and watchers end before the process does.
    event.preventDefault();
    backendDisposed = true;
    menuClient?.dispose();
    void backend.dispose().finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      lockDownPermissions(session.defaultSession);
      serveAppProtocol(path.join(appRoot, 'out', 'renderer'));
      Menu.setApplicationMenu(
        buildApplicationMenu({
          openFolder: () => void openFolderFromMenu().catch((error: Error) => dialog.showErrorBox('Mirador', error.message)),
          developerTools: !app.isPackaged,
        }),
      );
      backend = await createBackend({
        workspace: process.env[WORKSPACE_ENV] || undefined,
        userDataDir: app.getPath('userData'),
        appRoot,
        host: { pickFolder },
        version: app.getVersion(),
      });
      menuClient = connectInProcessClient(backend);
      window = createMainWindow(appRoot);
      connectRendererToBackend(window.webContents, backend);
      window.on('closed', () => (window = undefined));
      await window.loadURL(APP_ENTRY_URL);
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('Mirador cannot start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}

function createMainWindow(appRoot: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Mirador',
    show: false,
    // Matches the workbench's first paint so the window does not flash white in a dark theme.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      preload: path.join(appRoot, 'out', 'preload', 'index.js'),
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
