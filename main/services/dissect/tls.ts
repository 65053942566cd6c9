// TLS records: content types for the Info line, ClientHello SNI and supported versions, ServerHello's chosen version.
import type { Dissection } from './dissection';
import type { TcpStream } from './tcp-stream-table';

const CONTENT_TYPES: Record<number, string> = { 20: 'Change Cipher Spec', 21: 'Alert', 22: 'Handshake', 23: 'Application Data', 24: 'Heartbeat' };
const HANDSHAKE_TYPES: Record<number, string> = { 0: 'Hello Request', 1: 'Client Hello', 2: 'Server Hello', 4: 'New Session Ticket', 8: 'Encrypted Extensions', 11: 'Certificate', 12: 'Server Key Exchange', 13: 'Certificate Request', 14: 'Server Hello Done', 15: 'Certificate Verify', 16: 'Client Key Exchange', 20: 'Finished' };
const VERSIONS: Record<number, string> = { 0x0300: 'SSLv3', 0x0301: 'TLSv1', 0x0302: 'TLSv1.1', 0x0303: 'TLSv1.2', 0x0304: 'TLSv1.3' };

/** A handshake record of a known version whose first message is a ClientHello or ServerHello. */
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
    const recordVersion = bytes.readUInt16BE(at + 1);
    const length = bytes.readUInt16BE(at + 3);
    if (!CONTENT_TYPES[type] || bytes[at + 1] !== 3) {
      // Mid-record bytes (a record continued from an earlier segment): nothing to name.
      if (names.length === 0) names.push('Continuation Data');
      break;
    }
    version ||= VERSIONS[recordVersion] ?? 'TLS';
    d.field('tls.record.content_type', type);
    const record = tree ? d.item(tree, `${VERSIONS[recordVersion] ?? 'TLS'} Record Layer: ${CONTENT_TYPES[type]} Protocol`, at, Math.min(5 + length, end - at), true) : undefined;
    const body = at + 5;
    const bodyEnd = Math.min(end, body + length);
    const encrypted = stream?.tlsVersion === 'TLSv1.3' && type === 22;
    if (type === 22 && !encrypted && bodyEnd - body >= 4) {
      const handshakeType = bytes[body]!;
      d.field('tls.handshake.type', handshakeType);
      names.push(HANDSHAKE_TYPES[handshakeType] ?? `Unknown Handshake Message (${handshakeType})`);
      if (handshakeType === 1 || handshakeType === 2) {
        const chosen = readHello(d, record, handshakeType, body + 4, bodyEnd);
        if (chosen && handshakeType === 2 && stream) stream.tlsVersion = chosen;
        if (handshakeType === 2 && chosen) version = chosen;
      }
    } else if (type === 21 && stream?.tlsVersion === 'TLSv1.3') {
      names.push('Encrypted Alert');
    } else {
      names.push(type === 22 ? 'Encrypted Handshake Message' : CONTENT_TYPES[type]!);
    }
    if (body + length > end) break;
    at = body + length;
  }
  d.columns(stream?.tlsVersion ?? (version || 'TLS'), names.join(', '));
}

/** Walks a hello's extensions for server_name (0) and supported_versions (43); returns the version a ServerHello picked. */
function readHello(d: Dissection, record: ReturnType<Dissection['layer']>, handshakeType: number, offset: number, end: number): string | undefined {
  const bytes = d.data;
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
        if (record) d.item(record, `Extension: server_name (len=${length}) name=${name}`, at, 4 + length);
      }
    } else if (type === 43 && handshakeType === 2 && length === 2) {
      chosen = VERSIONS[bytes.readUInt16BE(value)];
    }
    at = value + length;
  }
  return chosen;
}
