// Wireshark's TCP sequence analysis: retransmissions, duplicate ACKs, window updates, keep-alives, lost segments.
// The rules and their order follow tcp_analyze_sequence_number of Wireshark 4.0 (the tshark FACTS.md names), so the
// notes match tshark's Info column.

export const TCP_A_ACK_LOST_PACKET = 0x1;
export const TCP_A_DUPLICATE_ACK = 0x2;
export const TCP_A_KEEP_ALIVE = 0x4;
export const TCP_A_KEEP_ALIVE_ACK = 0x8;
export const TCP_A_LOST_PACKET = 0x10;
export const TCP_A_FAST_RETRANSMISSION = 0x20;
export const TCP_A_OUT_OF_ORDER = 0x40;
export const TCP_A_SPURIOUS_RETRANSMISSION = 0x80;
export const TCP_A_RETRANSMISSION = 0x100;
export const TCP_A_WINDOW_FULL = 0x200;
export const TCP_A_WINDOW_UPDATE = 0x400;
export const TCP_A_ZERO_WINDOW = 0x800;
export const TCP_A_ZERO_WINDOW_PROBE = 0x1000;
export const TCP_A_ZERO_WINDOW_PROBE_ACK = 0x2000;
export const TCP_A_REUSED_PORTS = 0x4000;

const SYN = 0x02;
const FIN = 0x01;
const RST = 0x04;
const ACK = 0x10;

/** What the analysis needs of one segment (sequence and acknowledgment numbers raw, as on the wire). */
export interface TcpSegmentFacts {
  stream: number;
  /** The sending side, "addr:port", and the receiving one. */
  from: string;
  to: string;
  seq: number;
  ack: number;
  flags: number;
  length: number;
  /** The window field as sent (unscaled: Wireshark compares and stores it so). */
  window: number;
  /** Window scale shift of the receiving side (-1 unknown, -2 none), for "window full". */
  receiverWindowShift: number;
  frameNumber: number;
  /** The SYN that started a stream on a 4-tuple an earlier stream had used. */
  reusedPorts: boolean;
  /** Capture time in microseconds (for the fast-retransmission and out-of-order windows). */
  timeMicros: number;
}

/** The notes of one segment: TCP_A_* flags, and for a duplicate ACK its count and the frame it repeats. */
export interface TcpAnalysisNote {
  flags: number;
  dupAckNumber?: number;
  dupAckFrame?: number;
}

/** Where the TCP dissector gets a segment's notes: the analysis itself in capture order, or what it found the first time. */
export interface TcpAnalysisLookup {
  analyze(segment: TcpSegmentFacts): TcpAnalysisNote | undefined;
}

/** Per stream, per direction (0: the lower "addr:port" sends, 1: the higher), these numbers; then the stream's two. */
const NEXT_SEQ = 0;
const NEXT_SEQ_TIME = 1;
const LAST_ACK = 2;
const LAST_ACK_TIME = 3;
const WINDOW = 4;
const MAX_SEQ_TO_BE_ACKED = 5;
const DUP_ACK_NUMBER = 6;
const LAST_NON_DUP_ACK = 7;
const LAST_SEGMENT_FLAGS = 8;
const FLOW_WORDS = 9;
const LAST_SYN_TIME = 2 * FLOW_WORDS;
const FIRST_RTT = LAST_SYN_TIME + 1;
const STREAM_WORDS = FIRST_RTT + 1;

const gt = (a: number, b: number) => ((b - a) | 0) < 0;
const lt = (a: number, b: number) => ((a - b) | 0) < 0;
const le = (a: number, b: number) => ((b - a) | 0) >= 0;
const u32 = (value: number) => value >>> 0;

/** State lives in one typed array, indexed by stream: a capture of many connections stays compact and allocation-free. */
export class TcpSequenceAnalysis implements TcpAnalysisLookup {
  private w = withUnknownWindows(new Float64Array(64 * STREAM_WORDS), 0);

  analyze(s: TcpSegmentFacts): TcpAnalysisNote | undefined {
    this.reserve(s.stream);
    const w = this.w;
    const base = s.stream * STREAM_WORDS;
    const fwd = base + (s.from < s.to ? 0 : FLOW_WORDS);
    const rev = base + (s.from < s.to ? FLOW_WORDS : 0);
    const firstRtt = this.handshakeRtt(base, s);
    const { seq, ack, length: seglen, flags, window } = s;
    const synFinRst = (flags & (SYN | FIN | RST)) !== 0;
    const nextSeqBefore = w[fwd + NEXT_SEQ]!;
    const lastAckBefore = w[fwd + LAST_ACK]!;
    let found = 0;
    let dupAckNumber = 0;
    let dupAckFrame = 0;

    checks: {
      if (seglen === 1 && seq === nextSeqBefore && w[rev + WINDOW] === 0) {
        found |= TCP_A_ZERO_WINDOW_PROBE;
        break checks;
      }
      if (window === 0 && !synFinRst) found |= TCP_A_ZERO_WINDOW;
      if (nextSeqBefore !== 0 && gt(seq, nextSeqBefore) && (flags & RST) === 0) found |= TCP_A_LOST_PACKET;
      if ((seglen === 0 || seglen === 1) && seq === u32(nextSeqBefore - 1) && !synFinRst) found |= TCP_A_KEEP_ALIVE;
      if (seglen === 0 && window !== 0 && window !== w[fwd + WINDOW] && seq === nextSeqBefore && ack === lastAckBefore && !synFinRst) found |= TCP_A_WINDOW_UPDATE;
      if (seglen > 0 && s.receiverWindowShift !== -1 && !synFinRst && u32(seq + seglen) === u32(w[rev + LAST_ACK]! + w[rev + WINDOW]! * 2 ** Math.max(0, s.receiverWindowShift))) {
        found |= TCP_A_WINDOW_FULL;
      }
      const repeatsAck = seglen === 0 && window === w[fwd + WINDOW] && seq === nextSeqBefore && ack === lastAckBefore && !synFinRst;
      if (repeatsAck && window !== 0 && (w[rev + LAST_SEGMENT_FLAGS]! & TCP_A_KEEP_ALIVE) !== 0) {
        found |= TCP_A_KEEP_ALIVE_ACK;
        break checks;
      }
      if (repeatsAck && window === 0 && (w[rev + LAST_SEGMENT_FLAGS]! & TCP_A_ZERO_WINDOW_PROBE) !== 0) {
        found |= TCP_A_ZERO_WINDOW_PROBE_ACK;
        break checks;
      }
      if (repeatsAck && window !== 0) {
        dupAckNumber = w[fwd + DUP_ACK_NUMBER]! + 1;
        w[fwd + DUP_ACK_NUMBER] = dupAckNumber;
        dupAckFrame = w[fwd + LAST_NON_DUP_ACK]!;
        found |= TCP_A_DUPLICATE_ACK;
      }
    }

    // A changed ack number starts a new run of duplicates.
    if (ack !== lastAckBefore) {
      w[fwd + LAST_NON_DUP_ACK] = s.frameNumber;
      w[fwd + DUP_ACK_NUMBER] = 0;
    }

    // Acknowledging beyond what the other side was seen to send: said once, then the mark moves on.
    const revMaxSeqToBeAcked = w[rev + MAX_SEQ_TO_BE_ACKED]!;
    if (revMaxSeqToBeAcked !== 0 && gt(ack, revMaxSeqToBeAcked) && (flags & ACK) !== 0) {
      found |= TCP_A_ACK_LOST_PACKET;
      w[rev + MAX_SEQ_TO_BE_ACKED] = w[rev + NEXT_SEQ]!;
    }

    if ((seglen > 0 || (flags & (SYN | FIN)) !== 0) && (found & TCP_A_KEEP_ALIVE) === 0) found |= this.retransmissionType(s, fwd, rev, firstRtt);

    const nextSeq = u32(seq + seglen + ((flags & (SYN | FIN)) !== 0 ? 1 : 0));
    const probe = (found & TCP_A_ZERO_WINDOW_PROBE) !== 0;
    if ((gt(nextSeq, w[fwd + NEXT_SEQ]!) || w[fwd + NEXT_SEQ] === 0) && !probe) {
      w[fwd + NEXT_SEQ] = nextSeq;
      w[fwd + NEXT_SEQ_TIME] = s.timeMicros;
    }
    if ((seq === w[fwd + MAX_SEQ_TO_BE_ACKED] || w[fwd + MAX_SEQ_TO_BE_ACKED] === 0) && !probe) w[fwd + MAX_SEQ_TO_BE_ACKED] = w[fwd + NEXT_SEQ]!;
    w[fwd + WINDOW] = window;
    w[fwd + LAST_ACK] = ack;
    w[fwd + LAST_ACK_TIME] = s.timeMicros;
    w[fwd + LAST_SEGMENT_FLAGS] = found;

    if (s.reusedPorts) found |= TCP_A_REUSED_PORTS;
    if (found === 0) return undefined;
    return (found & TCP_A_DUPLICATE_ACK) !== 0 ? { flags: found, dupAckNumber, dupAckFrame } : { flags: found };
  }

  private retransmissionType(s: TcpSegmentFacts, fwd: number, rev: number, firstRtt: number): number {
    const w = this.w;
    const { seq, length: seglen } = s;
    const nextSeq = w[fwd + NEXT_SEQ]!;
    let notAdvanced = nextSeq !== 0 && lt(seq, nextSeq);
    // More than one new byte right after a possible zero window probe is new data, not a retransmission.
    if (seglen > 1 && u32(nextSeq - 1) === seq) notAdvanced = false;
    const revLastAck = w[rev + LAST_ACK]!;
    if (notAdvanced && w[rev + DUP_ACK_NUMBER]! >= 2 && revLastAck === seq && s.timeMicros - w[rev + LAST_ACK_TIME]! < 20_000) return TCP_A_FAST_RETRANSMISSION;
    const outOfOrderWindow = firstRtt > 0 ? firstRtt : 3_000;
    // A SYN or FIN counts as one byte here (tshark 4.0.17 does so): a FIN sent again soon is a retransmission.
  const extra = (s.flags & (SYN | FIN)) !== 0 ? 1 : 0;
  if (notAdvanced && s.timeMicros - w[fwd + NEXT_SEQ_TIME]! < outOfOrderWindow && nextSeq !== u32(seq + seglen + extra)) return TCP_A_OUT_OF_ORDER;
    if (seglen > 0 && revLastAck !== 0 && le(u32(seq + seglen), revLastAck)) return TCP_A_SPURIOUS_RETRANSMISSION;
    return notAdvanced ? TCP_A_RETRANSMISSION : 0;
  }

  private reserve(stream: number): void {
    const needed = (stream + 1) * STREAM_WORDS;
    if (needed <= this.w.length) return;
    const grown = new Float64Array(Math.max(needed, this.w.length * 2));
    grown.set(this.w);
    this.w = withUnknownWindows(grown, this.w.length / STREAM_WORDS);
  }

  /** The handshake's round trip (Wireshark: the latest SYN without ACK to the first plain ACK), which sets the out-of-order window. */
  private handshakeRtt(base: number, s: TcpSegmentFacts): number {
    const w = this.w;
    if ((s.flags & (SYN | ACK)) === SYN) w[base + LAST_SYN_TIME] = s.timeMicros;
    else if ((s.flags & (SYN | ACK)) === ACK && w[base + FIRST_RTT] === 0 && w[base + LAST_SYN_TIME] !== 0) w[base + FIRST_RTT] = Math.max(1, s.timeMicros - w[base + LAST_SYN_TIME]!);
    return w[base + FIRST_RTT]!;
  }
}

/** A flow's window starts unknown (Wireshark: G_MAXUINT32), so neither 0 nor any real window matches it. */
function withUnknownWindows(words: Float64Array, firstStream: number): Float64Array {
  for (let stream = firstStream; stream < words.length / STREAM_WORDS; stream++) {
    words[stream * STREAM_WORDS + WINDOW] = 0xffffffff;
    words[stream * STREAM_WORDS + FLOW_WORDS + WINDOW] = 0xffffffff;
  }
  return words;
}

/** tshark's Info prefix for the notes: each printer prepends, so the last printed comes first. */
export function tcpAnalysisInfoPrefix(note: TcpAnalysisNote): string {
  const printed: string[] = [];
  const f = note.flags;
  if (f & TCP_A_RETRANSMISSION) printed.push('[TCP Retransmission] ');
  if (f & TCP_A_FAST_RETRANSMISSION) printed.push('[TCP Fast Retransmission] ');
  if (f & TCP_A_SPURIOUS_RETRANSMISSION) printed.push('[TCP Spurious Retransmission] ');
  if (f & TCP_A_OUT_OF_ORDER) printed.push('[TCP Out-Of-Order] ');
  if (f & TCP_A_LOST_PACKET) printed.push('[TCP Previous segment not captured] ');
  if (f & TCP_A_ACK_LOST_PACKET) printed.push('[TCP ACKed unseen segment] ');
  if (f & TCP_A_WINDOW_UPDATE) printed.push('[TCP Window Update] ');
  if (f & TCP_A_WINDOW_FULL) printed.push('[TCP Window Full] ');
  if (f & TCP_A_KEEP_ALIVE) printed.push('[TCP Keep-Alive] ');
  if (f & TCP_A_KEEP_ALIVE_ACK) printed.push('[TCP Keep-Alive ACK] ');
  if (f & TCP_A_DUPLICATE_ACK) printed.push(`[TCP Dup ACK ${note.dupAckFrame ?? 0}#${note.dupAckNumber ?? 0}] `);
  if (f & TCP_A_ZERO_WINDOW_PROBE) printed.push('[TCP ZeroWindowProbe] ');
  if (f & TCP_A_ZERO_WINDOW) printed.push('[TCP ZeroWindow] ');
  if (f & TCP_A_ZERO_WINDOW_PROBE_ACK) printed.push('[TCP ZeroWindowProbeAck] ');
  if (f & TCP_A_REUSED_PORTS) printed.push('[TCP Port numbers reused] ');
  return printed.reverse().join('');
}

/** Display-filter fields for the notes (`tcp.analysis.retransmission`, `tcp.analysis.flags`...), by the flags that set them. */
export const TCP_ANALYSIS_FIELDS: readonly (readonly [flags: number, field: string])[] = [
  // As in Wireshark, fast and spurious retransmissions are retransmissions too.
  [TCP_A_RETRANSMISSION | TCP_A_FAST_RETRANSMISSION | TCP_A_SPURIOUS_RETRANSMISSION, 'tcp.analysis.retransmission'],
  [TCP_A_FAST_RETRANSMISSION, 'tcp.analysis.fast_retransmission'],
  [TCP_A_SPURIOUS_RETRANSMISSION, 'tcp.analysis.spurious_retransmission'],
  [TCP_A_OUT_OF_ORDER, 'tcp.analysis.out_of_order'],
  [TCP_A_LOST_PACKET, 'tcp.analysis.lost_segment'],
  [TCP_A_ACK_LOST_PACKET, 'tcp.analysis.ack_lost_segment'],
  [TCP_A_WINDOW_UPDATE, 'tcp.analysis.window_update'],
  [TCP_A_WINDOW_FULL, 'tcp.analysis.window_full'],
  [TCP_A_KEEP_ALIVE, 'tcp.analysis.keep_alive'],
  [TCP_A_KEEP_ALIVE_ACK, 'tcp.analysis.keep_alive_ack'],
  [TCP_A_DUPLICATE_ACK, 'tcp.analysis.duplicate_ack'],
  [TCP_A_ZERO_WINDOW_PROBE, 'tcp.analysis.zero_window_probe'],
  [TCP_A_ZERO_WINDOW, 'tcp.analysis.zero_window'],
  [TCP_A_ZERO_WINDOW_PROBE_ACK, 'tcp.analysis.zero_window_probe_ack'],
  [TCP_A_REUSED_PORTS, 'tcp.analysis.reused_ports'],
];
