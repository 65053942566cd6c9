// Test helper: makes sure out/ holds a build at least as new as the sources these tests exercise, rebuilding once if not.
import { mkdirSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_ROOT, ensureAppBuilt, type AppBuild } from '../../cli/app-build';

const SOURCE_DIRS = ['main', 'extensions'];
const CLI_ENTRY = path.join(APP_ROOT, 'out', 'main', 'cli.js');
/** Outside out/, which the build empties; named after the checkout so two checkouts do not wait on each other. */
const LOCK = path.join(os.tmpdir(), `mirador-test-build-${Buffer.from(APP_ROOT).toString('base64url').slice(-40)}.lock`);
/** A lock older than a build can take was left by a killed test run. */
const STALE_LOCK_MS = 5 * 60_000;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  try {
    const built = statSync(CLI_ENTRY).mtimeMs;
    return SOURCE_DIRS.some((dir) => newestSource(path.join(APP_ROOT, dir)) > built);
  } catch {
    return true;
  }
}

/**
 * `npm test` builds first, so this is a no-op there; a lone `vitest run` after editing the adapter rebuilds, so the
 * adapter and CLI under test are the code in the tree. Test files run in parallel: one builds while the others wait.
 */
export async function ensureFreshAppBuild(): Promise<AppBuild> {
  if (!buildIsStale()) return { ok: true };
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() - lockCreatedAt() > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (!buildIsStale()) return { ok: true };
    }
  }
  try {
    if (!buildIsStale()) return { ok: true };
    // ensureAppBuilt builds when an output is missing.
    rmSync(CLI_ENTRY, { force: true });
    return ensureAppBuilt();
  } finally {
    rmdirSync(LOCK);
  }
}

function lockCreatedAt(): number {
  try {
    return statSync(LOCK).mtimeMs;
  } catch {
    return Date.now();
  }
}
