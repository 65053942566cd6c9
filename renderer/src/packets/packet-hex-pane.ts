// The selected packet's bytes: offset, hex and ASCII, the selected tree node's bytes highlighted in both, and a click (or
// arrow keys) on a byte selecting the deepest node that covers it. Only the lines in view are in the DOM.
import { el } from '../workbench/element';
import { asciiChar, BYTES_PER_LINE, formatOffset, hexByte, lineCount, linesOfRange } from './hex-lines';

export const HEX_LINE_HEIGHT = 18;

export interface PacketHexPaneHost {
  onByte(offset: number): void;
}

export class PacketHexPane {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly content: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly caption: HTMLElement;
  private bytes: Uint8Array = new Uint8Array(0);
  private highlight: { start: number; end: number } | undefined;
  /** The byte the keyboard moves (and the last one clicked). */
  private cursor = -1;
  private frame: number | undefined;

  constructor(private readonly host: PacketHexPaneHost) {
    this.content = el('div', { className: 'packet-hex-lines' });
    this.spacer = el('div', { className: 'packet-hex-spacer', 'aria-hidden': 'true' });
    this.scroller = el('div', { className: 'packet-hex-scroller' }, this.content, this.spacer);
    this.caption = el('div', { className: 'packet-hex-caption', role: 'status', 'aria-live': 'polite' });
    this.element = el('div', { className: 'packet-hex', role: 'region', 'aria-label': 'Packet bytes', tabIndex: 0 }, this.scroller, this.caption);
    this.scroller.addEventListener('scroll', () => this.schedule());
    this.element.addEventListener('mousedown', (event) => this.onPointer(event));
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
    this.show(new Uint8Array(0));
  }

  show(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.highlight = undefined;
    this.cursor = -1;
    this.scroller.scrollTop = 0;
    this.spacer.style.height = `${Math.max(0, lineCount(bytes.length) * HEX_LINE_HEIGHT)}px`;
    this.setCaption();
    this.renderNow();
  }

  /** Highlights bytes `start`..`end-1` (the selected node's) and scrolls them into view; undefined clears. */
  setHighlight(range: { start: number; end: number } | undefined, label?: string): void {
    this.highlight = range;
    this.setCaption(label);
    if (range) this.reveal(range);
    this.renderNow();
  }

  get highlighted(): { start: number; end: number } | undefined {
    return this.highlight;
  }

  private setCaption(label?: string): void {
    const range = this.highlight;
    if (!this.bytes.length) this.caption.textContent = '';
    else if (!range) this.caption.textContent = `${this.bytes.length} bytes`;
    else {
      const count = range.end - range.start;
      const where = count === 1 ? `byte ${range.start}` : `bytes ${range.start}–${range.end - 1}`;
      this.caption.textContent = `${label ? `${label} · ` : ''}${where} (${count} of ${this.bytes.length})`;
    }
  }

  private reveal(range: { start: number; end: number }): void {
    const lines = linesOfRange(range);
    const top = lines.first * HEX_LINE_HEIGHT;
    const bottom = lines.end * HEX_LINE_HEIGHT;
    const view = this.scroller.clientHeight;
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (bottom > this.scroller.scrollTop + view) this.scroller.scrollTop = Math.min(top, bottom - view);
  }

  private schedule(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.renderNow();
    });
  }

  private renderNow(): void {
    const total = lineCount(this.bytes.length);
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / HEX_LINE_HEIGHT));
    const end = Math.min(total, first + Math.ceil((this.scroller.clientHeight || 400) / HEX_LINE_HEIGHT) + 1);
    this.content.style.transform = `translateY(${first * HEX_LINE_HEIGHT}px)`;
    const lines: HTMLElement[] = [];
    for (let line = first; line < end; line++) lines.push(this.renderLine(line));
    this.content.replaceChildren(...lines);
  }

  private renderLine(line: number): HTMLElement {
    const start = line * BYTES_PER_LINE;
    const stop = Math.min(start + BYTES_PER_LINE, this.bytes.length);
    const hex = el('span', { className: 'hex-bytes' });
    const ascii = el('span', { className: 'hex-ascii' });
    for (let offset = start; offset < stop; offset++) {
      const classes = this.byteClasses(offset);
      hex.append(el('span', { className: `hex-byte${classes}`, 'data-offset': offset }, hexByte(this.bytes[offset])));
      ascii.append(el('span', { className: `hex-char${classes}`, 'data-offset': offset }, asciiChar(this.bytes[offset])));
    }
    return el('div', { className: 'hex-line' }, el('span', { className: 'hex-offset' }, formatOffset(start, this.bytes.length)), hex, ascii);
  }

  private byteClasses(offset: number): string {
    const inRange = this.highlight && offset >= this.highlight.start && offset < this.highlight.end;
    return `${inRange ? ' highlighted' : ''}${offset === this.cursor ? ' cursor' : ''}`;
  }

  private onPointer(event: MouseEvent): void {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-offset]');
    if (!target || event.button !== 0) return;
    event.preventDefault();
    this.element.focus({ preventScroll: true });
    this.pick(Number(target.dataset.offset));
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.bytes.length) return;
    const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -BYTES_PER_LINE, ArrowDown: BYTES_PER_LINE };
    let target: number;
    if (event.key in steps) target = (this.cursor < 0 ? (this.highlight?.start ?? 0) : this.cursor) + steps[event.key];
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = this.bytes.length - 1;
    else return;
    event.preventDefault();
    this.pick(Math.max(0, Math.min(target, this.bytes.length - 1)));
  }

  private pick(offset: number): void {
    this.cursor = offset;
    this.host.onByte(offset);
    this.renderNow();
  }
}
