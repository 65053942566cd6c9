// Maps a list of any length onto a scroll surface of bounded height: browsers cap element height (Chromium near 33.5M px,
// Firefox near 17.9M px), so 1M rows of 22 px cannot be laid out; the list keeps its own content offset (in rows' pixels)
// and converts it to and from the surface's scrollTop, which is exact while the content fits and proportional beyond.

/** Tallest scroll surface the list creates: well under every browser's cap, tall enough that one pixel stays < 6 rows at 1M rows. */
export const MAX_SURFACE_HEIGHT = 4_000_000;

export interface ScrollGeometry {
  rowCount: number;
  rowHeight: number;
  viewportHeight: number;
  /** Defaults to MAX_SURFACE_HEIGHT; tests use small values. */
  maxSurfaceHeight?: number;
}

export interface VisibleRows {
  /** First row drawn (0-based, into the filtered view). */
  first: number;
  /** One past the last row drawn. */
  end: number;
  /** Where the first row's top goes relative to the viewport's top, in px (≤ 0: a partly hidden row). */
  top: number;
}

export function contentHeight(g: ScrollGeometry): number {
  return g.rowCount * g.rowHeight;
}

/** Height of the element that scrolls: the content's own height while it fits, else the cap. */
export function surfaceHeight(g: ScrollGeometry): number {
  return Math.min(contentHeight(g), g.maxSurfaceHeight ?? MAX_SURFACE_HEIGHT);
}

/** Largest content offset: the last row's bottom sits at the viewport's bottom. */
export function maxContentOffset(g: ScrollGeometry): number {
  return Math.max(0, contentHeight(g) - g.viewportHeight);
}

export function maxScrollTop(g: ScrollGeometry): number {
  return Math.max(0, surfaceHeight(g) - g.viewportHeight);
}

export function isScaled(g: ScrollGeometry): boolean {
  return contentHeight(g) > surfaceHeight(g);
}

export function clampOffset(g: ScrollGeometry, offset: number): number {
  return Math.min(Math.max(0, offset), maxContentOffset(g));
}

/** The surface's scrollTop for a content offset: the same number while unscaled, the same fraction of the range beyond. */
export function scrollTopForOffset(g: ScrollGeometry, offset: number): number {
  const clamped = clampOffset(g, offset);
  if (!isScaled(g)) return clamped;
  const range = maxContentOffset(g);
  return range === 0 ? 0 : (clamped / range) * maxScrollTop(g);
}

/** The content offset a scrollTop stands for (the scroll bar was dragged, or the browser scrolled on its own). */
export function offsetForScrollTop(g: ScrollGeometry, scrollTop: number): number {
  if (!isScaled(g)) return clampOffset(g, scrollTop);
  const range = maxScrollTop(g);
  const top = Math.min(Math.max(0, scrollTop), range);
  return range === 0 ? 0 : (top / range) * maxContentOffset(g);
}

/** Rows that intersect the viewport at a content offset; never more than fit (plus the one partly shown at the bottom). */
export function visibleRows(g: ScrollGeometry, offset: number): VisibleRows {
  if (g.rowCount === 0 || g.rowHeight <= 0) return { first: 0, end: 0, top: 0 };
  const clamped = clampOffset(g, offset);
  const first = Math.min(Math.floor(clamped / g.rowHeight), g.rowCount - 1);
  const top = first * g.rowHeight - clamped;
  const end = Math.min(g.rowCount, first + Math.ceil((g.viewportHeight - top) / g.rowHeight));
  return { first, end: Math.max(end, first + 1), top };
}

/** Rows that fit entirely in the viewport (what Page Up/Down moves by); at least 1. */
export function rowsPerPage(g: ScrollGeometry): number {
  return Math.max(1, Math.floor(g.viewportHeight / g.rowHeight));
}

/** The smallest change of offset that shows `index` entirely, or the offset unchanged when it is already shown. */
export function offsetToReveal(g: ScrollGeometry, offset: number, index: number): number {
  const rowTop = index * g.rowHeight;
  const rowBottom = rowTop + g.rowHeight;
  if (rowTop < offset) return clampOffset(g, rowTop);
  if (rowBottom > offset + g.viewportHeight) return clampOffset(g, rowBottom - g.viewportHeight);
  return clampOffset(g, offset);
}

/** The row under a point `y` px below the viewport's top, or -1 below the last row. */
export function rowAt(g: ScrollGeometry, offset: number, y: number): number {
  const index = Math.floor((clampOffset(g, offset) + y) / g.rowHeight);
  return index >= 0 && index < g.rowCount ? index : -1;
}
