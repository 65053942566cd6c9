// Follow TCP/UDP Stream: the conversation's payload in order, client and server in two colours, as ASCII or a hex dump,
// shown over the packet panes; "Filter on this stream" narrows the list to it, Escape closes.
import type { FollowStreamResult } from '../../../main/api';
import { decodeBase64 } from '../debug/hex-dump';
import { el, icon } from '../workbench/element';
import { directionTotals, streamAscii, streamHexDump } from './follow-stream-text';

/** Text drawn at most; a longer conversation is cut with a note (the export has all of it). */
const MAX_SHOWN_BYTES = 2 * 1024 * 1024;

export interface FollowStreamHost {
  applyFilter(filter: string): void;
  onClose(): void;
}

export class FollowStreamView {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly body: HTMLElement;
  private readonly asciiButton: HTMLButtonElement;
  private readonly hexButton: HTMLButtonElement;
  private stream: { result: FollowStreamResult; segments: { fromClient: boolean; bytes: Uint8Array; number: number }[] } | undefined;
  private mode: 'ascii' | 'hex' = 'ascii';

  constructor(private readonly host: FollowStreamHost) {
    this.title = el('h2', { className: 'follow-stream-title' });
    this.summary = el('div', { className: 'follow-stream-summary' });
    this.asciiButton = el('button', { className: 'segmented-button', role: 'radio', 'aria-checked': 'true', onclick: () => this.setMode('ascii') }, 'ASCII');
    this.hexButton = el('button', { className: 'segmented-button', role: 'radio', 'aria-checked': 'false', onclick: () => this.setMode('hex') }, 'Hex Dump');
    this.body = el('pre', { className: 'follow-stream-body', tabIndex: 0, role: 'document', 'aria-label': 'Stream content' });
    this.element = el('div', { className: 'follow-stream', role: 'dialog', 'aria-label': 'Follow Stream', hidden: true },
      el('div', { className: 'follow-stream-header' },
        this.title,
        el('div', { className: 'segmented', role: 'radiogroup', 'aria-label': 'Show stream as' }, this.asciiButton, this.hexButton),
        el('button', { className: 'secondary-button', onclick: () => this.filterOnStream() }, 'Filter on This Stream'),
        el('button', { className: 'icon-button', 'aria-label': 'Close Follow Stream', title: 'Close (Escape)', onclick: () => this.close() }, icon('close'))),
      this.summary,
      this.body);
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      }
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  showLoading(number: number): void {
    this.stream = undefined;
    this.title.textContent = `Follow Stream of packet ${number}`;
    this.summary.textContent = 'Collecting the conversation…';
    this.body.replaceChildren();
    this.element.hidden = false;
  }

  show(result: FollowStreamResult): void {
    const segments = result.segments.map((segment) => ({ fromClient: segment.fromClient, number: segment.number, bytes: decodeBase64(segment.bytes) }));
    this.stream = { result, segments };
    const totals = directionTotals(segments);
    this.title.textContent = `Follow ${result.protocol.toUpperCase()} Stream (${result.filter})`;
    this.summary.replaceChildren(
      el('span', { className: 'follow-client' }, `${result.client} → ${result.server}: ${totals.clientBytes} bytes in ${totals.clientSegments} segments`),
      el('span', { className: 'follow-server' }, `${result.server} → ${result.client}: ${totals.serverBytes} bytes in ${totals.serverSegments} segments`),
    );
    this.element.hidden = false;
    this.render();
    this.body.focus();
  }

  showError(message: string): void {
    this.summary.textContent = message;
    this.body.replaceChildren();
    this.element.hidden = false;
  }

  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.host.onClose();
  }

  private setMode(mode: 'ascii' | 'hex'): void {
    this.mode = mode;
    this.asciiButton.setAttribute('aria-checked', String(mode === 'ascii'));
    this.hexButton.setAttribute('aria-checked', String(mode === 'hex'));
    this.render();
  }

  private render(): void {
    if (!this.stream) return;
    const offsets = { client: 0, server: 0 };
    let shown = 0;
    const parts: HTMLElement[] = [];
    for (const segment of this.stream.segments) {
      if (shown >= MAX_SHOWN_BYTES) {
        parts.push(el('span', { className: 'follow-note' }, `\n… the rest of the conversation is not drawn here (more than ${MAX_SHOWN_BYTES / 1024 / 1024} MiB); export the capture to see it all.\n`));
        break;
      }
      const bytes = segment.bytes.subarray(0, MAX_SHOWN_BYTES - shown);
      shown += bytes.length;
      const side = segment.fromClient ? 'client' : 'server';
      const text = this.mode === 'ascii' ? streamAscii(bytes) : `${streamHexDump(bytes, offsets[side])}\n`;
      offsets[side] += bytes.length;
      parts.push(el('span', { className: `follow-${side}`, title: `Packet ${segment.number}, ${segment.fromClient ? 'client' : 'server'}` }, text));
    }
    if (!parts.length) parts.push(el('span', { className: 'follow-note' }, 'This conversation carries no payload.'));
    this.body.replaceChildren(...parts);
  }

  private filterOnStream(): void {
    if (!this.stream) return;
    this.host.applyFilter(this.stream.result.filter);
    this.close();
  }
}
