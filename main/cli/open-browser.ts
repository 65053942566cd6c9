// Opens a URL in the user's browser with the platform's opener; failing to is reported, never fatal.
import { spawn } from 'node:child_process';

/** Resolves to why the browser could not be opened, or undefined once the opener was launched. */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  // $MIRADOR_BROWSER names a program to run with the URL as its only argument (never through a shell).
  const chosen = env.MIRADOR_BROWSER;
  // Without a display, xdg-open may fall back to a text-mode browser that grabs the terminal.
  if (!chosen && platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return Promise.resolve('there is no graphical display');
  const opener = chosen || (platform === 'darwin' ? 'open' : platform === 'win32' ? 'explorer.exe' : 'xdg-open');
  return new Promise((resolve) => {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true, env });
    child.once('error', (error) => resolve(`${opener} failed: ${error.message}`));
    child.once('spawn', () => {
      child.unref();
      resolve(undefined);
    });
  });
}
