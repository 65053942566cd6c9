// The renderer acknowledges written characters in batches of the contract's size, never losing a character.
import { describe, expect, it } from 'vitest';
import { TERMINAL_ACK_BATCH } from '../../../main/api/terminal-protocol';
import { ACK_BATCH, AckCounter } from '../../../renderer/src/terminal/ack-counter';

describe('AckCounter', () => {
  it('matches the contract', () => {
    expect(ACK_BATCH).toBe(TERMINAL_ACK_BATCH);
  });

  it('collects until a batch is full, then acknowledges everything collected', () => {
    const counter = new AckCounter(10);
    expect(counter.written(4)).toBe(0);
    expect(counter.written(5)).toBe(0);
    expect(counter.written(3)).toBe(12);
    expect(counter.written(9)).toBe(0);
    expect(counter.written(1)).toBe(10);
  });

  it('acknowledges exactly what was written over a long run', () => {
    const counter = new AckCounter();
    let written = 0;
    let acknowledged = 0;
    for (let i = 0; i < 1000; i++) {
      const chars = (i * 7919) % 4096;
      written += chars;
      acknowledged += counter.written(chars);
    }
    expect(written - acknowledged).toBeGreaterThanOrEqual(0);
    expect(written - acknowledged).toBeLessThan(ACK_BATCH);
  });
});
