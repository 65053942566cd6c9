// TLS records: content types for the Info line, ClientHello SNI and supported versions, ServerHello's chosen version.
import { fieldFilter } from './field-filter';
import type { DetailNode, Dissection } from './dissection';
import type { TcpStream } from './tcp-stream-table';
import type { TlsSegmentOutcome } from './tls-reassembly';

const CONTENT_TYPES: Record<number, string> = { 20: 'Change Cipher Spec', 21: 'Alert', 22: 'Handshake', 23: 'Application Data', 24: 'Heartbeat' };
/** Wireshark 4.0's names of handshake message types (ssl_31_handshake_type). */
const HANDSHAKE_TYPES: Record<number, string> = {
  0: 'Hello Request', 1: 'Client Hello', 2: 'Server Hello', 3: 'Hello Verify Request', 4: 'New Session Ticket', 5: 'End of Early Data',
  6: 'Hello Retry Request', 8: 'Encrypted Extensions', 11: 'Certificate', 12: 'Server Key Exchange', 13: 'Certificate Request',
  14: 'Server Hello Done', 15: 'Certificate Verify', 16: 'Client Key Exchange', 20: 'Finished', 21: 'Client Certificate URL',
  22: 'Certificate Status', 23: 'Supplemental Data', 24: 'Key Update', 25: 'Compressed Certificate', 67: 'Next Protocol', 254: 'Message Hash',
};
const ALERT_LEVELS: Record<number, string> = { 1: 'Warning', 2: 'Fatal' };
/** Wireshark 4.0's names of alert descriptions (ssl_31_alert_description). */
const ALERT_DESCRIPTIONS: Record<number, string> = {
  0: 'Close Notify', 10: 'Unexpected Message', 20: 'Bad Record MAC', 21: 'Decryption Failed', 22: 'Record Overflow', 30: 'Decompression Failure',
  40: 'Handshake Failure', 41: 'No Certificate', 42: 'Bad Certificate', 43: 'Unsupported Certificate', 44: 'Certificate Revoked',
  45: 'Certificate Expired', 46: 'Certificate Unknown', 47: 'Illegal Parameter', 48: 'Unknown CA', 49: 'Access Denied', 50: 'Decode Error',
  51: 'Decrypt Error', 60: 'Export Restriction', 70: 'Protocol Version', 71: 'Insufficient Security', 80: 'Internal Error',
  86: 'Inappropriate Fallback', 90: 'User Canceled', 100: 'No Renegotiation', 109: 'Missing Extension', 110: 'Unsupported Extension',
  111: 'Certificate Unobtainable', 112: 'Unrecognized Name', 113: 'Bad Certificate Status Response', 114: 'Bad Certificate Hash Value',
  115: 'Unknown PSK Identity', 116: 'Certificate Required', 120: 'No application Protocol',
};
const VERSIONS: Record<number, string> = { 0x0300: 'SSLv3', 0x0301: 'TLSv1', 0x0302: 'TLSv1.1', 0x0303: 'TLSv1.2', 0x0304: 'TLSv1.3' };

/** A handshake record of a known version whose first message is a ClientHello or ServerHello. */
/** A record's content type is one TLS defines and its version's major byte is 3 (when that byte is before `end`). */
export function isTlsRecordStart(bytes: Uint8Array, at: number, end: number): boolean {
  return CONTENT_TYPES[bytes[at]!] !== undefined && (at + 1 >= end || bytes[at + 1] === 3);
}

export function looksLikeTls(bytes: Buffer, offset: number, end: number): boolean {
  return end - offset >= 6 && bytes[offset] === 22 && bytes[offset + 1] === 3 && bytes[offset + 2]! <= 4 && (bytes[offset + 5] === 1 || bytes[offset + 5] === 2);
}

export function dissectTls(d: Dissection, offset: number, end: number, stream: TcpStream | undefined): void {
  const bytes = d.data;
  if (stream) stream.isTls = true;
  const tree = d.layer('tls', 'Transport Layer Security', offset, end - offset);
  const names: string[] = [];
  let version = '';
  let at = offset;
  while (end - at >= 5) {
    const type = bytes[at]!;
    const length = bytes.readUInt16BE(at + 3);
    if (!CONTENT_TYPES[type] || bytes[at + 1] !== 3) {
      // Mid-record bytes (a record continued from an earlier segment): nothing to name.
      if (names.length === 0) names.push('Continuation Data');
      break;
    }
    const record = { type, version: bytes.readUInt16BE(at + 1), length, bytes, body: at + 5, bodyEnd: Math.min(end, at + 5 + length), at, shown: Math.min(5 + length, end - at) };
    const described = describeRecord(d, tree, stream, record);
    names.push(described.name);
    version = described.version ?? (version || VERSIONS[record.version] || 'TLS');
    if (at + 5 + length > end) break;
    at += 5 + length;
  }
  d.columns(stream?.tlsVersion ?? (version || 'TLS'), names.join(', '));
}

/**
 * A segment of a TLS stream whose records span segments. A segment inside a record is TCP's row with Wireshark's note;
 * one in which records end names those records (not the one it leaves unfinished); one that ends none is only the note.
 */
export function dissectTlsSegment(d: Dissection, outcome: TlsSegmentOutcome, stream: TcpStream, tcpTree: DetailNode[] | undefined, tcpInfo: string, offset: number, end: number): void {
  if (outcome.kind === 'inside' || outcome.kind === 'resent') {
    if (outcome.kind === 'inside') d.columns('TCP', `${tcpInfo} [TCP segment of a reassembled PDU]`);
    if (tcpTree) d.item(tcpTree, `TCP segment data (${end - offset} bytes)`, offset, end - offset);
    return;
  }
  if (outcome.records.length === 0) {
    // TLS looked at the bytes (its layer is there, as in tshark) but no record ends here: only the note is shown.
    d.layer('tls', 'Transport Layer Security', offset, end - offset);
    d.columns('TCP', '[TCP segment of a reassembled PDU]');
    if (tcpTree) d.item(tcpTree, `TCP segment data (${end - offset} bytes)`, offset, end - offset);
    return;
  }
  const begun = outcome.records[0]!.segments;
  if (d.tree && begun) {
    const total = begun.reduce((sum, segment) => sum + segment.length, 0);
    d.item(d.tree, `[${begun.length} Reassembled TCP Segments (${total} bytes): ${begun.map((segment) => `#${segment.frame}(${segment.length})`).join(', ')}]`, offset, end - offset);
  }
  const tree = d.layer('tls', 'Transport Layer Security', offset, end - offset);
  const names: string[] = [];
  let version = '';
  for (const record of outcome.records) {
    // A record that began in an earlier segment is shown at this segment's start (its bytes are not all in this frame).
    const shown = record.at >= 0 ? { at: offset + record.at, shown: 5 + record.length } : { at: offset, shown: 0 };
    const described = describeRecord(d, tree, stream, { type: record.type, version: record.version, length: record.length, bytes: record.body, body: 0, bodyEnd: record.body.length, ...shown });
    names.push(described.name);
    version = described.version ?? (version || VERSIONS[record.version] || 'TLS');
  }
  d.columns(stream.tlsVersion ?? (version || 'TLS'), names.join(', '));
}

interface RecordView {
  type: number;
  version: number;
  length: number;
  /** Where the record's body is: [body, bodyEnd) of `bytes` (possibly cut short). */
  bytes: Buffer;
  body: number;
  bodyEnd: number;
  /** The record's place in the frame, for the tree. */
  at: number;
  shown: number;
}

/** One record's name for the Info column, its fields and tree line; the version a ServerHello chose, if it is one. */
function describeRecord(d: Dissection, tree: DetailNode[] | undefined, stream: TcpStream | undefined, record: RecordView): { name: string; version?: string } {
  const { type, bytes, body, bodyEnd } = record;
  // TLS 1.3 calls the outer type of its encrypted records "opaque type" (Wireshark's field name follows).
  d.field(type === 23 && stream?.tlsVersion === 'TLSv1.3' ? 'tls.record.opaque_type' : 'tls.record.content_type', type);
  const node = tree ? d.item(tree, `${VERSIONS[record.version] ?? 'TLS'} Record Layer: ${CONTENT_TYPES[type]} Protocol`, record.at, record.shown, true) : undefined;
  const encrypted = stream?.tlsVersion === 'TLSv1.3' && !stream.tlsRetryPending && type === 22;
  if (type === 22 && !encrypted && bodyEnd - body >= 4) return describeHandshakes(d, node, stream, record);
  // A plaintext alert is two bytes (level, description); anything else was encrypted (after Change Cipher Spec).
  if (type === 21) return { name: bodyEnd - body === 2 && record.length === 2 ? `Alert (Level: ${nameOf(ALERT_LEVELS, bytes[body]!)}, Description: ${nameOf(ALERT_DESCRIPTIONS, bytes[body + 1]!)})` : 'Encrypted Alert' };
  return { name: type === 22 ? 'Encrypted Handshake Message' : CONTENT_TYPES[type]! };
}

/**
 * The handshake messages of one record, each named (a record may hold several: "Server Hello, Certificate, ..."). As
 * Wireshark decides, a message of unknown type or longer than the record is encrypted (TLS 1.2's Finished after
 * Change Cipher Spec): named so when it is the first, and ending the list otherwise.
 */
function describeHandshakes(d: Dissection, node: DetailNode[] | undefined, stream: TcpStream | undefined, record: RecordView): { name: string; version?: string } {
  const { bytes, body, bodyEnd } = record;
  const recordEnd = body + record.length;
  const names: string[] = [];
  let version: string | undefined;
  for (let at = body; at + 4 <= bodyEnd; ) {
    const handshakeType = bytes[at]!;
    const length = bytes.readUIntBE(at + 1, 3);
    const name = at + 4 + length <= recordEnd ? HANDSHAKE_TYPES[handshakeType] : undefined;
    if (name === undefined) {
      if (names.length === 0) names.push('Encrypted Handshake Message');
      break;
    }
    d.field('tls.handshake.type', handshakeType);
    // A ServerHello whose random is RFC 8446's fixed value is a Hello Retry Request: the client says hello again, still
    // in the clear.
    const retry = handshakeType === 2 && isHelloRetryRequest(bytes, at + 4 + 2, bodyEnd);
    names.push(retry ? 'Hello Retry Request' : name);
    if (handshakeType === 1 || handshakeType === 2) {
      const chosen = readHello(d, node, handshakeType, bytes, at + 4, Math.min(bodyEnd, at + 4 + length));
      if (chosen && handshakeType === 2) {
        version = chosen;
        if (stream) {
          stream.tlsVersion = chosen;
          if (retry) stream.tlsRetryPending = true;
          else delete stream.tlsRetryPending;
        }
      }
    }
    at += 4 + length;
  }
  return version ? { name: names.join(', '), version } : { name: names.join(', ') };
}

/** SHA-256 of "HelloRetryRequest", the random a Hello Retry Request carries in place of a server random (RFC 8446 4.1.3). */
const HELLO_RETRY_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');

function isHelloRetryRequest(bytes: Buffer, random: number, end: number): boolean {
  return random + 32 <= end && bytes.compare(HELLO_RETRY_RANDOM, 0, 32, random, random + 32) === 0;
}

function nameOf(names: Record<number, string>, value: number): string {
  return names[value] ?? `Unknown (${value})`;
}

/** Walks a hello's extensions for server_name (0) and supported_versions (43); returns the version a ServerHello picked. */
function readHello(d: Dissection, record: ReturnType<Dissection['layer']>, handshakeType: number, bytes: Buffer, offset: number, end: number): string | undefined {
  let at = offset + 2 + 32;
  if (at >= end) return undefined;
  at += 1 + bytes[at]!;
  if (handshakeType === 1) {
    if (at + 2 > end) return undefined;
    at += 2 + bytes.readUInt16BE(at);
    if (at >= end) return undefined;
    at += 1 + bytes[at]!;
  } else {
    at += 3;
  }
  if (at + 2 > end) return undefined;
  const extensionsEnd = Math.min(end, at + 2 + bytes.readUInt16BE(at));
  at += 2;
  let chosen: string | undefined = handshakeType === 2 ? VERSIONS[bytes.readUInt16BE(offset)] : undefined;
  while (at + 4 <= extensionsEnd) {
    const type = bytes.readUInt16BE(at);
    const length = bytes.readUInt16BE(at + 2);
    const value = at + 4;
    if (value + length > extensionsEnd) {
      d.markMalformed('TLS', `extension ${type} runs past the hello`, at);
      return chosen;
    }
    if (type === 0 && length >= 5 && bytes[value + 2] === 0) {
      const nameLength = bytes.readUInt16BE(value + 3);
      if (value + 5 + nameLength <= value + length) {
        const name = bytes.toString('latin1', value + 5, value + 5 + nameLength);
        d.field('tls.handshake.extensions_server_name', name);
        if (record) d.item(record, `Extension: server_name (len=${length}) name=${name}`, at, 4 + length, false, fieldFilter('tls.handshake.extensions_server_name', name, true));
      }
    } else if (type === 43 && handshakeType === 2 && length === 2) {
      chosen = VERSIONS[bytes.readUInt16BE(value)];
    }
    at = value + length;
  }
  return chosen;
}
