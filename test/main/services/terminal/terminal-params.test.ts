// Request parameters from the renderer are checked before they reach a pty.
import { describe, expect, it } from 'vitest';
import {
  requireAckChars,
  requireInputData,
  requireTerminalId,
  requireTerminalSize,
} from '../../../../main/services/terminal/terminal-params';

const invalidParams = expect.objectContaining({ name: 'MiradorError', code: 'invalid-params' });

describe('terminal params', () => {
  it('accepts sizes from 1 to 1000', () => {
    expect(requireTerminalSize({ cols: 1, rows: 1000 })).toEqual({ cols: 1, rows: 1000 });
  });

  it.each([
    [0, 24],
    [80, 1001],
    [80.5, 24],
    ['80', 24],
    [Number.NaN, 24],
    [80, undefined],
  ])('rejects cols=%s rows=%s', (cols, rows) => {
    expect(() => requireTerminalSize({ cols, rows })).toThrow(invalidParams);
  });

  it('rejects ids, ack counts and input of the wrong shape', () => {
    expect(() => requireTerminalId(0)).toThrow(invalidParams);
    expect(() => requireTerminalId('1')).toThrow(invalidParams);
    expect(() => requireAckChars(-1)).toThrow(invalidParams);
    expect(() => requireAckChars(1.5)).toThrow(invalidParams);
    expect(() => requireInputData(42)).toThrow(invalidParams);
    expect(requireTerminalId(7)).toBe(7);
    expect(requireAckChars(0)).toBe(0);
    expect(requireInputData('')).toBe('');
  });
});
