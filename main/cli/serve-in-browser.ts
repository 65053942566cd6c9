// Browser mode's lifecycle: backend + web server up, the one URL line printed, the browser opened, torn down on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Backend } from '../backend/backend';
import type { WebServer } from '../server/web-server';
import type { CliContext } from './cli-command';
import { CliError } from './cli-error';
import { openInBrowser } from './open-browser';
import { resolveUserDataDir } from './user-data-dir';

export const DEFAULT_WEB_PORT = 8417;

export interface BrowserModeOptions {
  port: number;
  /** When the requested port is taken, take a free one instead of failing (the user did not ask for this port). */
  portIsFlexible: boolean;
  workspace: string | undefined;
  open: boolean;
}

export async function serveInBrowser(options: BrowserModeOptions, context: CliContext): Promise<number> {
  const rendererDir = path.join(context.appRoot, 'out', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new CliError(`the user interface is not built (${path.join(rendererDir, 'index.html')} is missing); run \`npm run build\`.`);
  }
  // Loaded here, not at the top, so `mirador --version` does not pay for the backend and its native modules.
  const { createBackend } = await import('../backend/backend');
  const { startWebServer } = await import('../server/web-server');
  const backend = await createBackend({
    workspace: options.workspace,
    userDataDir: resolveUserDataDir(context.env),
    appRoot: context.appRoot,
    host: {},
    version: context.version,
  });
  let server: WebServer;
  try {
    server = await listen(startWebServer, { ...options, rendererDir, backend });
  } catch (error) {
    await backend.dispose();
    throw error;
  }
  // Listen for the stop signals before announcing the URL: whoever reads the line may signal us at once.
  const stopped = stopSignal();
  context.stdout(`Mirador is serving at ${server.url}`);
  if (options.open) {
    const problem = await openInBrowser(server.url, context.env);
    if (problem) context.stderr(`Mirador: could not open a browser (${problem}); open the URL above yourself.`);
  }
  const signal = await stopped;
  context.stderr(`Mirador: ${signal} received, stopping.`);
  await server.close();
  await backend.dispose();
  return 0;
}

async function listen(
  start: typeof import('../server/web-server').startWebServer,
  options: BrowserModeOptions & { rendererDir: string; backend: Backend },
): Promise<WebServer> {
  const attempt = (port: number) => start({ port, rendererDir: options.rendererDir, backend: options.backend });
  try {
    return await attempt(options.port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' && options.portIsFlexible) return attempt(0);
    if (code === 'EADDRINUSE') throw new CliError(`port ${options.port} is in use; pass --port 0 for a free one.`);
    if (code === 'EACCES') throw new CliError(`port ${options.port} needs privileges; pass --port 0 for a free one.`);
    throw error;
  }
}

function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
}
