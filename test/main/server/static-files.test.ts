// Static file lookup: decoded paths that would leave the renderer build are refused, whatever their spelling.
import { mkdtemp, mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStaticFile } from '../../../main/server/static-files';

describe('findStaticFile', () => {
  let dir: string;
  let root: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mirador-static-'));
    root = path.join(dir, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), 'index');
    await writeFile(path.join(root, 'assets', 'a b.js'), 'js');
    await writeFile(path.join(dir, 'secret.txt'), 'secret');
    await symlink(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'escape.txt'));
    await symlink(dir, path.join(root, 'parent'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('maps / to index.html and decodes names', async () => {
    expect(await findStaticFile(root, '/')).toMatchObject({ kind: 'file', file: path.join(await realpath(root), 'index.html') });
    expect(await findStaticFile(root, '/assets/a%20b.js')).toMatchObject({ kind: 'file', size: 2 });
  });

  it.each(['/../secret.txt', '/..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/assets/escape.txt', '/parent/secret.txt', '/%00', '/%E0%A4%A'])(
    'refuses %s',
    async (attempt) => {
      expect(await findStaticFile(root, attempt)).toEqual({ kind: 'refused' });
    },
  );

  it('reports missing files and folders as not found', async () => {
    expect(await findStaticFile(root, '/missing.js')).toEqual({ kind: 'not-found' });
    expect(await findStaticFile(root, '/assets')).toEqual({ kind: 'not-found' });
  });
});
