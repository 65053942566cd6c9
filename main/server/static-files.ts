// Finds the file a URL path names inside the renderer build, refusing anything that would leave that folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export type StaticLookup = { kind: 'file'; file: string; size: number } | { kind: 'not-found' } | { kind: 'refused' };

/** `urlPath` is the still percent-encoded pathname of the request; `/` means index.html. */
export async function findStaticFile(rendererDir: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'refused' };
  }
  if (decoded.includes('\0')) return { kind: 'refused' };
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const candidate = path.resolve(root, relative);
  // Encoded separators (`..%2f`) survive URL normalisation and only show up here, after decoding.
  if (!isInside(root, candidate)) return { kind: 'refused' };
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await fs.realpath(root);
    realFile = await fs.realpath(candidate);
  } catch {
    return { kind: 'not-found' };
  }
  // A symlink inside the build must not lead outside it.
  if (!isInside(realRoot, realFile)) return { kind: 'refused' };
  const stat = await fs.stat(realFile);
  if (!stat.isFile()) return { kind: 'not-found' };
  return { kind: 'file', file: realFile, size: stat.size };
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
