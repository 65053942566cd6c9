// Hot exit for a notebook: when its backup is written, dropped, and what it holds, on a fake clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notebook } from '../../../main/api';
import { NotebookBackup } from '../../../renderer/src/notebook/notebook-backup';
import type { BackendClient } from '../../../renderer/src/transport/backend-client';
import type { Notifications } from '../../../renderer/src/workbench/notifications';

const NOTEBOOK: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', id: 'a', metadata: {}, source: ['1 + 1'], outputs: [], execution_count: null }] };

function setUp(restored = '') {
  const requests: { method: string; params: unknown }[] = [];
  const warnings: string[] = [];
  const backend = { request: (method: string, params: unknown) => (requests.push({ method, params }), Promise.resolve()) } as unknown as BackendClient;
  const notifications = { warn: (text: string) => warnings.push(text) } as unknown as Notifications;
  const state = { isDirty: false, snapshot: () => NOTEBOOK, baseMtimeMs: 1234 as number | undefined };
  const backup = new NotebookBackup(backend, notifications, 'a.ipynb', () => state, restored);
  return { backup, state, requests, warnings };
}

describe('NotebookBackup', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the notebook as it would be saved a moment after a change, and drops the backup once it is clean', async () => {
    const { backup, state, requests } = setUp();
    state.isDirty = true;
    backup.changed();
    expect(backup.isPending).toBe(true);
    await vi.advanceTimersByTimeAsync(599);
    expect(requests).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toEqual([{ method: 'backup/write', params: { path: 'a.ipynb', text: JSON.stringify(NOTEBOOK), baseMtimeMs: 1234 } }]);
    expect(backup.isPending).toBe(false);
    // Unchanged: nothing written again. Saved (clean): the backup goes.
    backup.changed();
    await vi.advanceTimersByTimeAsync(600);
    expect(requests).toHaveLength(1);
    state.isDirty = false;
    backup.changed();
    await vi.advanceTimersByTimeAsync(600);
    expect(requests.at(-1)).toEqual({ method: 'backup/discard', params: { path: 'a.ipynb' } });
  });

  it('a clean notebook opened from its file writes and drops nothing; one restored from a backup drops it once saved', async () => {
    const fresh = setUp();
    fresh.backup.changed();
    expect(fresh.backup.isPending).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fresh.requests).toEqual([]);
    const restored = setUp('{"restored":true}');
    restored.backup.changed();
    expect(restored.backup.isPending).toBe(true);
    await vi.advanceTimersByTimeAsync(600);
    expect(restored.requests).toEqual([{ method: 'backup/discard', params: { path: 'a.ipynb' } }]);
  });

  it('a cell printing without pause still gets its notebook backed up every few seconds', async () => {
    const { backup, state, requests } = setUp();
    state.isDirty = true;
    let round = 0;
    const printing = setInterval(() => {
      state.snapshot = () => ({ ...NOTEBOOK, metadata: { round: ++round } });
      backup.changed();
    }, 100);
    await vi.advanceTimersByTimeAsync(6500);
    clearInterval(printing);
    expect(requests.filter((request) => request.method === 'backup/write').length).toBeGreaterThanOrEqual(2);
  });

  it('closed without saving: the backup is dropped at once, and a pending write does not follow', async () => {
    const { backup, state, requests } = setUp();
    state.isDirty = true;
    backup.changed();
    backup.discard();
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests).toEqual([{ method: 'backup/discard', params: { path: 'a.ipynb' } }]);
    expect(backup.isPending).toBe(false);
  });
});
