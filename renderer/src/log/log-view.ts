// The Log panel: the serial console as structured records (time, level, source, styled message), filters, pictures, copy and save.
import type { BootPhaseEventBody, SyslogMessage } from '../../../main/api';
import { el } from '../workbench/element';
import type { View } from '../workbench/view';
import { styledRunNode } from './styled-run-node';
import { AnsiSgrParser, DEFAULT_STYLE } from './ansi-sgr-parser';
import { bootTimelinePicture } from './boot-timeline-picture';
import { LogRecordBuilder, type LogRecord } from './log-record-builder';
import { memoryMapPicture } from './memory-map-picture';
import { LOG_LEVELS, levelLabel, type LogLevel } from './mirage-log-parser';
import { syslogLogFields } from './syslog-log-record';
import './log.css';

/** Rows in the DOM: the newest matching records; older ones stay searchable in memory and in Copy/Save. */
export const MAX_ROWS = 5000;
/** Records kept in memory; beyond this the oldest go (the Console and the adapter keep the whole stream). */
const MAX_RECORDS = 200_000;

export class LogView implements View {
  readonly id = 'log';
  readonly title = 'Log';
  readonly icon = 'list-flat';
  readonly element: HTMLElement;
  readonly actions = [
    { label: 'Copy Log', icon: 'copy', run: () => void this.copy() },
    { label: 'Save Log', icon: 'save', run: () => this.save() },
    { label: 'Clear Log', icon: 'clear-all', run: () => this.clear() },
  ];
  private parser = new AnsiSgrParser();
  private builder = new LogRecordBuilder();
  private records: LogRecord[] = [];
  private phases: BootPhaseEventBody[] = [];
  private readonly sources = new Set<string>();
  private readonly levelFilter: HTMLSelectElement;
  private readonly sourceFilter: HTMLSelectElement;
  private readonly textFilter: HTMLInputElement;
  private readonly pictures: HTMLElement;
  private readonly rows: HTMLElement;
  private readonly count: HTMLElement;
  /** Records waiting for the next frame: bursts of output are drawn once per frame, not once per chunk. */
  private queued: LogRecord[] = [];
  private frame: number | undefined;
  private picturesDirty = false;
  /** Follow new records unless the reader scrolled up to look at older ones. */
  private follow = true;

  constructor() {
    this.levelFilter = el('select', { 'aria-label': 'Filter by level', onchange: () => this.rebuild() },
      el('option', { value: '' }, 'All levels'),
      ...LOG_LEVELS.map((level) => el('option', { value: level }, levelLabel(level))));
    this.sourceFilter = el('select', { 'aria-label': 'Filter by source', onchange: () => this.rebuild() }, el('option', { value: '' }, 'All sources'));
    this.textFilter = el('input', { type: 'search', placeholder: 'Filter text', 'aria-label': 'Filter by text', oninput: () => this.rebuild() });
    this.count = el('span', { className: 'log-count', 'aria-live': 'polite' });
    this.pictures = el('div', { className: 'log-pictures' });
    this.rows = el('div', { className: 'log-rows', role: 'table', 'aria-label': 'Log records', onscroll: () => this.onScroll() });
    this.element = el('div', { className: 'log-view' },
      el('div', { className: 'log-filters', role: 'search', 'aria-label': 'Log filters' }, this.levelFilter, this.sourceFilter, this.textFilter, this.count),
      this.pictures,
      this.rows);
    this.rebuild();
  }

  /** Guest console output, as it arrives (any chunking). */
  append(text: string | Uint8Array): void {
    this.accept(this.builder.pushBatch(this.parser.pushBatch(text)));
  }

  /** Syslog messages the guest sent over the network: records beside its console's, tagged with the sender. */
  appendSyslog(messages: readonly SyslogMessage[]): void {
    this.accept(
      messages.map((syslog) => {
        const fields = syslogLogFields(syslog);
        return {
          seq: this.builder.nextSeq(),
          time: fields.time,
          level: fields.level,
          source: fields.source,
          tags: { syslog: syslog.sender },
          message: [{ text: fields.message, style: DEFAULT_STYLE }],
          text: fields.text,
          solo5: false,
        };
      }),
    );
  }

  /** A new run: its console starts with the default style, a new banner and a new timeline; earlier records stay. */
  beginRun(): void {
    this.endRun();
    this.parser = new AnsiSgrParser();
    this.builder = new LogRecordBuilder(this.builder.lastSeq);
    this.phases = [];
    this.picturesDirty = true;
    this.schedule();
  }

  /** The run ended: its last line, even without a newline, becomes a record. */
  endRun(): void {
    this.accept([...this.builder.pushBatch(this.parser.flushBatch()), ...this.builder.flush()]);
  }

  addBootPhase(phase: BootPhaseEventBody): void {
    this.phases.push(phase);
    this.picturesDirty = true;
    this.schedule();
  }

  clear(): void {
    this.records = [];
    this.sources.clear();
    this.sourceFilter.replaceChildren(el('option', { value: '' }, 'All sources'));
    this.rebuild();
  }

  /** The filtered records as plain text lines (styles dropped), for copy and save. */
  visibleText(): string {
    return this.records.filter((record) => this.matches(record)).map((record) => `${record.text}\n`).join('');
  }

  private accept(records: LogRecord[]): void {
    if (!records.length) return;
    for (const record of records) {
      this.records.push(record);
      if (record.solo5) this.picturesDirty = true;
      if (record.source !== null && !this.sources.has(record.source)) {
        this.sources.add(record.source);
        this.sourceFilter.append(el('option', { value: record.source }, record.source));
      }
    }
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    this.queued.push(...records);
    this.schedule();
  }

  private schedule(): void {
    this.frame ??= requestAnimationFrame(() => this.drawQueued());
  }

  private drawQueued(): void {
    this.frame = undefined;
    if (this.picturesDirty) this.drawPictures();
    const fresh = this.queued.filter((record) => this.matches(record)).slice(-MAX_ROWS);
    this.queued = [];
    if (!fresh.length) return this.showCount();
    this.rows.querySelector('.empty-message')?.remove();
    this.rows.append(...fresh.map((record) => row(record)));
    let excess = this.rows.childElementCount - MAX_ROWS;
    while (excess-- > 0) this.rows.firstElementChild?.remove();
    this.scrollToEndIfFollowing();
    this.showCount();
  }

  onShow(): void {
    this.scrollToEndIfFollowing();
  }

  private onScroll(): void {
    // A hidden panel has no size and says nothing about where the reader is.
    if (this.rows.clientHeight > 0) this.follow = this.rows.scrollTop + this.rows.clientHeight >= this.rows.scrollHeight - 4;
  }

  private scrollToEndIfFollowing(): void {
    if (this.follow) this.rows.scrollTop = this.rows.scrollHeight;
  }

  private rebuild(): void {
    this.queued = [];
    const matching = this.records.filter((record) => this.matches(record));
    const shown = matching.slice(-MAX_ROWS);
    if (shown.length) this.rows.replaceChildren(...shown.map((record) => row(record)));
    else this.rows.replaceChildren(el('p', { className: 'empty-message' }, this.records.length ? 'No records match the filters.' : 'No log records yet. Run a unikernel: its console output appears here as records.'));
    this.scrollToEndIfFollowing();
    this.showCount();
  }

  private showCount(): void {
    const matching = this.records.reduce((n, record) => n + (this.matches(record) ? 1 : 0), 0);
    this.count.textContent = matching === this.records.length ? `${matching} records` : `${matching} of ${this.records.length} records`;
  }

  private matches(record: LogRecord): boolean {
    const level = this.levelFilter.value as LogLevel | '';
    if (level && record.level !== level) return false;
    if (this.sourceFilter.value && record.source !== this.sourceFilter.value) return false;
    const text = this.textFilter.value.trim().toLowerCase();
    return !text || record.text.toLowerCase().includes(text);
  }

  private drawPictures(): void {
    this.picturesDirty = false;
    const solo5 = this.builder.solo5;
    this.pictures.replaceChildren(
      ...(solo5.hasBanner ? [memoryMapPicture(solo5.banner)] : []),
      ...(this.phases.length ? [bootTimelinePicture(this.phases)] : []),
    );
  }

  private async copy(): Promise<void> {
    await navigator.clipboard.writeText(this.visibleText());
  }

  private save(): void {
    const url = URL.createObjectURL(new Blob([this.visibleText()], { type: 'text/plain' }));
    const link = el('a', { href: url, download: `mirador-${new Date().toISOString().replace(/[:.]/g, '-')}.log` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

function row(record: LogRecord): HTMLElement {
  const level = record.level;
  return el('div', { className: `log-row${level ? ` log-level-${level}` : ' log-plain'}`, role: 'row', 'data-seq': record.seq },
    el('span', { className: 'log-time', role: 'cell' }, record.time ?? ''),
    el('span', { className: 'log-level', role: 'cell' }, level ? el('span', { className: `log-badge log-badge-${level}` }, levelLabel(level)) : ''),
    el('span', { className: 'log-source', role: 'cell' }, record.source ?? ''),
    el('span', { className: 'log-message', role: 'cell' }, ...record.message.map((run) => styledRunNode(run, 'var(--mirador-panel-bg)')), ...tagSpans(record.tags)));
}

function tagSpans(tags: Record<string, string>): Node[] {
  return Object.entries(tags).map(([key, value]) => el('span', { className: 'log-tag' }, `${key}=${value}`));
}
