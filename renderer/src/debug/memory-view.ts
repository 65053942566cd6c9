// The Memory panel: guest memory as hex and ASCII at an address or an expression, read again at every stop.
import { el, icon } from '../workbench/element';
import type { View } from '../workbench/view';
import type { DebugSessionController } from './debug-session-controller';
import { addressInValue, decodeBase64, formatAddress, hexDumpRows, parseAddress } from './hex-dump';

const SIZES = [64, 256, 1024];

export class MemoryView implements View {
  readonly id = 'memory';
  readonly title = 'Memory';
  readonly icon = 'file-binary';
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly size: HTMLSelectElement;
  private readonly status: HTMLElement;
  private readonly table: HTMLTableSectionElement;
  /** What the user asked for: an address or an expression, re-resolved at each stop (a pointer may move). */
  private target: string | undefined;
  /** Pages moved with Previous/Next, in units of the size. */
  private pageOffset = 0;
  private requests = 0;
  private stale = false;

  constructor(private readonly session: DebugSessionController) {
    this.input = el('input', { className: 'debug-input memory-address', type: 'text', 'aria-label': 'Memory address or expression', placeholder: 'Address or expression, e.g. 0x100000, &stack_top, $esp' });
    this.input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      this.go(this.input.value);
    });
    this.size = el('select', { className: 'output-channel', 'aria-label': 'Bytes to show' }, ...SIZES.map((size) => el('option', { value: String(size) }, `${size} bytes`)));
    this.size.value = '256';
    this.size.addEventListener('change', () => void this.refresh());
    const button = (label: string, glyph: string, run: () => void) => el('button', { className: 'icon-button', 'aria-label': label, title: label, onclick: run }, icon(glyph));
    this.status = el('p', { className: 'empty-message', role: 'status' });
    this.table = el('tbody');
    this.element = el(
      'div',
      { className: 'memory-view' },
      el(
        'div',
        { className: 'memory-toolbar' },
        this.input,
        el('button', { className: 'primary-button memory-go', onclick: () => this.go(this.input.value) }, 'Read'),
        this.size,
        button('Previous bytes', 'arrow-up', () => this.page(-1)),
        button('Next bytes', 'arrow-down', () => this.page(1)),
      ),
      this.status,
      el('table', { className: 'memory-table', 'aria-label': 'Memory contents' }, this.table),
    );
    this.setStatus('Not debugging. When the guest stops, type an address or an expression to read its memory.');
    session.onDidChange((change) => {
      if ((change === 'stopped' || change === 'frame') && this.target) {
        this.stale = true;
        if (this.element.offsetParent !== null) void this.refresh();
      }
      if (change === 'phase') this.table.classList.toggle('stale', session.phase === 'running');
    });
  }

  onShow(): void {
    if (this.stale) void this.refresh();
  }

  focus(): void {
    this.input.focus();
  }

  /** Shows memory at an address, an expression, or a DAP memory reference (from a variable's "view memory"). */
  go(target: string): void {
    const trimmed = target.trim();
    if (!trimmed) return;
    this.input.value = trimmed;
    this.target = trimmed;
    this.pageOffset = 0;
    void this.refresh();
  }

  private page(direction: number): void {
    if (!this.target) return;
    this.pageOffset += direction;
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    this.stale = false;
    const target = this.target;
    if (!target) return;
    if (this.session.phase !== 'stopped') return this.setStatus('The guest is running: its memory is read when it stops.');
    if (!this.session.capabilities.supportsReadMemoryRequest) return this.setStatus('This debug adapter cannot read memory.');
    const request = ++this.requests;
    const count = Number(this.size.value);
    try {
      const reference = await this.resolve(target);
      const start = parseAddress(reference);
      const offset = this.pageOffset * count;
      const body = await this.session.readMemory({ memoryReference: reference, offset, count });
      if (request !== this.requests) return;
      const first = body?.address !== undefined ? parseAddress(body.address) : start !== undefined ? start + BigInt(offset) : undefined;
      const data = body?.data ? decodeBase64(body.data) : new Uint8Array();
      if (first === undefined) return this.setStatus(`The adapter answered without an address for ${target}.`);
      const shown = Math.max(data.length + (body?.unreadableBytes ?? 0), data.length === 0 ? count : data.length);
      this.setStatus(`${target}${reference !== target ? ` → ${reference}` : ''}: ${data.length} bytes from ${formatAddress(first)}${body?.unreadableBytes ? `, ${body.unreadableBytes} unreadable` : ''}`);
      this.render(first, data, Math.min(shown, count));
    } catch (error) {
      if (request === this.requests) this.setStatus(`Could not read memory at ${target}: ${(error as Error).message}`, true);
    }
  }

  /** A plain number is an address; anything else goes to the debugger, whose answer holds the address. */
  private async resolve(target: string): Promise<string> {
    if (parseAddress(target) !== undefined) return target;
    const result = await this.session.evaluate(target, 'watch');
    const address = result.memoryReference ?? addressInValue(result.result);
    if (!address) throw new Error(`${target} = ${result.result}, which is not an address`);
    return address;
  }

  private render(start: bigint, data: Uint8Array, count: number): void {
    this.table.replaceChildren(
      ...hexDumpRows(start, data, count).map((row) =>
        el(
          'tr',
          { 'aria-label': `${row.address}: ${row.bytes.join(' ')}` },
          el('th', { scope: 'row', className: 'memory-row-address' }, row.address),
          el('td', { className: 'memory-hex' }, row.bytes.slice(0, 8).join(' '), el('span', { className: 'memory-gap' }, ' '), row.bytes.slice(8).join(' ')),
          el('td', { className: 'memory-ascii' }, row.ascii),
        ),
      ),
    );
  }

  private setStatus(text: string, error = false): void {
    this.status.textContent = text;
    this.status.classList.toggle('error-text', error);
    if (error) this.table.replaceChildren();
  }
}
