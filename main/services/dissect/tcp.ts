// TCP: ports, flags, options, relative sequence/ack numbers and scaled windows per stream, then TLS, HTTP or data.
import { fieldFilter } from './field-filter';
import { dissectData } from './data';
import { dissectDnsOverTcp } from './dns-over-tcp';
import type { DetailNode, Dissection } from './dissection';
import { dissectHttp, dissectHttpSegment, hasFirstLine, looksLikeHttp } from './http';
import { HTTP_PORTS } from './http-message-head';
import { TCP_A_FAST_RETRANSMISSION, TCP_A_RETRANSMISSION, TCP_A_SPURIOUS_RETRANSMISSION, TCP_ANALYSIS_FIELDS, tcpAnalysisInfoPrefix } from './tcp-sequence-analysis';
import type { TcpDirection, TcpStream } from './tcp-stream-table';
import { dissectTls, dissectTlsSegment, looksLikeTls } from './tls';

const FLAG_NAMES = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'AE'];
/**
 * Each flag combination's text, made the first time it is seen: building it per segment showed up in profiles, and
 * making all 512 at load ran hot enough for V8 to optimise the loop, which cost every `mirador dissect` 4 MB of memory.
 */
const FLAG_TEXTS: string[] = [];
const RETRANSMISSIONS = TCP_A_RETRANSMISSION | TCP_A_FAST_RETRANSMISSION | TCP_A_SPURIOUS_RETRANSMISSION;
const FLAG_FIELDS = ['tcp.flags.fin', 'tcp.flags.syn', 'tcp.flags.reset', 'tcp.flags.push', 'tcp.flags.ack'];

export function dissectTcp(d: Dissection, offset: number, end: number, sourceAddress: string, destinationAddress: string): void {
  const bytes = d.data;
  if (end - offset < 20) {
    d.layer('tcp', 'Transmission Control Protocol', offset, end - offset);
    d.columns('TCP', '');
    if (end - offset >= 4) {
      const [sourcePort, destinationPort] = [bytes.readUInt16BE(offset), bytes.readUInt16BE(offset + 2)];
      d.field('tcp.srcport', sourcePort);
      d.field('tcp.dstport', destinationPort);
      d.field('tcp.port', sourcePort);
      d.field('tcp.port', destinationPort);
      d.columns('TCP', `${sourcePort} → ${destinationPort}`);
    }
    d.markMalformed('TCP', `header needs 20 bytes, has ${end - offset}`, offset);
    return;
  }
  const sourcePort = bytes.readUInt16BE(offset);
  const destinationPort = bytes.readUInt16BE(offset + 2);
  const rawSeq = bytes.readUInt32BE(offset + 4);
  const rawAck = bytes.readUInt32BE(offset + 8);
  const headerLength = (bytes[offset + 12]! >> 4) * 4;
  const flags = ((bytes[offset + 12]! & 0x01) << 8) | bytes[offset + 13]!;
  const rawWindow = bytes.readUInt16BE(offset + 14);
  const syn = (flags & 0x02) !== 0;
  const ack = (flags & 0x10) !== 0;
  const payloadLength = Math.max(0, end - offset - headerLength);
  const tree = d.layer('tcp', d.tree ? `Transmission Control Protocol, Src Port: ${sourcePort}, Dst Port: ${destinationPort}, Len: ${payloadLength}` : '', offset, Math.min(headerLength, end - offset));
  d.field('tcp.srcport', sourcePort);
  d.field('tcp.dstport', destinationPort);
  d.field('tcp.port', sourcePort);
  d.field('tcp.port', destinationPort);
  if (d.fields) for (let bit = 0; bit < 5; bit++) d.field(FLAG_FIELDS[bit]!, (flags >> bit) & 1);
  const flagText = FLAG_TEXTS[flags] ?? flagTextOf(flags);
  if (headerLength < 20 || headerLength > end - offset) {
    d.columns('TCP', `${sourcePort} → ${destinationPort} [${flagText}]`);
    d.markMalformed('TCP', `bad header length ${headerLength}`, offset + 12);
    return;
  }
  let options: TcpOptions | undefined;
  // Option lines are read early (the window scale is needed) but shown last, under Options, as Wireshark does.
  const optionLines: DetailNode[] | undefined = tree ? [] : undefined;
  let analysisLine: string | undefined;
  // A quoted segment (inside an ICMP error) is not part of the conversation: raw numbers, no state.
  let stream: TcpStream | undefined;
  let seq = rawSeq;
  let ackNumber = rawAck;
  let window = rawWindow;
  /** The stream's direction this segment travels, for HTTP reassembly: index × 2, + 1 from the higher endpoint. */
  let direction = -1;
  /** Whether the analysis found this segment's data sent before (a retransmission of any kind). */
  let retransmitted = false;
  /** The stream's index (also for a lone first fragment, which is counted in its stream but not analysed). */
  let streamIndex: number | undefined;
  if (d.quoteDepth === 0 && d.loneFragment) {
    streamIndex = d.session.tcpStreams.lookup(endpointText(sourceAddress, sourcePort), endpointText(destinationAddress, destinationPort), syn && !ack ? rawSeq : -1).index;
    d.field('tcp.stream', streamIndex);
  }
  if (d.quoteDepth === 0 && !d.loneFragment) {
    const from = endpointText(sourceAddress, sourcePort);
    const to = endpointText(destinationAddress, destinationPort);
    stream = d.session.tcpStreams.lookup(from, to, syn && !ack ? rawSeq : -1);
    direction = stream.index * 2 + (from < to ? 0 : 1);
    // A stream's first segment, when its SYN took the ports of an earlier stream.
    const reusedPorts = stream.reusesPorts === true && stream.directions.size === 0;
    let forward = stream.directions.get(from);
    if (!forward) {
      forward = { baseSeq: syn ? rawSeq : (rawSeq - 1) >>> 0, windowShift: -1 };
      stream.directions.set(from, forward);
    }
    let reverse: TcpDirection | undefined = stream.directions.get(to);
    if (!reverse && ack) {
      reverse = { baseSeq: (rawAck - 1) >>> 0, windowShift: -1 };
      stream.directions.set(to, reverse);
    }
    // SACK edges name the other side's bytes: relative to its first sequence number, as the ack is.
    options = readOptions(d, optionLines, offset + 20, offset + headerLength, reverse?.baseSeq ?? 0);
    if (syn) forward.windowShift = options.windowShift ?? -2;
    seq = (rawSeq - forward.baseSeq) >>> 0;
    if (reverse) ackNumber = (rawAck - reverse.baseSeq) >>> 0;
    if (!syn && forward.windowShift >= 0 && reverse && reverse.windowShift >= 0) window = rawWindow * 2 ** forward.windowShift;
    streamIndex = stream.index;
    d.field('tcp.stream', stream.index);
    const note = d.session.tcpAnalysis.analyze({
      stream: stream.index,
      from,
      to,
      seq: rawSeq,
      ack: rawAck,
      flags,
      length: payloadLength,
      window: rawWindow,
      receiverWindowShift: reverse?.windowShift ?? -1,
      frameNumber: d.frameNumber,
      reusedPorts,
      timeMicros: d.timeMicros,
    });
    if (note) {
      retransmitted = (note.flags & RETRANSMISSIONS) !== 0;
      d.infoPrefix = tcpAnalysisInfoPrefix(note);
      if (d.fields) {
        d.field('tcp.analysis.flags', 1);
        for (const [flag, field] of TCP_ANALYSIS_FIELDS) if (note.flags & flag) d.field(field, 1);
        if (note.dupAckNumber !== undefined) d.field('tcp.analysis.duplicate_ack_num', note.dupAckNumber);
      }
      if (tree) analysisLine = `[SEQ/ACK analysis: ${d.infoPrefix.trim()}]`;
    }
  }
  options ??= readOptions(d, optionLines, offset + 20, offset + headerLength, 0);
  d.field('tcp.seq', seq);
  d.field('tcp.seq_raw', rawSeq);
  // Without the ACK flag the field is not an acknowledgment: Wireshark shows 0.
  d.field('tcp.ack', ack ? ackNumber : 0);
  if (!d.loneFragment) d.field('tcp.len', payloadLength);
  d.field('tcp.window_size', window);
  if (tree) {
    if (tree) d.item(tree, `Source Port: ${sourcePort}`, offset, 2, false, fieldFilter('tcp.srcport', sourcePort));
    if (tree) d.item(tree, `Destination Port: ${destinationPort}`, offset + 2, 2, false, fieldFilter('tcp.dstport', destinationPort));
    if (tree && streamIndex !== undefined) d.item(tree, `[Stream index: ${streamIndex}]`, offset, 0, false, fieldFilter('tcp.stream', streamIndex));
    if (tree) d.item(tree, `Sequence Number: ${seq}    (relative sequence number)`, offset + 4, 4, false, fieldFilter('tcp.seq', seq));
    if (tree) d.item(tree, `Sequence Number (raw): ${rawSeq}`, offset + 4, 4, false, fieldFilter('tcp.seq_raw', rawSeq));
    if (tree) d.item(tree, `Acknowledgment Number: ${ack ? ackNumber : 0}`, offset + 8, 4, false, fieldFilter('tcp.ack', ack ? ackNumber : 0));
    if (tree) d.item(tree, `Header Length: ${headerLength} bytes`, offset + 12, 1);
    if (tree) d.item(tree, `Flags: 0x${flags.toString(16).padStart(3, '0')} (${flagText})`, offset + 12, 2);
    if (tree) d.item(tree, `Window: ${rawWindow}`, offset + 14, 2);
    if (tree) d.item(tree, `[Calculated window size: ${window}]`, offset + 14, 2, false, fieldFilter('tcp.window_size', window));
    if (optionLines!.length > 0) {
      const optionsNode = d.item(tree, `Options: (${headerLength - 20} bytes)`, offset + 20, headerLength - 20, true);
      optionsNode!.push(...optionLines!);
    }
    if (analysisLine) d.item(tree, analysisLine, offset, 0, false, 'tcp.analysis.flags');
  }
  const urgent = flags & 0x20 ? ` Urg=${bytes.readUInt16BE(offset + 18)}` : '';
  // In a lone first fragment the segment's length is not known (nor, so, its payload): tshark leaves Len out.
  let info = `${sourcePort} → ${destinationPort} [${flagText}] Seq=${seq}${ack ? ` Ack=${ackNumber}` : ''} Win=${window}${urgent}${d.loneFragment ? '' : ` Len=${payloadLength}`}`;
  if (options.text) info += options.text;
  d.columns('TCP', info);
  if (d.loneFragment) return;
  const fin = (flags & 0x01) !== 0;
  if (payloadLength === 0) {
    // A FIN closes its direction: it completes a response whose body ran until the close (and then shows it).
    if (fin && stream && !stream.isTls && !retransmitted) {
      const httpPort = HTTP_PORTS.has(sourcePort) || HTTP_PORTS.has(destinationPort);
      const message = d.session.httpMessages.segment(direction, rawSeq, bytes, end, end, d.frameNumber, httpPort, true);
      if (message) dissectHttpSegment(d, message, tree, info, end, end);
    }
    return;
  }
  const payload = offset + headerLength;
  // tshark does not give data it has already seen to HTTP, TLS or data again: the segment stays TCP in every column.
  if (retransmitted) {
    if (tree) d.item(tree, `Retransmitted TCP segment data (${payloadLength} bytes)`, payload, payloadLength);
    return;
  }
  if (stream && !stream.isTls) {
    const httpPort = HTTP_PORTS.has(sourcePort) || HTTP_PORTS.has(destinationPort);
    const message = d.session.httpMessages.segment(direction, rawSeq, bytes, payload, end, d.frameNumber, httpPort, fin);
    if (message) return dissectHttpSegment(d, message, tree, info, payload, end);
  }
  // DNS over TCP: each message behind a two-byte length, put together when it spans segments.
  if (sourcePort === 53 || destinationPort === 53) {
    const outcome = stream ? d.session.dnsMessages.segment(direction, rawSeq, bytes, payload, end, d.frameNumber) : undefined;
    if (dissectDnsOverTcp(d, outcome, tree, info, payload, end)) return;
  }
  if (stream?.isTls || looksLikeTls(bytes, payload, end)) {
    const records = stream ? d.session.tlsRecords.segment(direction, rawSeq, bytes, payload, end, d.frameNumber) : undefined;
    if (!records) return dissectTls(d, payload, end, stream);
    stream!.isTls = true;
    return dissectTlsSegment(d, records, stream!, tree, info, payload, end);
  }
  // Off the HTTP ports, bytes are HTTP only once their first line is whole (tshark's heuristic).
  if (looksLikeHttp(bytes, payload, end) && hasFirstLine(bytes, payload, end)) return dissectHttp(d, payload, end);
  dissectData(d, payload, end);
}

/**
 * "addr:port" texts, made once per endpoint: the stream table compares and hashes them for every segment, and a text
 * built afresh each time had to be flattened and hashed each time. Bounded: a capture of endless ports starts over.
 */
const endpointTexts = new Map<string, Map<number, string>>();
let endpointCount = 0;
const MAX_ENDPOINT_TEXTS = 65_536;

function endpointText(address: string, port: number): string {
  let ports = endpointTexts.get(address);
  if (!ports) {
    if (endpointCount >= MAX_ENDPOINT_TEXTS) {
      endpointTexts.clear();
      endpointCount = 0;
    }
    endpointTexts.set(address, (ports = new Map()));
  }
  let text = ports.get(port);
  if (text === undefined) {
    text = `${address}:${port}`;
    ports.set(port, text);
    endpointCount++;
  }
  return text;
}

interface TcpOptions {
  text: string;
  windowShift?: number;
}

/** `sackBase`: subtracted from SACK edges (the acknowledged side's first sequence number; 0 leaves them raw). */
function readOptions(d: Dissection, tree: ReturnType<Dissection['layer']>, offset: number, end: number, sackBase: number): TcpOptions {
  const bytes = d.data;
  const result: TcpOptions = { text: '' };
  let at = offset;
  while (at < end) {
    const kind = bytes[at]!;
    if (kind === 0) break;
    if (kind === 1) {
      at++;
      continue;
    }
    const length = at + 1 < end ? bytes[at + 1]! : 0;
    if (length < 2 || at + length > end) {
      d.markMalformed('TCP', `option ${kind} with length ${length}`, at);
      break;
    }
    if (kind === 2 && length === 4) {
      const mss = bytes.readUInt16BE(at + 2);
      result.text += ` MSS=${mss}`;
      if (tree) d.item(tree, `Maximum segment size: ${mss} bytes`, at, length);
    } else if (kind === 3 && length === 3) {
      const shift = bytes[at + 2]!;
      result.windowShift = Math.min(shift, 14);
      result.text += ` WS=${2 ** Math.min(shift, 14)}`;
      if (tree) d.item(tree, `Window scale: ${shift} (multiply by ${2 ** Math.min(shift, 14)})`, at, length);
    } else if (kind === 4 && length === 2) {
      result.text += ' SACK_PERM';
      d.item(tree, 'SACK permitted', at, length);
    } else if (kind === 5) {
      for (let block = at + 2; block + 8 <= at + length; block += 8) result.text += ` SLE=${(bytes.readUInt32BE(block) - sackBase) >>> 0} SRE=${(bytes.readUInt32BE(block + 4) - sackBase) >>> 0}`;
      d.item(tree, 'SACK', at, length);
    } else if (kind === 8 && length === 10) {
      const value = bytes.readUInt32BE(at + 2);
      const echo = bytes.readUInt32BE(at + 6);
      result.text += ` TSval=${value} TSecr=${echo}`;
      if (tree) d.item(tree, `Timestamps: TSval ${value}, TSecr ${echo}`, at, length);
    } else {
      if (tree) d.item(tree, `Option kind ${kind}, length ${length}`, at, length);
    }
    at += length;
  }
  return result;
}

function flagTextOf(flags: number): string {
  let text = '';
  for (let bit = 0; bit < FLAG_NAMES.length; bit++) if (flags & (1 << bit)) text += text === '' ? FLAG_NAMES[bit] : `, ${FLAG_NAMES[bit]}`;
  FLAG_TEXTS[flags] = text || '<None>';
  return FLAG_TEXTS[flags];
}
