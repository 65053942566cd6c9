// The packet list's column widths: Wireshark's defaults, widths the user dragged (kept across sessions), as one CSS
// grid template shared by the header and every row.

/** Default tracks: fixed numbers, the address columns and Info sharing what is left. */
export const DEFAULT_COLUMN_TRACKS: readonly string[] = ['72px', '96px', 'minmax(96px, 1.3fr)', 'minmax(96px, 1.3fr)', '80px', '68px', 'minmax(140px, 4fr)'];
/** No column is dragged narrower than this (its header stays readable). */
export const MIN_COLUMN_WIDTH = 36;
const STORAGE_KEY = 'mirador.packets.columnWidths';

/** A width per column in px, or null where the default applies. */
export type ColumnWidths = (number | null)[];

export function gridTemplate(widths: ColumnWidths): string {
  return DEFAULT_COLUMN_TRACKS.map((track, index) => {
    const width = widths[index];
    return typeof width === 'number' ? `${Math.round(width)}px` : track;
  }).join(' ');
}

/** The widths with column `index` set to `width` (never under the minimum); the others unchanged. */
export function withColumnWidth(widths: ColumnWidths, index: number, width: number | null): ColumnWidths {
  const next = DEFAULT_COLUMN_TRACKS.map((_, column) => widths[column] ?? null);
  next[index] = width === null ? null : Math.max(MIN_COLUMN_WIDTH, width);
  return next;
}

/** The saved widths; anything unreadable (hand-edited storage, another version's) gives the defaults. */
export function loadColumnWidths(storage: Pick<Storage, 'getItem'>): ColumnWidths {
  try {
    const saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    if (!Array.isArray(saved)) return [];
    return DEFAULT_COLUMN_TRACKS.map((_, index) => {
      const width = saved[index] as unknown;
      return typeof width === 'number' && Number.isFinite(width) && width >= MIN_COLUMN_WIDTH && width <= 4000 ? width : null;
    });
  } catch {
    return [];
  }
}

export function saveColumnWidths(storage: Pick<Storage, 'setItem'>, widths: ColumnWidths): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(widths));
}
