// The packet list: a virtualised grid over the filtered view of any length. Only the rows that fit are in the DOM (a pool
// reused as it scrolls); rows come in pages from the capture; past the browser's height cap the scroll bar is scaled.
import { gridTemplate, loadColumnWidths, saveColumnWidths, withColumnWidth, type ColumnWidths } from './packet-column-widths';
import type { PacketRow, PacketRowsResult } from '../../../main/api';
import { el } from '../workbench/element';
import { RowPageCache, type FetchRows } from './row-page-cache';
import {
  clampOffset,
  maxContentOffset,
  offsetForScrollTop,
  offsetToReveal,
  rowAt,
  rowsPerPage,
  scrollTopForOffset,
  surfaceHeight,
  visibleRows,
  type ScrollGeometry,
} from './scroll-scaling';

export const ROW_HEIGHT = 22;

export const COLUMNS: readonly { key: keyof PacketRow; title: string; className: string }[] = [
  { key: 'number', title: 'No.', className: 'col-number' },
  { key: 'time', title: 'Time', className: 'col-time' },
  { key: 'source', title: 'Source', className: 'col-source' },
  { key: 'destination', title: 'Destination', className: 'col-destination' },
  { key: 'protocol', title: 'Protocol', className: 'col-protocol' },
  { key: 'length', title: 'Length', className: 'col-length' },
  { key: 'info', title: 'Info', className: 'col-info' },
];

export interface PacketListHost {
  /** A row was selected (by click or keyboard); `row` is undefined until its page arrives. */
  onSelect(index: number, row: PacketRow | undefined): void;
  /** The reader moved away from the last row or back to it (live autoscroll follows this). */
  onFollowChange(atEnd: boolean): void;
  /** Counts from a page of rows (they grow while a file is read or a run captures). */
  onCounts(result: PacketRowsResult): void;
  onError(error: Error): void;
  /** Right-click on a row (selected first), or the context-menu key or Shift+F10 on the selected one: its actions. */
  onRowMenu(index: number): void;
}

interface PooledRow {
  element: HTMLElement;
  cells: HTMLElement[];
  index: number;
  row: PacketRow | undefined;
}

const LINE_DELTA = ROW_HEIGHT;

export class PacketList {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly window: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly pool: PooledRow[] = [];
  private cache: RowPageCache | undefined;
  private rowCount = 0;
  private viewportHeight = 0;
  /** Where the viewport's top is in the content (px of rows); the scroll surface follows it, not the other way round. */
  private offset = 0;
  /** The scrollTop this list last set, to tell its own scrolls from the reader's. */
  private expectedScrollTop = 0;
  private frame: number | undefined;
  private selected = -1;
  private followEnd = true;
  private readonly idPrefix = `packet-row-${Math.random().toString(36).slice(2, 8)}`;
  private columnWidths: ColumnWidths = loadColumnWidths(localStorage);

  constructor(private readonly host: PacketListHost) {
    const header = el('div', { className: 'packet-list-header packet-grid-row', role: 'row', 'aria-rowindex': 1 },
      ...COLUMNS.map((column, index) =>
        el('div', { className: `packet-cell ${column.className}`, role: 'columnheader' },
          column.title,
          // Every column but Info (which takes the rest) has an edge to drag; a double click gives back its default.
          index < COLUMNS.length - 1 ? this.columnResizer(index, column.title) : null)));
    this.window = el('div', { className: 'packet-list-window', role: 'rowgroup' });
    this.spacer = el('div', { className: 'packet-list-spacer', 'aria-hidden': 'true' });
    this.scroller = el('div', { className: 'packet-list-scroller' }, this.window, this.spacer);
    this.element = el('div', { className: 'packet-list', role: 'grid', 'aria-label': 'Packets', 'aria-rowcount': 1, 'aria-readonly': 'true', tabIndex: 0 },
      el('div', { role: 'rowgroup', className: 'packet-list-head' }, header), this.scroller);
    this.scroller.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    this.scroller.addEventListener('scroll', () => this.onScroll());
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.window.addEventListener('mousedown', (event) => this.onPointer(event));
    this.window.addEventListener('contextmenu', (event) => this.onContextMenu(event));
    new ResizeObserver(() => this.layout()).observe(this.scroller);
    this.applyColumnWidths();
  }

  /** The handle at a header cell's right edge: drag to resize the column, as in Wireshark; double-click to reset. */
  private columnResizer(index: number, title: string): HTMLElement {
    const handle = el('div', { className: 'packet-column-resizer', role: 'separator', 'aria-orientation': 'vertical', 'aria-label': `Resize column ${title}`, title: 'Drag to resize; double-click for the default width' });
    handle.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      event.stopPropagation();
      const cell = handle.parentElement!;
      const startX = event.clientX;
      const startWidth = cell.getBoundingClientRect().width;
      handle.setPointerCapture(event.pointerId);
      const move = (moved: PointerEvent) => {
        this.columnWidths = withColumnWidth(this.columnWidths, index, startWidth + moved.clientX - startX);
        this.applyColumnWidths();
      };
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
        saveColumnWidths(localStorage, this.columnWidths);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
    });
    handle.addEventListener('dblclick', (event) => {
      event.stopPropagation();
      this.columnWidths = withColumnWidth(this.columnWidths, index, null);
      this.applyColumnWidths();
      saveColumnWidths(localStorage, this.columnWidths);
    });
    return handle;
  }

  private applyColumnWidths(): void {
    this.element.style.setProperty('--packet-columns', gridTemplate(this.columnWidths));
  }

  /** Rows now come from `fetch`, and the view has `rowCount` rows (a new source, or a new filter). */
  reset(fetch: FetchRows | undefined, rowCount: number): void {
    this.cache = fetch
      ? new RowPageCache({
          fetch,
          onLoaded: (result) => {
            if (result) this.host.onCounts(result);
            this.schedule();
          },
          onError: (error) => this.host.onError(error),
        })
      : undefined;
    this.cache?.invalidate(rowCount);
    this.rowCount = rowCount;
    this.selected = -1;
    this.offset = 0;
    this.element.removeAttribute('aria-activedescendant');
    this.applySurface();
    this.schedule();
  }

  /** Live rows that arrived: rows `firstIndex`.. of a view now `matched` rows long. */
  appendLive(rows: readonly PacketRow[], firstIndex: number, matched: number): void {
    this.cache?.appendLive(rows, firstIndex, matched);
    this.setRowCount(matched);
  }

  setRowCount(count: number): void {
    if (count === this.rowCount) return;
    this.rowCount = count;
    this.cache?.setRowCount(count);
    this.applySurface();
    if (this.followEnd) this.offset = maxContentOffset(this.geometry());
    this.schedule();
  }

  get count(): number {
    return this.rowCount;
  }

  get selectedIndex(): number {
    return this.selected;
  }

  /** Whether the list keeps its last row in view as rows arrive. */
  get following(): boolean {
    return this.followEnd;
  }

  setFollowing(follow: boolean): void {
    this.followEnd = follow;
    if (follow) this.scrollTo(maxContentOffset(this.geometry()));
  }

  /** The row at an index if its page is loaded (tests and the Follow Stream command read it). */
  rowAtIndex(index: number): PacketRow | undefined {
    return this.cache?.get(index);
  }

  select(index: number, reveal = true): void {
    if (this.rowCount === 0) return;
    const clamped = Math.max(0, Math.min(index, this.rowCount - 1));
    this.selected = clamped;
    if (reveal) this.scrollTo(offsetToReveal(this.geometry(), this.offset, clamped));
    this.element.setAttribute('aria-activedescendant', `${this.idPrefix}-${clamped}`);
    this.schedule();
    this.renderNow();
    this.host.onSelect(clamped, this.cache?.get(clamped));
  }

  focus(): void {
    this.element.focus({ preventScroll: true });
  }

  layout(): void {
    const height = this.scroller.clientHeight;
    if (height === this.viewportHeight || height === 0) return;
    const atEnd = this.isAtEnd();
    this.viewportHeight = height;
    this.window.style.height = `${height}px`;
    const needed = Math.ceil(height / ROW_HEIGHT) + 1;
    while (this.pool.length < needed) this.pool.push(this.createRow());
    while (this.pool.length > needed) this.pool.pop()!.element.remove();
    this.applySurface();
    if (atEnd && this.followEnd) this.offset = maxContentOffset(this.geometry());
    this.schedule();
  }

  private geometry(): ScrollGeometry {
    return { rowCount: this.rowCount, rowHeight: ROW_HEIGHT, viewportHeight: this.viewportHeight };
  }

  private isAtEnd(): boolean {
    return this.offset >= maxContentOffset(this.geometry()) - 1;
  }

  /** Sizes the scroll surface: the window (one viewport, sticky) plus a spacer for the rest of the surface. */
  private applySurface(): void {
    const surface = surfaceHeight(this.geometry());
    this.spacer.style.height = `${Math.max(0, surface - this.viewportHeight)}px`;
    this.element.setAttribute('aria-rowcount', String(this.rowCount + 1));
    this.offset = clampOffset(this.geometry(), this.offset);
  }

  private scrollTo(offset: number): void {
    this.offset = clampOffset(this.geometry(), offset);
    this.schedule();
  }

  private schedule(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.renderNow();
    });
  }

  private renderNow(): void {
    const g = this.geometry();
    const top = scrollTopForOffset(g, this.offset);
    if (Math.abs(this.scroller.scrollTop - top) >= 1) this.scroller.scrollTop = top;
    this.expectedScrollTop = this.scroller.scrollTop;
    const visible = visibleRows(g, this.offset);
    for (let slot = 0; slot < this.pool.length; slot++) {
      const pooled = this.pool[slot];
      const index = visible.first + slot;
      if (index >= visible.end) {
        pooled.element.hidden = true;
        continue;
      }
      pooled.element.hidden = false;
      pooled.element.style.transform = `translateY(${visible.top + slot * ROW_HEIGHT}px)`;
      this.fill(pooled, index, this.cache?.get(index));
    }
    this.cache?.want(visible.first, visible.end);
  }

  private createRow(): PooledRow {
    const cells = COLUMNS.map((column) => el('div', { className: `packet-cell ${column.className}`, role: 'gridcell' }));
    const element = el('div', { className: 'packet-row packet-grid-row', role: 'row' }, ...cells);
    this.window.append(element);
    return { element, cells, index: -1, row: undefined };
  }

  private fill(pooled: PooledRow, index: number, row: PacketRow | undefined): void {
    const selected = index === this.selected;
    if (pooled.index !== index || pooled.row !== row) {
      pooled.index = index;
      pooled.row = row;
      pooled.element.id = `${this.idPrefix}-${index}`;
      pooled.element.setAttribute('aria-rowindex', String(index + 2));
      pooled.element.className = `packet-row packet-grid-row ${row ? `colour-${cssName(row.colour)}` : 'loading'}`;
      for (let c = 0; c < COLUMNS.length; c++) {
        const text = row ? cellText(row, COLUMNS[c].key) : c === 0 ? '…' : '';
        if (pooled.cells[c].textContent !== text) pooled.cells[c].textContent = text;
      }
      if (row) pooled.element.title = row.info;
      else pooled.element.removeAttribute('title');
    }
    pooled.element.classList.toggle('selected', selected);
    pooled.element.setAttribute('aria-selected', String(selected));
  }

  private onWheel(event: WheelEvent): void {
    if (event.ctrlKey || Math.abs(event.deltaY) < Math.abs(event.deltaX)) return;
    event.preventDefault();
    const unit = event.deltaMode === 1 ? LINE_DELTA : event.deltaMode === 2 ? this.viewportHeight : 1;
    this.userScroll(this.offset + event.deltaY * unit);
  }

  /** The reader scrolled the surface (dragging the scroll bar, or the browser on its own): read the offset back from it. */
  private onScroll(): void {
    const top = this.scroller.scrollTop;
    if (Math.abs(top - this.expectedScrollTop) < 1) return;
    this.expectedScrollTop = top;
    this.userScroll(offsetForScrollTop(this.geometry(), top));
  }

  private userScroll(offset: number): void {
    this.scrollTo(offset);
    const atEnd = this.isAtEnd();
    if (atEnd !== this.followEnd) {
      this.followEnd = atEnd;
      this.host.onFollowChange(atEnd);
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (this.rowCount === 0 || event.altKey || event.metaKey) return;
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      if (this.selected >= 0) this.host.onRowMenu(this.selected);
      return;
    }
    const page = rowsPerPage(this.geometry());
    const current = this.selected < 0 ? visibleRows(this.geometry(), this.offset).first - 1 : this.selected;
    let target: number;
    if (event.key === 'ArrowDown') target = current + 1;
    else if (event.key === 'ArrowUp') target = Math.max(0, current - 1);
    else if (event.key === 'PageDown') target = current + page;
    else if (event.key === 'PageUp') target = current - page;
    else if (event.key === 'Home' && !event.shiftKey) target = 0;
    else if (event.key === 'End' && !event.shiftKey) target = this.rowCount - 1;
    else return;
    event.preventDefault();
    this.select(target);
    const atEnd = this.selected === this.rowCount - 1;
    if (atEnd !== this.followEnd) {
      this.followEnd = atEnd;
      this.host.onFollowChange(atEnd);
    }
  }

  private onContextMenu(event: MouseEvent): void {
    const bounds = this.scroller.getBoundingClientRect();
    const index = rowAt(this.geometry(), this.offset, event.clientY - bounds.top);
    if (index < 0) return;
    event.preventDefault();
    this.focus();
    if (index !== this.selected) this.select(index, false);
    this.host.onRowMenu(index);
  }

  private onPointer(event: MouseEvent): void {
    if (event.button !== 0) return;
    const bounds = this.scroller.getBoundingClientRect();
    const index = rowAt(this.geometry(), this.offset, event.clientY - bounds.top);
    if (index < 0) return;
    event.preventDefault();
    this.focus();
    this.select(index, false);
  }
}

function cellText(row: PacketRow, key: keyof PacketRow): string {
  if (key === 'time') return row.time.toFixed(6);
  if (key === 'colour') return '';
  return String(row[key]);
}

/** Colour rule names become class names; anything unexpected falls back to plain. */
function cssName(colour: string): string {
  return /^[a-z0-9-]+$/.test(colour) ? colour : 'plain';
}
