// Tests RecentFolders: most recent first, no duplicates, at most ten, tolerant of a missing or damaged file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecentFolders } from '../../../../main/services/workspace/recent-folders';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-recent-test-'));
  file = path.join(dir, 'state', 'recent-folders.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('RecentFolders', () => {
  it('starts empty when the file is missing', async () => {
    expect(await new RecentFolders(file).list()).toEqual([]);
  });

  it('keeps the most recent first without duplicates, and persists', async () => {
    const recent = new RecentFolders(file);
    await recent.add('/p/a');
    await recent.add('/p/b');
    await recent.add('/p/a/');
    expect(await recent.list()).toEqual(['/p/a', '/p/b']);
    expect(await new RecentFolders(file).list()).toEqual(['/p/a', '/p/b']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(['/p/a', '/p/b']);
  });

  it('keeps at most ten', async () => {
    const recent = new RecentFolders(file);
    for (let i = 1; i <= 12; i++) await recent.add(`/p/${i}`);
    expect(await recent.list()).toEqual(['/p/12', '/p/11', '/p/10', '/p/9', '/p/8', '/p/7', '/p/6', '/p/5', '/p/4', '/p/3']);
  });

  it('applies concurrent adds in order', async () => {
    const recent = new RecentFolders(file);
    await Promise.all(['/p/1', '/p/2', '/p/3'].map((folder) => recent.add(folder)));
    expect(await recent.list()).toEqual(['/p/3', '/p/2', '/p/1']);
  });

  it('tolerates a corrupt file and replaces it on the next add', async () => {
    const recent = new RecentFolders(file);
    await recent.add('/p/a');
    writeFileSync(file, '["/p/a", ');
    expect(await recent.list()).toEqual([]);
    await recent.add('/p/b');
    expect(await recent.list()).toEqual(['/p/b']);
  });

  it('drops entries that are not absolute folder paths', async () => {
    await new RecentFolders(file).add('/p/a');
    writeFileSync(file, JSON.stringify(['/p/a', 3, 'relative', null, '/p/b', '/p/a']));
    expect(await new RecentFolders(file).list()).toEqual(['/p/a', '/p/b']);
  });
});
