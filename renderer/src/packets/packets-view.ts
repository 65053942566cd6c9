// The Packets panel: a Wireshark-like view of one capture (a file or a run's live traffic) — filter bar, counts, rate,
// the virtualised packet list, the detail tree and the hex pane with cross-highlighting, Follow Stream and Export.
import type { PacketDetailNode, PacketDetailResult, PacketRow, PacketsEventBody } from '../../../main/api';
import { decodeBase64 } from '../debug/hex-dump';
import { el, icon } from '../workbench/element';
import type { Notifications } from '../workbench/notifications';
import type { QuickInput } from '../workbench/quick-input';
import { createSash } from '../workbench/sash';
import type { View } from '../workbench/view';
import { deepestNodeAt, highlightRange } from './detail-tree-model';
import { DisplayFilterBar, type FilterCheck } from './display-filter-bar';
import { FollowStreamView } from './follow-stream-view';
import { PacketDetailTree } from './packet-detail-tree';
import { PacketHexPane } from './packet-hex-pane';
import { PacketList } from './packet-list';
import { PacketRateSparkline } from './packet-rate-sparkline';
import { PacketFilterError, type PacketSource, type PacketSourceSubscription } from './packet-source';
import './packets.css';

export interface PacketsViewHost {
  notifications: Notifications;
  quickInput: QuickInput;
  checkFilter(filter: string): Promise<FilterCheck>;
  openCaptureFile(): void;
  /** Opens a capture file (an export just written) in this panel. */
  openPath(path: string): void;
}

const MIN_LIST_HEIGHT = 60;
const MIN_DETAIL_HEIGHT = 60;

export class PacketsView implements View {
  readonly id = 'packets';
  readonly title = 'Packets';
  readonly icon = 'pulse';
  readonly element: HTMLElement;
  readonly actions = [
    { label: 'Open Capture File…', icon: 'folder-opened', run: () => this.host.openCaptureFile() },
    { label: 'Export Capture…', icon: 'save-as', run: () => void this.exportCapture() },
    { label: 'Close Capture', icon: 'close-all', run: () => this.close() },
  ];
  readonly list: PacketList;
  readonly tree: PacketDetailTree;
  readonly hex: PacketHexPane;
  readonly filterBar: DisplayFilterBar;
  private readonly followView: FollowStreamView;
  private readonly sparkline = new PacketRateSparkline();
  private readonly sourceLabel: HTMLElement;
  private readonly counts: HTMLElement;
  private readonly autoScrollButton: HTMLButtonElement;
  private readonly followButton: HTMLButtonElement;
  private readonly exportButton: HTMLButtonElement;
  private readonly emptyState: HTMLElement;
  private readonly body: HTMLElement;
  private readonly listPane: HTMLElement;
  private readonly treePane: HTMLElement;
  private source: PacketSource | undefined;
  private subscription: PacketSourceSubscription | undefined;
  private total = 0;
  private matched = 0;
  private ended: string | undefined;
  private autoScroll = true;
  private detail: PacketDetailResult | undefined;
  private detailBytes: Uint8Array = new Uint8Array(0);
  /** Detail requests are numbered; only the answer to the newest one is shown (arrow keys held down ask many). */
  private detailRequests = 0;
  /** A row selected before its page arrived: its detail is fetched when the page comes. */
  private pendingDetailIndex = -1;
  private listHeight = 0.55;
  private treeWidth = 0.5;

  constructor(private readonly host: PacketsViewHost) {
    this.list = new PacketList({
      onSelect: (index, row) => this.onSelectRow(index, row),
      onFollowChange: (atEnd) => this.setAutoScroll(atEnd, false),
      onCounts: (result) => this.setCounts(result.total, result.matched),
      onError: (error) => this.showStatus(`Could not read rows: ${error.message}`),
    });
    this.tree = new PacketDetailTree({ onSelectNode: (node) => this.onSelectNode(node) });
    this.hex = new PacketHexPane({ onByte: (offset) => this.onByte(offset) });
    this.filterBar = new DisplayFilterBar({
      check: (filter) => this.host.checkFilter(filter),
      apply: (filter) => this.applyFilter(filter),
    });
    this.followView = new FollowStreamView({
      applyFilter: (filter) => void this.filterBar.setAndApply(filter),
      onClose: () => this.list.focus(),
    });
    this.sourceLabel = el('span', { className: 'packets-source', role: 'status', 'aria-label': 'Capture' }, 'No capture');
    this.counts = el('span', { className: 'packets-counts', role: 'status', 'aria-live': 'polite' });
    this.autoScrollButton = el('button', {
      className: 'icon-button toggle',
      'aria-label': 'Auto Scroll in Live Capture',
      title: 'Auto Scroll in Live Capture: keep the newest packet in view',
      'aria-pressed': 'true',
      onclick: () => this.setAutoScroll(!this.autoScroll, true),
    }, icon('fold-down'));
    this.followButton = el('button', {
      className: 'icon-button',
      'aria-label': 'Follow TCP/UDP Stream',
      title: 'Follow TCP/UDP Stream of the selected packet',
      disabled: true,
      onclick: () => void this.followStream(),
    }, icon('arrow-swap'));
    this.exportButton = el('button', { className: 'icon-button', 'aria-label': 'Export Capture…', title: 'Export Capture… (pcapng)', disabled: true, onclick: () => void this.exportCapture() }, icon('save-as'));
    const toolbar = el('div', { className: 'packets-toolbar' },
      this.sourceLabel,
      this.filterBar.element,
      this.counts,
      this.sparkline.element,
      el('div', { className: 'packets-actions', role: 'toolbar', 'aria-label': 'Packet actions' }, this.autoScrollButton, this.followButton, this.exportButton));

    this.emptyState = el('div', { className: 'packets-empty' },
      el('p', {}, 'No capture is open.'),
      el('p', {}, 'Open a .pcap or .pcapng file (from the Explorer, or with the button below), or run a configuration with "capture": true to watch its frames live.'),
      el('button', { className: 'primary-button packets-open-button', onclick: () => this.host.openCaptureFile() }, 'Open Capture File…'));
    this.listPane = el('div', { className: 'packets-list-pane' }, this.list.element, this.emptyState);
    this.treePane = el('div', { className: 'packets-tree-pane' }, this.tree.element);
    const detailSash = createSash({
      orientation: 'vertical',
      label: 'Resize packet details',
      size: () => this.treePane.getBoundingClientRect().width,
      resize: (size) => this.setTreeWidth(size),
    });
    const details = el('div', { className: 'packets-details' }, this.treePane, detailSash, el('div', { className: 'packets-hex-pane' }, this.hex.element));
    const listSash = createSash({
      orientation: 'horizontal',
      label: 'Resize packet list',
      size: () => this.listPane.getBoundingClientRect().height,
      resize: (size) => this.setListHeight(size),
    });
    this.body = el('div', { className: 'packets-body' }, this.listPane, listSash, details, this.followView.element);
    this.element = el('div', { className: 'packets-view' }, toolbar, this.body);
    this.applySplit();
    this.setCounts(0, 0);
    this.showSource();
  }

  get current(): PacketSource | undefined {
    return this.source;
  }

  /** Shows a capture in the panel, replacing the one shown (a file's capture is closed; a run's stays with its run). */
  open(source: PacketSource): void {
    this.detach();
    this.source = source;
    this.total = 0;
    this.matched = 0;
    this.ended = undefined;
    this.setDetail(undefined);
    this.followView.close();
    this.subscription = source.onUpdate((update) => this.onUpdate(update));
    this.list.reset((start, count) => source.rows(start, count), 0);
    this.filterBar.resetApplied();
    this.setAutoScroll(true, true);
    if (source.kind === 'live') this.sparkline.start();
    else this.sparkline.stop();
    this.showSource();
    this.setCounts(0, 0);
    // A filter typed for the previous capture applies to this one too, as in Wireshark.
    if (this.filterBar.input.value.trim()) void this.filterBar.setAndApply(this.filterBar.input.value.trim());
  }

  close(): void {
    this.detach();
    this.source = undefined;
    this.list.reset(undefined, 0);
    this.setDetail(undefined);
    this.followView.close();
    this.sparkline.stop();
    this.setCounts(0, 0);
    this.showSource();
  }

  onShow(): void {
    this.list.layout();
  }

  layout(): void {
    this.list.layout();
  }

  focus(): void {
    if (this.source) this.list.focus();
    else this.emptyState.querySelector<HTMLButtonElement>('button')?.focus();
  }

  focusFilter(): void {
    this.filterBar.focus();
  }

  toggleAutoScroll(): void {
    this.setAutoScroll(!this.autoScroll, true);
  }

  private detach(): void {
    this.subscription?.dispose();
    this.subscription = undefined;
    this.source?.close();
  }

  private onUpdate(update: PacketsEventBody): void {
    if (update.rows.length) this.list.appendLive(update.rows, update.matched);
    else this.list.setRowCount(update.matched);
    if (this.source?.kind === 'live') this.sparkline.record(update.total);
    if (update.ended !== undefined && this.ended === undefined) {
      this.ended = update.ended;
      if (this.source?.kind === 'live') this.sparkline.stop(true);
      this.showSource();
    }
    this.setCounts(update.total, update.matched);
    if (this.pendingDetailIndex >= 0) this.fetchPendingDetail();
  }

  private setCounts(total: number, matched: number): void {
    this.total = Math.max(this.total, total);
    this.matched = matched;
    this.list.setRowCount(matched);
    const reading = this.source && this.ended === undefined && this.source.kind === 'file' ? ' (reading…)' : '';
    this.counts.textContent = `Displayed: ${matched.toLocaleString('en-US')} of ${this.total.toLocaleString('en-US')}${reading}`;
    this.exportButton.disabled = !this.source || this.total === 0;
    if (this.pendingDetailIndex >= 0) this.fetchPendingDetail();
  }

  private showSource(): void {
    const source = this.source;
    this.emptyState.hidden = source !== undefined;
    this.list.element.hidden = source === undefined;
    this.autoScrollButton.disabled = source === undefined;
    if (!source) {
      this.sourceLabel.replaceChildren(icon('circle-slash'), el('span', {}, 'No capture'));
      this.sourceLabel.title = 'Open a capture file or run with "capture": true';
      return;
    }
    const live = source.kind === 'live' && this.ended === undefined;
    const state = live ? 'Live' : this.ended !== undefined && source.kind === 'live' ? 'Ended' : '';
    this.sourceLabel.replaceChildren(
      icon(live ? 'record' : source.kind === 'live' ? 'debug-stop' : 'file-binary'),
      el('span', {}, state ? `${state}: ${source.name}` : source.name),
    );
    this.sourceLabel.classList.toggle('live', live);
    this.sourceLabel.title = this.ended !== undefined ? `${source.name}: ${this.ended}` : live ? `${source.name}: capturing` : `${source.name}: reading`;
  }

  private showStatus(message: string): void {
    this.host.notifications.warn(message);
  }

  private setAutoScroll(on: boolean, fromToggle: boolean): void {
    this.autoScroll = on;
    this.autoScrollButton.setAttribute('aria-pressed', String(on));
    if (fromToggle) this.list.setFollowing(on);
  }

  private async applyFilter(filter: string): Promise<void> {
    const source = this.source;
    if (!source) throw new PacketFilterError('Open a capture first; the filter applies to its packets.', undefined);
    const result = await source.setFilter(filter);
    if (source !== this.source) return;
    this.total = result.total;
    this.list.reset((start, count) => source.rows(start, count), result.matched);
    this.list.setFollowing(this.autoScroll && source.kind === 'live' && this.ended === undefined);
    this.setCounts(result.total, result.matched);
  }

  private onSelectRow(index: number, row: PacketRow | undefined): void {
    this.pendingDetailIndex = row ? -1 : index;
    if (row) void this.loadDetail(row.number);
  }

  private fetchPendingDetail(): void {
    const row = this.list.rowAtIndex(this.pendingDetailIndex);
    if (!row) return;
    this.pendingDetailIndex = -1;
    void this.loadDetail(row.number);
  }

  private async loadDetail(number: number): Promise<void> {
    const source = this.source;
    if (!source) return;
    const request = ++this.detailRequests;
    try {
      const detail = await source.detail(number);
      if (request !== this.detailRequests || source !== this.source) return;
      this.setDetail(detail);
    } catch (error) {
      if (request !== this.detailRequests) return;
      this.setDetail(undefined, `Could not read packet ${number}: ${(error as Error).message}`);
    }
  }

  private setDetail(detail: PacketDetailResult | undefined, message?: string): void {
    this.detail = detail;
    this.detailBytes = detail ? decodeBase64(detail.bytes) : new Uint8Array(0);
    if (detail) this.tree.show(detail.tree);
    else this.tree.showMessage(message ?? (this.source ? 'Select a packet to see its layers.' : 'No capture is open.'));
    this.hex.show(this.detailBytes);
    this.followButton.disabled = !detail?.streamFilter;
    this.element.dataset.selectedPacket = detail ? String(detail.number) : '';
  }

  private onSelectNode(node: PacketDetailNode | undefined): void {
    this.hex.setHighlight(highlightRange(node, this.detailBytes.length), node?.label);
  }

  private onByte(offset: number): void {
    if (!this.detail) return;
    const path = deepestNodeAt(this.detail.tree, offset);
    if (path !== undefined) this.tree.selectPath(path);
    else this.hex.setHighlight({ start: offset, end: offset + 1 });
  }

  async followStream(): Promise<void> {
    const source = this.source;
    const detail = this.detail;
    if (!source || !detail) return this.host.notifications.info('Select a TCP or UDP packet first; Follow Stream shows its conversation.');
    if (!detail.streamFilter) return this.host.notifications.info(`Packet ${detail.number} is not part of a TCP or UDP conversation.`);
    this.followView.showLoading(detail.number);
    try {
      this.followView.show(await source.followStream(detail.number));
    } catch (error) {
      this.followView.showError(`Could not follow the stream of packet ${detail.number}: ${(error as Error).message}`);
    }
  }

  async exportCapture(): Promise<void> {
    const source = this.source;
    if (!source || this.total === 0) return this.host.notifications.info('There is nothing to export yet: open a capture or run with "capture": true.');
    const filter = this.filterBar.appliedFilter;
    let filtered = false;
    if (filter) {
      const choice = await this.host.quickInput.pick(
        [
          { label: 'All frames', description: `${this.total.toLocaleString('en-US')} frames`, value: 'all' },
          { label: 'Displayed frames only', description: `${this.matched.toLocaleString('en-US')} frames matching ${filter}`, value: 'displayed' },
        ],
        { title: 'Export Capture', placeholder: 'Which frames to export', keepOrder: true },
      );
      if (!choice) return;
      filtered = choice === 'displayed';
    }
    const suggested = `${source.name.replace(/\.(pcapng|pcap|cap)$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-')}${filtered ? '-displayed' : '-export'}.pcapng`;
    const path = await this.host.quickInput.prompt({
      title: 'Export Capture As',
      value: suggested,
      prompt: 'Path of the file to write, relative to the workspace or absolute; .pcapng (Wireshark reads it) or .pcap.',
      validate: (value) => (!value.trim() ? 'Give a file name.' : /\.(pcapng|pcap)$/i.test(value.trim()) ? null : 'The name must end in .pcapng or .pcap.'),
    });
    if (!path) return;
    const format = /\.pcap$/i.test(path.trim()) ? 'pcap' : 'pcapng';
    this.exportButton.disabled = true;
    this.exportButton.classList.add('busy');
    this.counts.dataset.busy = 'Exporting…';
    try {
      const result = await source.exportCapture({ path: path.trim(), format, filtered });
      this.host.notifications.info(`Exported ${result.frames.toLocaleString('en-US')} frames (${formatBytes(result.bytes)}) to ${result.path}.`, [
        { label: 'Open', run: () => this.host.openPath(result.path) },
      ]);
    } catch (error) {
      this.host.notifications.error(`Could not export the capture to ${path.trim()}: ${(error as Error).message}. Check that the folder exists and can be written, then try again.`);
    } finally {
      this.exportButton.disabled = false;
      this.exportButton.classList.remove('busy');
      delete this.counts.dataset.busy;
    }
  }

  private setListHeight(pixels: number): void {
    const height = this.body.getBoundingClientRect().height;
    if (height <= 0) return;
    this.listHeight = Math.min(Math.max(pixels, MIN_LIST_HEIGHT), height - MIN_DETAIL_HEIGHT) / height;
    this.applySplit();
  }

  private setTreeWidth(pixels: number): void {
    const width = this.body.getBoundingClientRect().width;
    if (width <= 0) return;
    this.treeWidth = Math.min(Math.max(pixels / width, 0.15), 0.85);
    this.applySplit();
  }

  private applySplit(): void {
    this.body.style.setProperty('--packets-list-fraction', String(this.listHeight));
    this.body.style.setProperty('--packets-tree-fraction', String(this.treeWidth));
    this.list.layout();
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
