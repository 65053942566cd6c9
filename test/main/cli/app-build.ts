// Test helper: makes sure out/ holds a build of the app (building once if not), or says why it cannot.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const APP_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const CLI_ENTRY = path.join(APP_ROOT, 'out', 'main', 'cli.js');
export const BIN_LAUNCHER = path.join(APP_ROOT, 'main', 'cli', 'bin.cjs');
const REQUIRED_OUTPUTS = ['out/main/cli.js', 'out/main/dissect-worker.js', 'out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'].map((file) => path.join(APP_ROOT, file));

export type AppBuild = { ok: true } | { ok: false; reason: string };

/** `npm test` builds before vitest; a lone `vitest run` builds here. */
export function ensureAppBuilt(): AppBuild {
  if (REQUIRED_OUTPUTS.every((file) => existsSync(file))) return { ok: true };
  const manifest = createRequire(path.join(APP_ROOT, 'package.json')).resolve('electron-vite/package.json');
  const electronVite = path.join(path.dirname(manifest), (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> }).bin['electron-vite']!);
  const result = spawnSync(process.execPath, [electronVite, 'build'], { cwd: APP_ROOT, encoding: 'utf8', timeout: 180_000 });
  if (result.status === 0 && REQUIRED_OUTPUTS.every((file) => existsSync(file))) return { ok: true };
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
  return { ok: false, reason: `the build (electron-vite build) failed, so the built app cannot be tested:\n${output}` };
}
