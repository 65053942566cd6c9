// What dissecting one frame produces: the summary columns, the protocols present, the detail tree and the filterable fields.
import { formatMac } from './address-format';
import type { DissectionSession } from './dissection-session';

export interface DetailNode {
  label: string;
  /** Byte range in the frame, for the hex pane's highlight. */
  start: number;
  length: number;
  children?: DetailNode[];
  /** The display filter this line stands for (Apply as Filter): a layer's protocol name, or `field == value`. */
  filter?: string;
}

export type FieldValue = number | string;

export interface DissectionOptions {
  /** Build the detail tree (costly: only for the selected packet or --json). */
  tree?: boolean;
  /** Record only these fields' values (what a display filter reads). */
  fields?: ReadonlySet<string>;
}

export class Dissection {
  private sourceText = '';
  private destinationText = '';
  /** Where the link layer's MAC addresses are (-1: none): formatted only if no network layer names the peers instead. */
  private linkAddressOffset = -1;
  protocol = '';
  info = '';
  malformed = false;
  /** Filter names of the protocols present, outermost first (eth, ip, udp, dns...). */
  readonly protocols: string[] = [];
  readonly tree: DetailNode[] | undefined;
  readonly fields: Map<string, FieldValue[]> | undefined;
  private readonly wanted: ReadonlySet<string> | undefined;
  /** Above 0 while dissecting the packet an ICMP error quotes: its layers add fields but leave the columns alone. */
  quoteDepth = 0;
  /**
   * The layers above IP read the first fragment of a datagram not put together: what they miss is "unreassembled",
   * not malformed, and TCP keeps no state for it (as tshark does with pinfo->fragmented).
   */
  loneFragment = false;
  /** The IP payload's length as the IP header states it, for UDP's length check (-1: not known, or a lone fragment). */
  ipPayloadLength = -1;
  /** TTL of the outer IPv4 header, which ICMP echo's Info line repeats (-1 when none). */
  ipTtl = -1;
  /** Capture time in microseconds since the epoch (0 when the caller did not give one). */
  timeMicros = 0;
  /** Notes that go before whatever Info the innermost protocol sets, as Wireshark's "[TCP Retransmission] " do. */
  infoPrefix = '';
  /** A syslog message the frame carries (facility -1: no priority), for a run's Log panel. */
  logMessage: { facility: number; level: number; text: string } | undefined;

  constructor(
    /** The frame's bytes; while the layers above IP read a datagram put together from fragments, that datagram. */
    public data: Buffer,
    readonly frameNumber: number,
    readonly session: DissectionSession,
    options: DissectionOptions = {},
  ) {
    this.tree = options.tree ? [] : undefined;
    this.wanted = options.fields;
    this.fields = options.fields ? new Map() : undefined;
  }

  /**
   * Starts a protocol layer: names it for filters and, when building the tree, returns its node's children. Callers build
   * labels only when `tree` is set (`d.tree ? \`...\` : ''`): no closures, whose captured variables would cost an
   * allocation on every frame of a summary pass.
   */
  layer(filterName: string, label: string, start: number, length: number): DetailNode[] | undefined {
    this.protocols.push(filterName);
    return this.item(this.tree, label, start, length, true, filterName);
  }

  /**
   * Adds a tree line under `parent` (nothing when the tree is off; callers then skip building the label: `if (tree)
   * d.item(...)`). `filter`: the display filter the line stands for (see filterFor), offered as Apply as Filter.
   */
  item(parent: DetailNode[] | undefined, label: string, start: number, length: number, branch = false, filter?: string): DetailNode[] | undefined {
    if (!parent) return undefined;
    const node: DetailNode = { label, start, length };
    if (branch) node.children = [];
    if (filter !== undefined) node.filter = filter;
    parent.push(node);
    return node.children;
  }

  wants(name: string): boolean {
    return this.wanted !== undefined && this.wanted.has(name);
  }

  field(name: string, value: FieldValue): void {
    if (!this.wanted || !this.wanted.has(name)) return;
    const values = this.fields!.get(name);
    if (values) values.push(value);
    else this.fields!.set(name, [value]);
  }

  /** Malformed input is a finding, not a failure: say where and keep what was understood. */
  /** Sets the columns unless this layer is inside a quoted packet. */
  columns(protocol: string, info: string): void {
    if (this.quoteDepth > 0) return;
    this.protocol = protocol;
    this.info = info;
  }

  addresses(source: string, destination: string): void {
    if (this.quoteDepth > 0) return;
    this.sourceText = source;
    this.destinationText = destination;
    this.linkAddressOffset = -1;
  }

  /** The Source/Destination columns fall back to these MAC addresses (destination first, as in the Ethernet header). */
  linkAddresses(offset: number): void {
    if (this.quoteDepth > 0) return;
    this.linkAddressOffset = offset;
  }

  get source(): string {
    if (this.linkAddressOffset >= 0) this.formatLinkAddresses();
    return this.sourceText;
  }

  get destination(): string {
    if (this.linkAddressOffset >= 0) this.formatLinkAddresses();
    return this.destinationText;
  }

  private formatLinkAddresses(): void {
    this.destinationText = this.macName(this.data, this.linkAddressOffset);
    this.sourceText = this.macName(this.data, this.linkAddressOffset + 6);
    this.linkAddressOffset = -1;
  }

  /** A MAC address as the columns show it: its name when the session names them (Wireshark's default), else the address. */
  macName(bytes: Buffer, offset: number): string {
    const names = this.session.macNames;
    return names ? names.nameOf(bytes, offset) : formatMac(bytes, offset);
  }

  /** A MAC address as the tree shows it: "RealtekU_12:34:56 (52:54:00:12:34:56)" when named, else the address alone. */
  macLabel(bytes: Buffer, offset: number): string {
    const names = this.session.macNames;
    return names ? `${names.nameOf(bytes, offset)} (${formatMac(bytes, offset)})` : formatMac(bytes, offset);
  }

  markMalformed(protocol: string, reason: string, at: number): void {
    // An error message quotes only the start of the packet that caused it: a quote cut short (or not a packet at all)
    // is no fault of the frame (tshark ignores what runs past a quote's end too), so it is noted in the tree only.
    if (this.quoteDepth > 0) {
      this.item(this.tree, `[Quoted packet, not dissected further: ${protocol}: ${reason}]`, at, Math.max(0, this.data.length - at));
      return;
    }
    // Wireshark glues the mark to a transport's port pair but spaces it after other text; either way it ends the line.
    // In a fragment whose datagram was not put together, what is missing is in the other fragments.
    const mark = this.loneFragment ? 'Unreassembled Packet' : 'Malformed Packet';
    if (!this.malformed) this.info = this.info === '' || this.info.endsWith(' ') || /\d → \d+$/.test(this.info) ? `${this.info}[${mark}]` : `${this.info} [${mark}]`;
    this.malformed = true;
    const protocolName = this.loneFragment ? '_ws.unreassembled' : '_ws.malformed';
    if (!this.protocols.includes(protocolName)) this.protocols.push(protocolName);
    this.item(this.tree, `[${mark}: ${protocol}: ${reason}]`, at, Math.max(0, this.data.length - at));
  }
}
