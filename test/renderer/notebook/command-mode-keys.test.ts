// Jupyter's command mode keys: single keys act at once, dd / ii / 00 need the same key twice in a row.
import { describe, expect, it } from 'vitest';
import { CommandModeKeys } from '../../../renderer/src/notebook/command-mode-keys';

describe('CommandModeKeys', () => {
  it('maps single keys to actions', () => {
    const keys = new CommandModeKeys();
    expect(['J', 'ArrowDown', 'K', 'A', 'B', 'M', 'Y', 'Enter', 'Shift+Enter', 'Ctrl+Enter'].map((chord) => keys.handle(chord))).toEqual([
      'select-next', 'select-next', 'select-previous', 'insert-above', 'insert-below', 'to-markdown', 'to-code', 'edit', 'run-and-advance', 'run',
    ]);
    expect(keys.handle('Q')).toBeUndefined();
  });

  it('copies, cuts and pastes cells and undoes a deletion with Jupyter\'s keys', () => {
    const keys = new CommandModeKeys();
    expect(['C', 'X', 'V', 'Shift+V', 'Z'].map((chord) => keys.handle(chord))).toEqual(['copy', 'cut', 'paste-below', 'paste-above', 'undo-delete']);
    expect(keys.claims('Shift+V')).toBe(true);
  });

  it('deletes, interrupts and restarts only on the same key twice in a row', () => {
    const keys = new CommandModeKeys();
    expect(keys.handle('D')).toBeUndefined();
    expect(keys.handle('D')).toBe('delete');
    expect(keys.handle('D')).toBeUndefined();
    expect(keys.handle('J')).toBe('select-next');
    expect(keys.handle('D')).toBeUndefined();
    expect(keys.handle('I')).toBeUndefined();
    expect(keys.handle('I')).toBe('interrupt');
    expect(keys.handle('0')).toBeUndefined();
    expect(keys.handle('0')).toBe('restart');
    expect(keys.claims('D')).toBe(true);
    expect(keys.claims('Ctrl+S')).toBe(false);
  });
});
