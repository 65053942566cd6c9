// Tests DirectoryWatcher on real folders: creations, changes, deletions by another writer, atomic saves, folder removal.
import { appendFileSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceChange } from '../../../../main/api/workspace-protocol';
import { DirectoryWatcher } from '../../../../main/services/workspace/directory-watcher';
import { FileService } from '../../../../main/services/workspace/file-service';
import { WorkspaceRoot } from '../../../../main/services/workspace/workspace-root';
import { makeTempWorkspace, type TempWorkspace } from './temp-workspace';

const DEBOUNCE_MS = 30;

let ws: TempWorkspace;
let root: WorkspaceRoot;
let watcher: DirectoryWatcher;
let batches: WorkspaceChange[][];

beforeEach(async () => {
  ws = makeTempWorkspace();
  ws.write({ 'src/a.ml': 'a', 'src/b.ml': 'b', 'other/c.ml': 'c' });
  root = await WorkspaceRoot.open(ws.dir);
  batches = [];
  watcher = new DirectoryWatcher(root, (changes) => batches.push(changes), DEBOUNCE_MS);
});
afterEach(() => {
  watcher.dispose();
  ws.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the reported changes (all batches, flattened) satisfy `done`, or fails after a second. */
async function changesUntil(done: (changes: WorkspaceChange[]) => boolean): Promise<WorkspaceChange[]> {
  const deadline = Date.now() + 1000;
  while (Date.now() < deadline) {
    const all = batches.flat();
    if (done(all)) return all;
    await sleep(10);
  }
  throw new Error(`timed out; saw ${JSON.stringify(batches)}`);
}

/** Lets any stray event arrive, so tests can assert that nothing more was reported. */
const settle = () => sleep(DEBOUNCE_MS * 4);

describe('DirectoryWatcher', () => {
  it('reports a file created, changed and deleted by another writer', async () => {
    await watcher.watchDirectory('src');
    writeFileSync(ws.abs('src/new.ml'), 'x');
    expect(await changesUntil((c) => c.length > 0)).toEqual([{ path: 'src/new.ml', kind: 'created' }]);
    batches = [];
    appendFileSync(ws.abs('src/a.ml'), 'more');
    expect(await changesUntil((c) => c.length > 0)).toEqual([{ path: 'src/a.ml', kind: 'changed' }]);
    batches = [];
    rmSync(ws.abs('src/b.ml'));
    expect(await changesUntil((c) => c.length > 0)).toEqual([{ path: 'src/b.ml', kind: 'deleted' }]);
    await settle();
    expect(batches).toEqual([[{ path: 'src/b.ml', kind: 'deleted' }]]);
  });

  it('coalesces a burst of events into one batch', async () => {
    await watcher.watchDirectory('src');
    for (let i = 0; i < 5; i++) appendFileSync(ws.abs('src/a.ml'), `${i}`);
    writeFileSync(ws.abs('src/z.ml'), '1');
    writeFileSync(ws.abs('src/z.ml'), '2');
    await changesUntil((c) => c.length >= 2);
    await settle();
    expect(batches).toHaveLength(1);
    expect([...batches[0]].sort((x, y) => x.path.localeCompare(y.path))).toEqual([
      { path: 'src/a.ml', kind: 'changed' },
      { path: 'src/z.ml', kind: 'created' },
    ]);
  });

  it('reports an atomic save by FileService as one change of the target', async () => {
    await watcher.watchDirectory('src');
    await new FileService(root).writeFile({ path: 'src/a.ml', text: 'saved' });
    await changesUntil((c) => c.length > 0);
    await settle();
    expect(batches).toEqual([[{ path: 'src/a.ml', kind: 'changed' }]]);
  });

  it('reports a temp-file-and-rename save by another program as a change', async () => {
    await watcher.watchDirectory('src');
    writeFileSync(ws.abs('src/.mirador-tmp-a.ml-123'), 'other');
    renameSync(ws.abs('src/.mirador-tmp-a.ml-123'), ws.abs('src/a.ml'));
    await changesUntil((c) => c.length > 0);
    await settle();
    expect(batches).toEqual([[{ path: 'src/a.ml', kind: 'changed' }]]);
  });

  it('watches the root with paths relative to it', async () => {
    await watcher.watchDirectory('');
    mkdirSync(ws.abs('lib'));
    expect(await changesUntil((c) => c.length > 0)).toEqual([{ path: 'lib', kind: 'created' }]);
  });

  it('reports only the open file when its folder was not listed', async () => {
    await watcher.watchFile('src/a.ml');
    writeFileSync(ws.abs('src/unrelated.ml'), 'x');
    appendFileSync(ws.abs('src/a.ml'), 'x');
    await changesUntil((c) => c.length > 0);
    await settle();
    expect(batches.flat()).toEqual([{ path: 'src/a.ml', kind: 'changed' }]);
    batches = [];
    rmSync(ws.abs('src/a.ml'));
    expect(await changesUntil((c) => c.length > 0)).toEqual([{ path: 'src/a.ml', kind: 'deleted' }]);
  });

  it('is idempotent and stops reporting after unwatch', async () => {
    await watcher.watchDirectory('src');
    await watcher.watchDirectory('src/');
    await watcher.watchFile('src/a.ml');
    expect(watcher.watcherCount).toBe(1);
    watcher.unwatch('src');
    expect(watcher.watcherCount).toBe(1); // still needed for the open file
    watcher.unwatch('src/a.ml');
    expect(watcher.watcherCount).toBe(0);
    writeFileSync(ws.abs('src/new.ml'), 'x');
    await settle();
    expect(batches).toEqual([]);
  });

  it('survives a watched folder being deleted and reports it', async () => {
    await watcher.watchDirectory('');
    await watcher.watchDirectory('src');
    rmSync(ws.abs('src'), { recursive: true });
    const changes = await changesUntil((c) => c.some((change) => change.path === 'src'));
    expect([...changes].sort((x, y) => x.path.localeCompare(y.path))).toEqual([
      { path: 'src', kind: 'deleted' },
      { path: 'src/a.ml', kind: 'deleted' },
      { path: 'src/b.ml', kind: 'deleted' },
    ]);
    expect(watcher.watcherCount).toBe(1);
    // Listing the recreated folder watches it afresh.
    mkdirSync(ws.abs('src'));
    await watcher.watchDirectory('src');
    batches = [];
    writeFileSync(ws.abs('src/again.ml'), 'x');
    expect(await changesUntil((c) => c.some((change) => change.path === 'src/again.ml'))).toContainEqual({ path: 'src/again.ml', kind: 'created' });
  });

  it('evicts the least recently requested folder beyond the cap', async () => {
    const capped = new DirectoryWatcher(root, (changes) => batches.push(changes), DEBOUNCE_MS, 2);
    try {
      await capped.watchDirectory('src');
      await capped.watchDirectory('other');
      await capped.watchDirectory('src'); // touch: now 'other' is the oldest
      await capped.watchDirectory('');
      expect(capped.watcherCount).toBe(2);
      writeFileSync(ws.abs('other/new.ml'), 'x');
      writeFileSync(ws.abs('src/new.ml'), 'x');
      await changesUntil((c) => c.length > 0);
      await settle();
      expect(batches.flat()).toEqual([{ path: 'src/new.ml', kind: 'created' }]);
    } finally {
      capped.dispose();
    }
  });

  it('refuses folders outside the workspace and missing folders', async () => {
    symlinkSync(ws.outside, ws.abs('out'));
    await expect(watcher.watchDirectory('out')).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(watcher.watchDirectory('../outside')).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(watcher.watchDirectory('missing')).rejects.toMatchObject({ code: 'not-found' });
    expect(watcher.watcherCount).toBe(0);
  });

  it('reports nothing after dispose', async () => {
    await watcher.watchDirectory('src');
    watcher.dispose();
    writeFileSync(ws.abs('src/new.ml'), 'x');
    await settle();
    expect(batches).toEqual([]);
    expect(watcher.watcherCount).toBe(0);
  });
});
