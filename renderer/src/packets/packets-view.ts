// The Packets panel: a Wireshark-like view of one capture (a file or a run's live traffic) — filter bar, counts, rate,
// the virtualised packet list, the detail tree and the hex pane with cross-highlighting, Follow Stream and Export.
import type { PacketDetailNode, PacketDetailResult, PacketRow, PacketsEventBody, SetFilterResult } from '../../../main/api';
import { decodeBase64 } from '../debug/hex-dump';
import { el, icon } from '../workbench/element';
import type { Notifications } from '../workbench/notifications';
import type { QuickInput } from '../workbench/quick-input';
import { createSash } from '../workbench/sash';
import type { View } from '../workbench/view';
import { deepestNodeAt, highlightRange } from './detail-tree-model';
import { DisplayFilterBar, type FilterCheck } from './display-filter-bar';
import { FollowStreamView } from './follow-stream-view';
import { showDetailLineMenu } from './detail-line-menu';
import { pickConversation } from './conversations-picker';
import { findDisplayedPosition } from './packet-position';
import { showPacketRowMenu } from './packet-row-menu';
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
  /** Says why the list is empty: waiting for a first frame, reading, nothing matches. */
  private readonly listMessage: HTMLElement;
  private readonly body: HTMLElement;
  private readonly listPane: HTMLElement;
  private readonly treePane: HTMLElement;
  private source: PacketSource | undefined;
  private subscription: PacketSourceSubscription | undefined;
  private total = 0;
  private matched = 0;
  private ended: string | undefined;
  /** Rows of the view already announced by updates (or by the filter's answer): where the next update's rows start. */
  private announcedMatched = 0;
  private applyingFilter = false;
  /** What the capture is called in the toolbar (a run's name, or the file's). */
  private label = '';
  /** A row to select again once the capture has that many rows (see open's keepSelection). */
  private restoreIndex = -1;
  private rowErrorShown = false;
  private autoScroll = true;
  private detail: PacketDetailResult | undefined;
  private detailBytes: Uint8Array = new Uint8Array(0);
  /** Detail requests are numbered; only the answer to the newest one is shown (arrow keys held down ask many). */
  private detailRequests = 0;
  /** A row selected before its page arrived: its detail is fetched when the page comes. */
  private pendingDetailIndex = -1;
  private listHeight = 0.55;
  /** Set once the reader drags the sash between tree and bytes; until then the bytes take their natural width. */
  private hexWidth: number | undefined;

  constructor(private readonly host: PacketsViewHost) {
    this.list = new PacketList({
      onSelect: (index, row) => this.onSelectRow(index, row),
      onFollowChange: (atEnd) => this.setAutoScroll(atEnd, false),
      onCounts: (result) => {
        this.rowErrorShown = false;
        this.setCounts(result.total, result.matched);
      },
      onError: (error) => this.showRowError(error),
      onRowMenu: (index) => void this.showRowMenu(index),
    });
    this.tree = new PacketDetailTree({
      onSelectNode: (node) => this.onSelectNode(node),
      onLineMenu: (node) =>
        void showDetailLineMenu(this.host.quickInput, node, {
          currentFilter: this.filterBar.appliedFilter,
          apply: (filter) => void this.filterBar.setAndApply(filter),
          prepare: (filter) => this.filterBar.prepare(filter),
          copy: (text) => void navigator.clipboard?.writeText(text).catch(() => undefined),
        }),
    });
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
    this.listMessage = el('p', { className: 'packets-list-message', role: 'status' });
    this.listPane = el('div', { className: 'packets-list-pane' }, this.list.element, this.listMessage, this.emptyState);
    this.treePane = el('div', { className: 'packets-tree-pane' }, this.tree.element);
    const hexPane = el('div', { className: 'packets-hex-pane' }, this.hex.element);
    const detailSash = createSash({
      orientation: 'vertical',
      label: 'Resize packet bytes',
      size: () => hexPane.getBoundingClientRect().width,
      resize: (size) => this.setHexWidth(size),
      invert: true,
    });
    const details = el('div', { className: 'packets-details' }, this.treePane, detailSash, hexPane);
    const listSash = createSash({
      orientation: 'horizontal',
      label: 'Resize packet list',
      size: () => this.listPane.getBoundingClientRect().height,
      resize: (size) => this.setListHeight(size),
    });
    this.body = el('div', { className: 'packets-body' }, this.listPane, listSash, details, this.followView.element);
    this.element = el('div', { className: 'packets-view' }, toolbar, this.body);
    // Ctrl+G here is Wireshark's Go to Packet (in the editor it stays Monaco's Go to Line).
    this.element.addEventListener('keydown', (event) => {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey || event.key.toLowerCase() !== 'g') return;
      event.preventDefault();
      void this.goToPacket();
    });
    this.applySplit();
    this.setCounts(0, 0);
    this.showSource();
  }

  get current(): PacketSource | undefined {
    return this.source;
  }

  /**
   * Shows a capture in the panel, replacing the one shown (a file's capture is closed; a run's stays with its run).
   * `keepSelection` reselects the same row once the new capture has it (a run's capture reopened from its saved file).
   */
  open(source: PacketSource, options: { keepSelection?: boolean; label?: string } = {}): void {
    const restore = options.keepSelection ? this.list.selectedIndex : -1;
    // A live capture follows its newest frame; a file starts at its first, as in Wireshark.
    const restoreFollowing = options.keepSelection ? this.list.following : source.kind === 'live';
    this.detach();
    this.source = source;
    this.label = options.label ?? source.name;
    this.restoreIndex = restore;
    this.rowErrorShown = false;
    this.total = 0;
    this.matched = 0;
    this.announcedMatched = 0;
    this.applyingFilter = false;
    this.ended = undefined;
    if (restore < 0) this.setDetail(undefined);
    this.followView.close();
    this.list.reset((start, count) => source.rows(start, count), 0);
    this.filterBar.resetApplied();
    this.setAutoScroll(restoreFollowing, true);
    if (source.kind === 'live') this.sparkline.start();
    else this.sparkline.stop();
    this.showSource();
    this.setCounts(0, 0);
    // Last: a source may hand over updates that came before anyone listened, and the list must be ready for them.
    this.subscription = source.onUpdate((update) => this.onUpdate(update));
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
    if (this.source?.kind === 'live') this.sparkline.record(update.total);
    if (update.ended !== undefined && this.ended === undefined) {
      this.ended = update.ended;
      if (this.source?.kind === 'live') this.sparkline.stop(true);
      this.showSource();
    }
    // While a new filter is applied, counts describe a view the list does not show yet; its answer resets the list.
    if (this.applyingFilter) {
      this.total = Math.max(this.total, update.total);
      return this.showCounts();
    }
    // An update's rows continue the view where the previous update (or the filter's answer) left it.
    if (update.rows.length) this.list.appendLive(update.rows, this.announcedMatched, update.matched);
    this.announcedMatched = update.matched;
    this.setCounts(update.total, update.matched);
  }

  private setCounts(total: number, matched: number): void {
    this.total = Math.max(this.total, total);
    this.matched = matched;
    this.list.setRowCount(matched);
    this.showCounts();
    if (this.pendingDetailIndex >= 0) this.fetchPendingDetail();
    if (this.restoreIndex >= 0 && matched > this.restoreIndex && !this.applyingFilter) {
      const index = this.restoreIndex;
      this.restoreIndex = -1;
      this.list.select(index);
    }
  }

  private showCounts(): void {
    const reading = this.source && this.ended === undefined && this.source.kind === 'file' ? ' (reading…)' : '';
    this.counts.textContent = `Displayed: ${this.matched.toLocaleString('en-US')} of ${this.total.toLocaleString('en-US')}${reading}`;
    if (this.applyingFilter) this.counts.dataset.busy = 'Filtering…';
    else if (this.counts.dataset.busy === 'Filtering…') delete this.counts.dataset.busy;
    this.exportButton.disabled = !this.source || this.total === 0;
    this.listMessage.textContent = this.emptyListMessage();
    this.listMessage.hidden = this.listMessage.textContent === '';
  }

  private emptyListMessage(): string {
    const source = this.source;
    if (!source || this.matched > 0 || this.applyingFilter) return '';
    const filter = this.filterBar.appliedFilter;
    const running = this.ended === undefined;
    if (this.total > 0 && filter) return running ? `No packets match ${filter} yet.` : `No packets match ${filter}.`;
    if (source.kind === 'live') return running ? 'Waiting for the guest\'s first frame…' : `No frames were captured (${this.ended}).`;
    return running ? 'Reading…' : `${this.label} holds no frames (${this.ended}).`;
  }

  private showSource(): void {
    const source = this.source;
    this.emptyState.hidden = source !== undefined;
    this.body.classList.toggle('no-capture', source === undefined);
    this.counts.hidden = source === undefined;
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
      el('span', {}, state ? `${state}: ${this.label}` : this.label),
    );
    this.sourceLabel.classList.toggle('live', live);
    this.sourceLabel.title = this.ended !== undefined ? `${this.label}: ${this.ended}` : live ? `${this.label}: capturing` : `${this.label}: reading`;
  }

  /** Once per capture until rows flow again: a list that retries must not fill the screen with the same toast. */
  private showRowError(error: Error): void {
    if (this.rowErrorShown) return;
    this.rowErrorShown = true;
    const ended = this.source?.kind === 'live' && this.ended !== undefined;
    this.host.notifications.warn(
      ended
        ? `The rows of ${this.label} are gone with its run (${error.message}). Open the workspace folder to keep a run's capture after it ends.`
        : `Could not read the rows of ${this.label}: ${error.message}. Open the capture again if this persists.`,
    );
  }

  private setAutoScroll(on: boolean, fromToggle: boolean): void {
    this.autoScroll = on;
    this.autoScrollButton.setAttribute('aria-pressed', String(on));
    if (fromToggle) this.list.setFollowing(on);
  }

  private async applyFilter(filter: string): Promise<void> {
    const source = this.source;
    if (!source) throw new PacketFilterError('Open a capture first; the filter applies to its packets.', undefined);
    this.applyingFilter = true;
    this.showCounts();
    let result: SetFilterResult;
    try {
      result = await source.setFilter(filter);
    } finally {
      if (source === this.source) {
        this.applyingFilter = false;
        this.showCounts();
      }
    }
    if (source !== this.source) return;
    this.total = result.total;
    this.announcedMatched = result.matched;
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

  /** A row's actions (right-click, Shift+F10): filters on its addresses, protocol and conversation; follow; copy. */
  private async showRowMenu(index: number): Promise<void> {
    const source = this.source;
    const row = this.list.rowAtIndex(index);
    if (!source || !row) return;
    let detail: PacketDetailResult;
    try {
      detail = await source.detail(row.number);
    } catch (error) {
      return this.host.notifications.error(`Could not read packet ${row.number}: ${(error as Error).message}`);
    }
    await showPacketRowMenu(this.host.quickInput, row, detail, {
      apply: (filter) => void this.filterBar.setAndApply(filter),
      follow: () => void this.followStream(),
      copy: (text) => void navigator.clipboard?.writeText(text).catch(() => undefined),
    });
  }

  /** Statistics › Conversations: pick a TCP or UDP conversation of the capture to filter on it. */
  async showConversations(): Promise<void> {
    const source = this.source;
    if (!source || this.total === 0) return this.host.notifications.info('There are no conversations yet: open a capture, or run with "capture": true.');
    let conversations;
    try {
      ({ conversations } = await source.conversations());
    } catch (error) {
      return this.host.notifications.error(`Could not count the conversations: ${(error as Error).message}`);
    }
    if (conversations.length === 0) return this.host.notifications.info('This capture has no TCP or UDP conversation.');
    const filter = await pickConversation(this.host.quickInput, conversations);
    if (filter) await this.filterBar.setAndApply(filter);
  }

  /** Wireshark's Go to Packet (Ctrl+G in the panel): selects frame N in the list, or says the filter hides it. */
  async goToPacket(): Promise<void> {
    const source = this.source;
    if (!source || this.total === 0) return this.host.notifications.info('There is no packet to go to yet: open a capture, or run with "capture": true.');
    const total = this.total;
    const answer = await this.host.quickInput.prompt({
      title: 'Go to Packet',
      placeholder: 'Frame number',
      prompt: `A frame number from 1 to ${total.toLocaleString('en-US')}; Enter selects it.`,
      validate: (value) => {
        const number = Number(value.trim());
        return value.trim() !== '' && Number.isInteger(number) && number >= 1 && number <= total ? null : `Type a frame number from 1 to ${total.toLocaleString('en-US')}.`;
      },
    });
    if (answer === undefined) return;
    const number = Number(answer.trim());
    const filter = this.filterBar.appliedFilter;
    const position = filter ? await findDisplayedPosition(number, this.matched, (start, count) => source.rows(start, count)) : number - 1;
    if (position === undefined) {
      const clear = { label: 'Clear Filter', run: () => void this.filterBar.setAndApply('').then(() => this.revealRow(number - 1)) };
      return this.host.notifications.info(`Packet ${number} is not displayed: the filter ${filter} hides it.`, [clear]);
    }
    this.revealRow(position);
  }

  private revealRow(position: number): void {
    this.list.select(position);
    this.list.focus();
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

  private setHexWidth(pixels: number): void {
    const width = this.body.getBoundingClientRect().width;
    if (width <= 0) return;
    this.hexWidth = Math.round(Math.min(Math.max(pixels, 120), width - 120));
    this.applySplit();
  }

  private applySplit(): void {
    this.body.style.setProperty('--packets-list-fraction', String(this.listHeight));
    if (this.hexWidth !== undefined) this.body.style.setProperty('--packets-hex-width', `${this.hexWidth}px`);
    this.list.layout();
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
