// Cells run one at a time in order; a failing cell cancels those queued after it, as in Jupyter.
import { describe, expect, it } from 'vitest';
import type { CellResult } from '../../../main/api';
import { ExecutionQueue } from '../../../renderer/src/notebook/execution-queue';

type Cell = { uid: string; status: CellResult['status'] };

function harness() {
  const log: string[] = [];
  const finish = new Map<string, () => void>();
  const queue = new ExecutionQueue<Cell>({
    run: (cell) => {
      log.push(`run ${cell.uid}`);
      return new Promise((resolve) => finish.set(cell.uid, () => resolve({ executionCount: 1, status: cell.status, outputs: [] })));
    },
    setState: (cell, state) => log.push(`${cell.uid} ${state}`),
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { log, finish, queue, settle };
}

describe('ExecutionQueue', () => {
  it('runs cells one after another in the order they were queued', async () => {
    const { log, finish, queue, settle } = harness();
    const a = queue.enqueue({ uid: 'a', status: 'ok' });
    const b = queue.enqueue({ uid: 'b', status: 'ok' });
    await settle();
    expect(log).toEqual(['a queued', 'a running', 'run a', 'b queued']);
    finish.get('a')!();
    await a;
    await settle();
    finish.get('b')!();
    expect((await b)?.status).toBe('ok');
    expect(log.slice(4)).toEqual(['a idle', 'b running', 'run b', 'b idle']);
    expect(queue.busy).toBe(false);
  });

  it('cancels the queued cells when one fails', async () => {
    const { log, finish, queue, settle } = harness();
    const a = queue.enqueue({ uid: 'a', status: 'error' });
    const b = queue.enqueue({ uid: 'b', status: 'ok' });
    await settle();
    finish.get('a')!();
    expect((await a)?.status).toBe('error');
    expect(await b).toBeUndefined();
    expect(log).toEqual(['a queued', 'a running', 'run a', 'b queued', 'a idle', 'b idle']);
  });

  it('ignores a cell queued twice and cancels on request', async () => {
    const { log, queue, settle } = harness();
    const cell = { uid: 'a', status: 'ok' as const };
    void queue.enqueue(cell);
    expect(await queue.enqueue(cell)).toBeUndefined();
    const b = queue.enqueue({ uid: 'b', status: 'ok' });
    await settle();
    queue.cancelQueued();
    expect(await b).toBeUndefined();
    expect(log).toContain('b idle');
  });
});
