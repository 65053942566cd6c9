// The batcher coalesces chunks for a few milliseconds, but sends at once when a batch is full.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from '../../../../main/services/terminal/output-batcher';

describe('OutputBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('joins chunks that arrive within the delay into one event', () => {
    const sent: string[] = [];
    const batcher = new OutputBatcher((data) => sent.push(data), { delayMs: 5, maxChars: 100 });
    batcher.push('a');
    batcher.push('b');
    vi.advanceTimersByTime(4);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['ab']);
    batcher.push('c');
    vi.advanceTimersByTime(5);
    expect(sent).toEqual(['ab', 'c']);
  });

  it('sends immediately when the batch reaches its size limit', () => {
    const sent: string[] = [];
    const batcher = new OutputBatcher((data) => sent.push(data), { delayMs: 5, maxChars: 4 });
    batcher.push('ab');
    batcher.push('cd');
    expect(sent).toEqual(['abcd']);
    vi.advanceTimersByTime(10);
    expect(sent).toEqual(['abcd']);
  });

  it('flushes on demand, ignores empty chunks, and drops pending data on dispose', () => {
    const sent: string[] = [];
    const batcher = new OutputBatcher((data) => sent.push(data), { delayMs: 5, maxChars: 100 });
    batcher.push('');
    batcher.flush();
    expect(sent).toEqual([]);
    batcher.push('x');
    batcher.flush();
    expect(sent).toEqual(['x']);
    batcher.push('lost');
    batcher.dispose();
    vi.advanceTimersByTime(10);
    expect(sent).toEqual(['x']);
  });
});
