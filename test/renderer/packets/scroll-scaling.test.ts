// Unit tests of the scroll scaling: exact while the list fits, proportional past the height cap, visible rows and reveal.
import { describe, expect, it } from 'vitest';
import {
  contentHeight,
  isScaled,
  MAX_SURFACE_HEIGHT,
  maxContentOffset,
  maxScrollTop,
  offsetForScrollTop,
  offsetToReveal,
  rowAt,
  rowsPerPage,
  scrollTopForOffset,
  surfaceHeight,
  visibleRows,
  type ScrollGeometry,
} from '../../../renderer/src/packets/scroll-scaling';

const ROW = 22;
const small: ScrollGeometry = { rowCount: 100, rowHeight: ROW, viewportHeight: 220 };
const million: ScrollGeometry = { rowCount: 1_000_000, rowHeight: ROW, viewportHeight: 440 };

describe('scroll scaling', () => {
  it('is the identity while the content fits under the cap', () => {
    expect(isScaled(small)).toBe(false);
    expect(surfaceHeight(small)).toBe(2200);
    expect(maxScrollTop(small)).toBe(1980);
    for (const offset of [0, 1, 21, 22, 1000, 1980]) {
      expect(scrollTopForOffset(small, offset)).toBe(offset);
      expect(offsetForScrollTop(small, offset)).toBe(offset);
    }
    expect(scrollTopForOffset(small, 5000)).toBe(1980);
    expect(offsetForScrollTop(small, -5)).toBe(0);
  });

  it('bounds the surface at 1M rows and maps both ends and the middle exactly', () => {
    expect(contentHeight(million)).toBe(22_000_000);
    expect(isScaled(million)).toBe(true);
    expect(surfaceHeight(million)).toBe(MAX_SURFACE_HEIGHT);
    // Under Chromium's (33.5M px) and Firefox's (17.9M px) element height caps.
    expect(surfaceHeight(million)).toBeLessThan(17_000_000);
    expect(scrollTopForOffset(million, 0)).toBe(0);
    expect(scrollTopForOffset(million, maxContentOffset(million))).toBe(maxScrollTop(million));
    expect(offsetForScrollTop(million, maxScrollTop(million))).toBe(maxContentOffset(million));
    expect(offsetForScrollTop(million, maxScrollTop(million) / 2)).toBeCloseTo(maxContentOffset(million) / 2, 6);
  });

  it('round-trips offsets through scrollTop and lands on the last row at the bottom', () => {
    for (const offset of [0, 12345.5, 7_000_000, maxContentOffset(million)]) {
      expect(offsetForScrollTop(million, scrollTopForOffset(million, offset))).toBeCloseTo(offset, 3);
    }
    const bottom = visibleRows(million, offsetForScrollTop(million, maxScrollTop(million)));
    expect(bottom.end).toBe(1_000_000);
    expect(bottom.first).toBe(1_000_000 - 20);
    expect(bottom.top).toBe(0);
  });

  it('gives the rows that intersect the viewport, never more than fit plus one partial row', () => {
    expect(visibleRows(small, 0)).toEqual({ first: 0, end: 10, top: 0 });
    expect(visibleRows(small, 11)).toEqual({ first: 0, end: 11, top: -11 });
    expect(visibleRows(small, 22)).toEqual({ first: 1, end: 11, top: 0 });
    const middle = visibleRows(million, 5_000_000.25);
    expect(middle.first).toBe(Math.floor(5_000_000.25 / ROW));
    expect(middle.end - middle.first).toBeLessThanOrEqual(Math.ceil(440 / ROW) + 1);
    expect(middle.top).toBeLessThanOrEqual(0);
    expect(middle.top).toBeGreaterThan(-ROW);
    expect(visibleRows({ ...small, rowCount: 3 }, 0)).toEqual({ first: 0, end: 3, top: 0 });
    expect(visibleRows({ ...small, rowCount: 0 }, 0)).toEqual({ first: 0, end: 0, top: 0 });
  });

  it('reveals a row with the smallest move, and finds the row under a point', () => {
    expect(offsetToReveal(small, 0, 3)).toBe(0);
    expect(offsetToReveal(small, 0, 10)).toBe(22);
    expect(offsetToReveal(small, 440, 5)).toBe(110);
    expect(offsetToReveal(million, 0, 999_999)).toBe(maxContentOffset(million));
    expect(rowsPerPage(small)).toBe(10);
    expect(rowAt(small, 11, 0)).toBe(0);
    expect(rowAt(small, 11, 12)).toBe(1);
    expect(rowAt({ ...small, rowCount: 2 }, 0, 100)).toBe(-1);
  });

  it('moves by about one row per wheel notch even when one surface pixel is several rows', () => {
    // The list scrolls its content offset and derives scrollTop; a 100 px wheel delta is 100 px of rows at any size.
    const before = 9_000_000;
    const after = before + 100;
    expect(visibleRows(million, after).first - visibleRows(million, before).first).toBeGreaterThanOrEqual(4);
    expect(visibleRows(million, after).first - visibleRows(million, before).first).toBeLessThanOrEqual(5);
    const perPixel = maxContentOffset(million) / maxScrollTop(million);
    expect(perPixel).toBeGreaterThan(5);
  });
});
