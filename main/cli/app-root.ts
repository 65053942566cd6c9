// Finds the installed application (the folder holding Mirador's package.json) and its version.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Walks up from `startDir` (out/main when built, main/cli in tests) to the folder whose package.json names `mirador`. */
export function findAppRoot(startDir: string): string {
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && readManifest(manifest).name === 'mirador') return dir;
    if (path.dirname(dir) === dir) throw new Error(`Mirador's package.json was not found above ${startDir}.`);
  }
}

export function readAppVersion(appRoot: string): string {
  return readManifest(path.join(appRoot, 'package.json')).version ?? '0.0.0';
}

function readManifest(file: string): { name?: string; version?: string } {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
  } catch {
    return {};
  }
}
