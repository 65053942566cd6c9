// Whether the Electron shell can start on this machine, and if not, why, in words a user can act on.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronAvailability = { available: true; executable: string } | { available: false; reason: string };

/**
 * Finds the binary the way the electron package does, but never triggers its download: `require('electron')`
 * fetches a missing binary from the network (printing to stdout), which would hang or pollute the URL line.
 */
export function checkElectron(appRoot: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): ElectronAvailability {
  const found = findElectronBinary(appRoot, env, platform);
  if (!found.available) return found;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { available: false, reason: 'there is no graphical display: neither DISPLAY nor WAYLAND_DISPLAY is set' };
  }
  return found;
}

function findElectronBinary(appRoot: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): ElectronAvailability {
  if (env.ELECTRON_EXEC_PATH) {
    return existsSync(env.ELECTRON_EXEC_PATH)
      ? { available: true, executable: env.ELECTRON_EXEC_PATH }
      : { available: false, reason: `ELECTRON_EXEC_PATH names ${env.ELECTRON_EXEC_PATH}, which does not exist` };
  }
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(path.join(appRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { available: false, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relativeExecutable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : defaultExecutable(platform);
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const executable = path.join(distDir, relativeExecutable);
  if (existsSync(executable)) return { available: true, executable };
  const relativeDist = path.relative(appRoot, distDir);
  const shownDist = relativeDist && !relativeDist.startsWith('..') ? relativeDist : distDir;
  return existsSync(distDir)
    ? { available: false, reason: `its binary is not installed: ${path.join(shownDist, relativeExecutable)} is missing` }
    : { available: false, reason: `its binary is not installed: ${shownDist} is missing` };
}

function defaultExecutable(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}
