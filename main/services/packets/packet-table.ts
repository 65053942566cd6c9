// A capture held for browsing: frames in a compact store, rows of the filtered view dissected on demand, detail, export, streams.
import type { ConversationStatistics, ExportCaptureResult, FollowStreamResult, PacketDetailResult, PacketRow, SetFilterResult } from '../../api/packets-protocol';
import type { CaptureFrame } from '../capture/capture-frame';
import { CaptureFrameStore } from '../capture/capture-frame-store';
import type { Dissection } from '../dissect/dissection';
import { DissectionSession } from '../dissect/dissection-session';
import type { TcpAnalysisNote } from '../dissect/tcp-sequence-analysis';
import { dissectFrame } from '../dissect/frame-dissector';
import { compileDisplayFilter, type DisplayFilter } from '../display-filter/display-filter';
import { MiradorError } from '../mirador-error';
import { writeCaptureFile, type ExportFormat } from './capture-export-writer';
import { FilteredView } from './filtered-view';
import { HttpMessageTable, type HttpReassemblyLookup, type HttpSegmentOutcome } from '../dissect/http-reassembly';
import { TlsRecordTable, type TlsReassemblyLookup, type TlsSegmentOutcome } from '../dissect/tls-reassembly';
import { DnsTcpMessageTable, type DnsTcpReassemblyLookup, type DnsTcpSegmentOutcome } from '../dissect/dns-tcp-reassembly';
import { IpFragmentTable, type IpDatagram, type IpReassemblyLookup } from '../dissect/ip-reassembly';
import { systemMacNames } from '../dissect/mac-names';
import { SegmentOutcomeRecorder, SegmentOutcomeReplay } from './segment-outcome-memory';
import { IcmpEchoRecorder, IcmpEchoReplay } from './icmp-echo-memory';
import { LaterFrameNotes } from './later-frame-notes';
import { TcpAnalysisRecorder, TcpAnalysisReplay } from './tcp-analysis-memory';
import { COLOUR_FIELDS, colourOf } from './packet-colour';
import { PacketFilterError } from './packet-filter-error';
import { followConversation, type ConversationFrame } from './stream-follower';
import { TcpStreamHistory } from './tcp-stream-history';
import { TcpStreamReplay } from './tcp-stream-replay';
import { locateTransport, type TransportLocation } from './transport-locator';

/** A filter scan yields to the event loop this often, so requests and live frames keep flowing during it. */
const SCAN_SLICE_MS = 15;
/** Segment outcomes kept as one byte per frame (the others are kept in maps). */
const SEGMENT_KIND_HTTP_PART = 1;
const SEGMENT_KIND_TLS_INSIDE = 2;
const SEGMENT_KIND_TLS_NO_RECORD = 3;
const SEGMENT_KIND_TLS_RESENT = 4;
const HTTP_PART: HttpSegmentOutcome = { kind: 'part' };
const TLS_INSIDE: TlsSegmentOutcome = { kind: 'inside' };
const TLS_NO_RECORD: TlsSegmentOutcome = { kind: 'records', records: [] };
const TLS_RESENT: TlsSegmentOutcome = { kind: 'resent' };
/** Conversation ids: TCP streams are even (2 × tcp.stream), UDP conversations odd; -1 is none. */
const NO_CONVERSATION = -1;

export class PacketTable {
  private readonly store = new CaptureFrameStore();
  private readonly history = new TcpStreamHistory();
  private readonly echoes = new IcmpEchoRecorder();
  private readonly analysis = new TcpAnalysisRecorder();
  private readonly httpMessages = new SegmentOutcomeRecorder<Parameters<HttpReassemblyLookup['segment']>, HttpSegmentOutcome>(new HttpMessageTable());
  private readonly tlsRecords = new SegmentOutcomeRecorder<Parameters<TlsReassemblyLookup['segment']>, TlsSegmentOutcome>(new TlsRecordTable());
  private readonly dnsMessages = new SegmentOutcomeRecorder<Parameters<DnsTcpReassemblyLookup['segment']>, DnsTcpSegmentOutcome>(new DnsTcpMessageTable());
  private readonly ipFragments = new SegmentOutcomeRecorder<Parameters<IpReassemblyLookup['segment']>, IpDatagram>(new IpFragmentTable());
  /** As Wireshark by default: MAC addresses named, IP fragments put together. */
  private readonly macNames = systemMacNames();
  private readonly session = new DissectionSession(this.history, this.echoes, this.analysis, this.httpMessages, this.tlsRecords, this.dnsMessages, this.ipFragments, this.macNames);
  private readonly replay = new TcpStreamReplay();
  private readonly echoReplay = new IcmpEchoReplay();
  private readonly analysisReplay = new TcpAnalysisReplay();
  private readonly httpReplay = new SegmentOutcomeReplay<HttpSegmentOutcome>();
  private readonly tlsReplay = new SegmentOutcomeReplay<TlsSegmentOutcome>();
  private readonly dnsReplay = new SegmentOutcomeReplay<DnsTcpSegmentOutcome>();
  private readonly ipReplay = new SegmentOutcomeReplay<IpDatagram>();
  private readonly replaySession = new DissectionSession(this.replay, this.echoReplay, this.analysisReplay, this.httpReplay, this.tlsReplay, this.dnsReplay, this.ipReplay, this.macNames);
  /**
   * Segments of HTTP messages and TLS records spanning segments: frame index → what the segment was to them (only
   * such frames, so maps; a TLS outcome keeps the bodies of handshake records only).
   */
  private readonly httpSegments = new Map<number, HttpSegmentOutcome>();
  private readonly tlsSegments = new Map<number, TlsSegmentOutcome>();
  /** DNS over TCP is rare: every outcome of its reassembly in a map. */
  private readonly dnsSegments = new Map<number, DnsTcpSegmentOutcome>();
  /** IP datagrams put together: frame index of the fragment that completed one → the datagram (fragments are rare). */
  private readonly ipDatagrams = new Map<number, IpDatagram>();
  /** What frames learn from later ones (the frame that completed their datagram, their echo's reply), as Wireshark shows. */
  private readonly laterNotes = new LaterFrameNotes();
  /** The common outcomes of a bulk transfer, one byte per frame instead of a map entry (see SEGMENT_KIND_*). */
  private segmentKinds = new Uint8Array(1024);
  /** Echo replies that found their request: frame index → request's frame number (few frames, so a map). */
  private readonly echoAnswers = new Map<number, number>();
  /** Per frame: the TCP stream state its segment saw (0: none), and its conversation id. */
  private tcpSnapshots = new Uint32Array(1024);
  private conversations = new Int32Array(1024).fill(NO_CONVERSATION);
  /** TCP sequence analysis per frame: its TCP_A_* flags, and for duplicate ACKs the frame repeated and the count. */
  private tcpNoteFlags = new Uint16Array(1024);
  private readonly tcpDupAcks = new Map<number, { frame: number; count: number }>();
  private readonly udpConversations = new Map<string, number>();
  private filter: DisplayFilter | undefined;
  private filterText = '';
  /** undefined: no filter, every frame is in the view. */
  private view: FilteredView | undefined;
  /** Frames the current filter has looked at; frames past it are matched by the scan, not by append. */
  private scanned = 0;
  private filterGeneration = 0;
  private scan: Promise<void> = Promise.resolve();
  /** Matching rows already announced to the client (by events or by the setFilter answer). */
  private announced = 0;

  get total(): number {
    return this.store.count;
  }

  get matched(): number {
    return this.view ? this.view.count : this.store.count;
  }

  get currentFilter(): string {
    return this.filterText;
  }

  /** True while a new filter is still being applied to the frames already held. */
  get filtering(): boolean {
    return this.filter !== undefined && this.scanned < this.store.count;
  }

  /** Bytes held for the frames and their per-frame index, for the UI to say what a capture costs. */
  get byteSize(): number {
    return this.store.byteSize + this.tcpSnapshots.byteLength + this.conversations.byteLength + this.tcpNoteFlags.byteLength + this.segmentKinds.byteLength;
  }

  /**
   * Copies the frame in (readers hand out views into their chunks) and dissects it once, in order, for stream state.
   * Returns that dissection (its summary; for a live run, the syslog message it may carry).
   */
  append(frame: CaptureFrame): Dissection {
    const index = this.store.append(frame);
    this.growPerFrameArrays(index + 1);
    const matchNow = this.filter !== undefined && this.scanned === index;
    this.history.lastSnapshot = 0;
    this.echoes.lastAnswer = 0;
    this.httpMessages.lastOutcome = undefined;
    this.tlsRecords.lastOutcome = undefined;
    this.dnsMessages.lastOutcome = undefined;
    this.ipFragments.lastOutcome = undefined;
    const d = dissectFrame(this.session, frame, index + 1, matchNow ? { fields: this.filter!.fields } : {});
    this.rememberSegment(index, this.httpMessages.lastOutcome, this.tlsRecords.lastOutcome);
    if (this.dnsMessages.lastOutcome) this.dnsSegments.set(index, this.dnsMessages.lastOutcome);
    // (Read through a typed local: the reset above narrows the field to undefined for TypeScript, not for the dissector.)
    const datagram = this.ipFragments.lastOutcome as IpDatagram | undefined;
    if (datagram) {
      this.ipDatagrams.set(index, datagram);
      this.laterNotes.datagram(index, d.protocols.includes('ipv6.fragments') ? 6 : 4, datagram.fragments);
    }
    this.tcpSnapshots[index] = this.history.lastSnapshot;
    if (this.echoes.lastAnswer !== 0) {
      this.echoAnswers.set(index, this.echoes.lastAnswer);
      this.laterNotes.echoReply(index, this.echoes.lastAnswer);
    }
    const note = this.analysis.takeLastNote();
    if (note) {
      this.tcpNoteFlags[index] = note.flags;
      if (note.dupAckNumber !== undefined) this.tcpDupAcks.set(index, { frame: note.dupAckFrame ?? 0, count: note.dupAckNumber });
    }
    this.conversations[index] = this.conversationOf(frame, this.history.lastSnapshot);
    if (matchNow) {
      this.scanned++;
      if (this.filter!.matches(d)) this.view!.add(index);
    }
    return d;
  }

  /** Rows `start`..`start+count-1` of the filtered view (0-based positions in it). */
  rows(start: number, count: number): PacketRow[] {
    const first = Math.max(0, Math.floor(start));
    const last = Math.min(this.matched, first + Math.max(0, Math.floor(count)));
    const rows: PacketRow[] = [];
    for (let position = first; position < last; position++) rows.push(this.row(this.view ? this.view.at(position) : position));
    return rows;
  }

  /** Matching rows that arrived since the last call (up to `limit`, oldest first); the rest are skipped: the client asks with rows. */
  takeNewRows(limit: number): PacketRow[] {
    if (this.filtering) return [];
    const from = this.announced;
    this.announced = this.matched;
    return this.rows(from, Math.min(limit, this.matched - from));
  }

  detail(number: number): PacketDetailResult {
    const index = this.frameIndex(number);
    const frame = this.store.frame(index)!;
    const d = this.redissect(index, { tree: true });
    const result: PacketDetailResult = { number, tree: d.tree ?? [], bytes: frame.data.toString('base64') };
    this.laterNotes.addTreeLines(index, result.tree);
    const streamFilter = this.streamFilterOf(index, frame);
    if (streamFilter) result.streamFilter = streamFilter;
    return result;
  }

  /**
   * Applies a display filter (blank: none) to every frame held and to those that arrive. Throws a PacketFilterError at once
   * when it does not compile; a later call replaces a scan still running, and both answers then describe the later filter.
   */
  async setFilter(text: string): Promise<SetFilterResult> {
    let filter: DisplayFilter | undefined;
    if (text.trim() !== '') {
      const compiled = compileDisplayFilter(text);
      if (!compiled.ok) throw new PacketFilterError(compiled.message, compiled.column);
      filter = compiled.filter;
    }
    const generation = ++this.filterGeneration;
    this.filter = filter;
    this.filterText = filter ? text.trim() : '';
    this.view = filter ? new FilteredView() : undefined;
    this.scanned = 0;
    this.scan = filter ? this.scanFrames(generation) : Promise.resolve();
    // Wait for the latest scan, whichever call started it.
    for (let seen = -1; seen !== this.filterGeneration; ) {
      seen = this.filterGeneration;
      await this.scan;
    }
    this.announced = this.matched;
    return { filter: this.filterText, matched: this.matched, total: this.total };
  }

  async export(file: string, format: ExportFormat, filtered: boolean): Promise<Omit<ExportCaptureResult, 'path'>> {
    if (filtered && this.filtering) await this.scan;
    const view = filtered ? this.view : undefined;
    const count = view ? view.count : this.store.count;
    return writeCaptureFile(file, format, count, (position) => this.store.frame(view ? view.at(position) : position)!);
  }

  followStream(number: number): FollowStreamResult {
    const index = this.frameIndex(number);
    const conversation = this.conversations[index]!;
    const frame = this.store.frame(index)!;
    const filter = this.streamFilterOf(index, frame);
    if (conversation === NO_CONVERSATION || !filter) throw new MiradorError('invalid-params', `Frame ${number} is not part of a TCP or UDP conversation, so there is no stream to follow.`);
    const members: ConversationFrame[] = [];
    for (let other = 0; other < this.store.count; other++) {
      if (this.conversations[other] !== conversation) continue;
      const otherFrame = this.store.frame(other)!;
      const location = locateTransport(otherFrame.data, otherFrame.linkType);
      if (location) members.push({ number: other + 1, frame: otherFrame, location });
    }
    return followConversation(members, filter)!;
  }

  /** Wireshark's Statistics › Conversations (TCP and UDP): endpoints, frames and bytes each way, start and duration. */
  conversationList(): ConversationStatistics[] {
    const found = new Map<number, ConversationStatistics>();
    const first = this.store.count > 0 ? this.store.frame(0)! : undefined;
    const secondsOf = (frame: CaptureFrame) => (first ? frame.seconds - first.seconds + (frame.nanoseconds - first.nanoseconds) / 1e9 : 0);
    for (let index = 0; index < this.store.count; index++) {
      const id = this.conversations[index]!;
      if (id === NO_CONVERSATION) continue;
      const frame = this.store.frame(index)!;
      const location = locateTransport(frame.data, frame.linkType);
      if (!location) continue;
      const time = secondsOf(frame);
      let entry = found.get(id);
      if (!entry) {
        const filter = this.streamFilterOf(index, frame);
        if (!filter) continue;
        entry = {
          protocol: location.protocol,
          addressA: location.source,
          portA: location.sourcePort,
          addressB: location.destination,
          portB: location.destinationPort,
          framesAToB: 0,
          bytesAToB: 0,
          framesBToA: 0,
          bytesBToA: 0,
          start: time,
          duration: 0,
          filter: filter.replace(/ eq /g, ' == ').replace(/ and /g, ' && '),
        };
        found.set(id, entry);
      }
      if (location.source === entry.addressA && location.sourcePort === entry.portA) {
        entry.framesAToB++;
        entry.bytesAToB += frame.originalLength;
      } else {
        entry.framesBToA++;
        entry.bytesBToA += frame.originalLength;
      }
      entry.duration = time - entry.start;
    }
    return [...found.values()];
  }

  private async scanFrames(generation: number): Promise<void> {
    const filter = this.filter!;
    for (;;) {
      const deadline = performance.now() + SCAN_SLICE_MS;
      while (this.scanned < this.store.count && performance.now() < deadline) {
        for (let batch = 0; batch < 256 && this.scanned < this.store.count; batch++) {
          const index = this.scanned++;
          if (filter.matches(this.redissect(index, { fields: filter.fields }))) this.view!.add(index);
        }
      }
      if (this.scanned >= this.store.count) return;
      await new Promise((resolve) => setImmediate(resolve));
      if (generation !== this.filterGeneration) return;
    }
  }

  private row(index: number): PacketRow {
    const frame = this.store.frame(index)!;
    const d = this.redissect(index, { fields: COLOUR_FIELDS });
    const first = this.store.frame(0)!;
    return {
      number: index + 1,
      time: frame.seconds - first.seconds + (frame.nanoseconds - first.nanoseconds) / 1e9,
      source: d.source,
      destination: d.destination,
      protocol: d.protocol,
      length: frame.originalLength,
      info: this.laterNotes.info(index, d.info),
      colour: colourOf(d),
    };
  }

  /** Dissects a held frame again with the state its first dissection saw (TCP stream, echo request), so it reads the same. */
  private redissect(index: number, options: { tree?: boolean; fields?: ReadonlySet<string> }): Dissection {
    this.replay.next = this.history.snapshot(this.tcpSnapshots[index]!);
    this.echoReplay.next = this.echoAnswers.get(index) ?? 0;
    this.analysisReplay.next = this.noteOf(index);
    const kind = this.segmentKinds[index]!;
    this.httpReplay.next = kind === SEGMENT_KIND_HTTP_PART ? HTTP_PART : this.httpSegments.get(index);
    this.dnsReplay.next = this.dnsSegments.get(index);
    this.ipReplay.next = this.ipDatagrams.get(index);
    this.tlsReplay.next = kind === SEGMENT_KIND_TLS_INSIDE ? TLS_INSIDE : kind === SEGMENT_KIND_TLS_NO_RECORD ? TLS_NO_RECORD : kind === SEGMENT_KIND_TLS_RESENT ? TLS_RESENT : this.tlsSegments.get(index);
    return dissectFrame(this.replaySession, this.store.frame(index)!, index + 1, options);
  }

  private frameIndex(number: number): number {
    if (!Number.isInteger(number) || number < 1 || number > this.store.count) {
      throw new MiradorError('invalid-params', `There is no frame ${number}: the capture has ${this.store.count} frame${this.store.count === 1 ? '' : 's'} (numbered from 1).`);
    }
    return number - 1;
  }

  private conversationOf(frame: CaptureFrame, tcpSnapshot: number): number {
    if (tcpSnapshot !== 0) return this.history.streamIndex(tcpSnapshot)! * 2;
    const location = locateTransport(frame.data, frame.linkType);
    if (location?.protocol !== 'udp') return NO_CONVERSATION;
    const key = udpConversationKey(location);
    let id = this.udpConversations.get(key);
    if (id === undefined) {
      id = this.udpConversations.size;
      this.udpConversations.set(key, id);
    }
    return id * 2 + 1;
  }

  private streamFilterOf(index: number, frame: CaptureFrame): string | undefined {
    const stream = this.history.streamIndex(this.tcpSnapshots[index]!);
    if (stream !== undefined) return `tcp.stream eq ${stream}`;
    const location = locateTransport(frame.data, frame.linkType);
    if (location?.protocol !== 'udp') return undefined;
    const address = location.ipVersion === 6 ? 'ipv6.addr' : 'ip.addr';
    return `${address} eq ${location.source} and ${address} eq ${location.destination} and udp.port eq ${location.sourcePort} and udp.port eq ${location.destinationPort}`;
  }

  private noteOf(index: number): TcpAnalysisNote | undefined {
    const flags = this.tcpNoteFlags[index]!;
    if (flags === 0) return undefined;
    const dupAck = this.tcpDupAcks.get(index);
    return dupAck ? { flags, dupAckNumber: dupAck.count, dupAckFrame: dupAck.frame } : { flags };
  }

  private rememberSegment(index: number, http: HttpSegmentOutcome | undefined, tls: TlsSegmentOutcome | undefined): void {
    if (http?.kind === 'part' && http.info === undefined) this.segmentKinds[index] = SEGMENT_KIND_HTTP_PART;
    else if (http) this.httpSegments.set(index, http);
    if (tls?.kind === 'inside') this.segmentKinds[index] = SEGMENT_KIND_TLS_INSIDE;
    else if (tls?.kind === 'resent') this.segmentKinds[index] = SEGMENT_KIND_TLS_RESENT;
    else if (tls?.records.length === 0) this.segmentKinds[index] = SEGMENT_KIND_TLS_NO_RECORD;
    else if (tls) this.tlsSegments.set(index, tls);
  }

  private growPerFrameArrays(count: number): void {
    if (count <= this.tcpSnapshots.length) return;
    const size = this.tcpSnapshots.length * 2;
    const snapshots = new Uint32Array(size);
    snapshots.set(this.tcpSnapshots);
    this.tcpSnapshots = snapshots;
    const conversations = new Int32Array(size).fill(NO_CONVERSATION);
    conversations.set(this.conversations);
    this.conversations = conversations;
    const noteFlags = new Uint16Array(size);
    noteFlags.set(this.tcpNoteFlags);
    this.tcpNoteFlags = noteFlags;
    const kinds = new Uint8Array(size);
    kinds.set(this.segmentKinds);
    this.segmentKinds = kinds;
  }
}

/** The same key for both directions of a UDP conversation. */
function udpConversationKey(location: TransportLocation): string {
  const a = `${location.source}|${location.sourcePort}`;
  const b = `${location.destination}|${location.destinationPort}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
