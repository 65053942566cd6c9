// Tests BackupStore (hot exit): round trip, overwrite, discard, and loading past corrupt files.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupStore } from '../../../../main/services/workspace/backup-store';

let dir: string;
let store: BackupStore;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-backup-test-'));
  store = new BackupStore(path.join(dir, 'backups', 'ws'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('BackupStore', () => {
  it('lists nothing before anything was written', async () => {
    expect(await store.list()).toEqual([]);
  });

  it('round-trips backups sorted by path, with savedAt set', async () => {
    const before = Date.now();
    await store.write({ path: 'src/b.ml', text: 'unsaved b', baseMtimeMs: 1700000000123.5 });
    await store.write({ path: 'a.ml', text: 'unsaved é' });
    const backups = await store.list();
    expect(backups.map(({ savedAt: _savedAt, ...rest }) => rest)).toEqual([
      { path: 'a.ml', text: 'unsaved é' },
      { path: 'src/b.ml', text: 'unsaved b', baseMtimeMs: 1700000000123.5 },
    ]);
    for (const backup of backups) {
      expect(backup.savedAt).toBeGreaterThanOrEqual(before);
      expect(backup.savedAt).toBeLessThanOrEqual(Date.now());
    }
  });

  it('names files by a hash of the path and leaves no temp files', async () => {
    await store.write({ path: 'src/a.ml', text: 'x' });
    const expected = `${createHash('sha256').update('src/a.ml').digest('hex').slice(0, 32)}.json`;
    expect(readdirSync(store.backupDir)).toEqual([expected]);
  });

  it('keeps only the latest write per path, and discards', async () => {
    await store.write({ path: 'a.ml', text: 'one' });
    await store.write({ path: 'a.ml', text: 'two' });
    expect((await store.list()).map((b) => b.text)).toEqual(['two']);
    await store.discard('a.ml');
    await store.discard('never-written.ml');
    expect(await store.list()).toEqual([]);
  });

  it('applies a discard issued right after a write', async () => {
    const write = store.write({ path: 'a.ml', text: 'x' });
    const discard = store.discard('a.ml');
    await Promise.all([write, discard]);
    expect(await store.list()).toEqual([]);
  });

  it('loads the good backups and reports the corrupt ones', async () => {
    await store.write({ path: 'good.ml', text: 'good' });
    const corrupt = path.join(store.backupDir, 'deadbeef.json');
    const renamed = path.join(store.backupDir, 'cafebabe.json');
    writeFileSync(corrupt, '{"version":1,"path":"x", "te');
    writeFileSync(renamed, JSON.stringify({ version: 1, path: 'other.ml', text: 't', savedAt: 1 }));
    writeFileSync(path.join(store.backupDir, '.mirador-tmp-interrupted.json'), 'half');
    writeFileSync(path.join(store.backupDir, 'notes.txt'), 'ignored');
    const loaded = await store.load();
    expect(loaded.backups.map((b) => b.text)).toEqual(['good']);
    expect(loaded.corrupt.map((c) => c.file)).toEqual([renamed, corrupt]);
    expect(loaded.corrupt[0].reason).toBe('file name does not match its path "other.ml"');
    expect((await store.list()).map((b) => b.path)).toEqual(['good.ml']);
  });

  it('refuses malformed backups', async () => {
    await expect(store.write({ path: 'a.ml', text: 42 as unknown as string })).rejects.toMatchObject({ code: 'invalid-params' });
  });

  it('derives one folder per workspace from the folder path', () => {
    const hash = createHash('sha256').update('/home/me/unikernel').digest('hex').slice(0, 16);
    expect(BackupStore.folderFor('/data', '/home/me/unikernel')).toBe(path.join('/data', 'backups', hash));
    expect(BackupStore.folderFor('/data', '/home/me/unikernel/')).toBe(path.join('/data', 'backups', hash));
    expect(BackupStore.folderFor('/data', '/home/me/other')).not.toBe(path.join('/data', 'backups', hash));
  });
});
