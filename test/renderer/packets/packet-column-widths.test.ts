// The packet list's column widths: the grid template, the minimum width, and what storage may hold.
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMN_TRACKS, gridTemplate, loadColumnWidths, MIN_COLUMN_WIDTH, saveColumnWidths, withColumnWidth } from '../../../renderer/src/packets/packet-column-widths';

const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) };
};

describe('packet column widths', () => {
  it('keeps the default tracks where no width was dragged, and pixels where one was', () => {
    expect(gridTemplate([])).toBe(DEFAULT_COLUMN_TRACKS.join(' '));
    const widths = withColumnWidth([], 2, 260.4);
    expect(gridTemplate(widths)).toBe('72px 96px 260px minmax(96px, 1.3fr) 80px 68px minmax(140px, 4fr)');
    expect(withColumnWidth(widths, 2, null)).toEqual([null, null, null, null, null, null, null]);
  });

  it('never makes a column narrower than the minimum', () => {
    expect(withColumnWidth([], 0, 3)[0]).toBe(MIN_COLUMN_WIDTH);
  });

  it('saves and loads the widths, and ignores what it cannot read', () => {
    const storage = memory();
    saveColumnWidths(storage, withColumnWidth([], 3, 300));
    expect(loadColumnWidths(storage)).toEqual([null, null, null, 300, null, null, null]);
    storage.setItem('mirador.packets.columnWidths', '{"not": "a list"}');
    expect(loadColumnWidths(storage)).toEqual([]);
    storage.setItem('mirador.packets.columnWidths', '[1, "wide", 1e9, 120]');
    expect(loadColumnWidths(storage)).toEqual([null, null, null, 120, null, null, null]);
    storage.setItem('mirador.packets.columnWidths', 'not json');
    expect(loadColumnWidths(storage)).toEqual([]);
  });
});
