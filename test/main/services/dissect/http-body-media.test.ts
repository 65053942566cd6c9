// HTTP bodies by media type: Protocol (HTTP/JSON, HTTP/XML...) and Info as tshark 4.0 shows them, whole or reassembled.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../../../main/services/capture/capture-file-reader';
import { encodePcap } from '../../../../main/services/capture/pcap-writer';
import { compileDisplayFilter } from '../../../../main/services/display-filter/display-filter';
import { DissectionSession } from '../../../../main/services/dissect/dissection-session';
import { dissectFrame } from '../../../../main/services/dissect/frame-dissector';
import { httpBodyColumns, imageSignatureAt } from '../../../../main/services/dissect/http-body-media';
import { ACK, PSH, SYN, segment } from '../../../fixtures/captures/tcp-conversation-builder.mjs';
import { tsharkCount, tsharkFields } from '../capture/tshark-runner';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201cbd6b5f40000000049454e44ae426082', 'hex');
const JFIF = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

/** Content-Type header values, each answered with a small body in a connection of its own. */
const TYPES = [
  'text/html; charset=utf-8', 'text/plain', 'TEXT/CSS', 'application/javascript', 'application/json', 'application/problem+json',
  'application/x-ndjson', 'text/json', 'application/vnd.api+json', 'application/xml', 'text/xml', 'image/svg+xml',
  'application/atom+xml', 'application/xhtml+xml', 'application/octet-stream', 'multipart/mixed; boundary=x', 'application/grpc',
  'application/sdp', 'image/png', 'image/jpeg', 'image/gif', 'application/wasm', 'font/woff2',
];

function bodyFor(type: string): Buffer {
  if (type === 'image/png') return PNG;
  if (type === 'image/jpeg') return JFIF;
  if (type.includes('json')) return Buffer.from('{"guest": "mirage", "up": true}\n');
  if (type.includes('xml')) return Buffer.from('<?xml version="1.0"?><a>b</a>\n');
  return Buffer.from('hello from the guest\n');
}

/** Frames of one connection: handshake, a request, then the response split into `pieces` segments. */
function exchange(index: number, type: string, pieces: number): Buffer[] {
  const client = { mac: '525400123456', ip: '10.0.2.15', port: 42000 + index };
  const server = { mac: '52550a000202', ip: '10.0.2.2', port: 80 };
  const request = Buffer.from('GET /thing HTTP/1.1\r\nHost: 10.0.2.2\r\n\r\n');
  const body = bodyFor(type);
  const response = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
  const frames: Buffer[] = [
    segment(client, server, { seq: 1000, flags: SYN, window: 64240 }),
    segment(server, client, { seq: 5000, ack: 1001, flags: SYN | ACK, window: 64240 }),
    segment(client, server, { seq: 1001, ack: 5001, flags: PSH | ACK, window: 64240, data: request }),
  ];
  // The headers whole in the first piece, the body (from its first byte) in the rest: images are still recognised.
  const headEnd = response.length - body.length;
  const cuts = pieces === 1 ? [0, response.length] : [0, headEnd + 12, response.length];
  for (let piece = 0; piece + 1 < cuts.length; piece++) {
    const data = response.subarray(cuts[piece], cuts[piece + 1]);
    frames.push(segment(server, client, { seq: 5001 + cuts[piece]!, ack: 1001 + request.length, flags: PSH | ACK, window: 64240, data }));
  }
  return frames;
}

function mediaCapture(): string {
  const frames = [...TYPES.flatMap((type, index) => exchange(index, type, 1)), ...['application/json', 'image/png', 'text/xml'].flatMap((type, index) => exchange(100 + index, type, 2))];
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'mirador-http-media-')), 'media.pcap');
  writeFileSync(file, encodePcap(1, frames.map((data, index) => ({ data, originalLength: data.length, seconds: 1_700_000_000, nanoseconds: index * 1000 }))));
  return file;
}

describe('HTTP bodies by media type', () => {
  const file = mediaCapture();

  it('give the Protocol and Info columns tshark gives, in one segment or reassembled', () => {
    const session = new DissectionSession();
    const ours: string[][] = [];
    readCaptureFile(file, (frame) => {
      const d = dissectFrame(session, frame, ours.length + 1);
      ours.push([d.protocol, d.info]);
    });
    expect(ours).toEqual(tsharkFields(file, ['_ws.col.Protocol', '_ws.col.Info']));
  });

  it('are found by the json and xml filters as tshark finds them', () => {
    for (const expression of ['json', 'xml', 'sdp', 'http && !json']) {
      const compiled = compileDisplayFilter(expression);
      if (!compiled.ok) throw new Error(compiled.message);
      const session = new DissectionSession();
      let matched = 0;
      let number = 0;
      readCaptureFile(file, (frame) => {
        if (compiled.filter.matches(dissectFrame(session, frame, ++number, { fields: compiled.filter.fields }))) matched++;
      });
      expect(`${expression}: ${matched}`).toBe(`${expression}: ${tsharkCount(file, expression)}`);
    }
  });

  it('name the image format only when the bytes are that format', () => {
    expect(imageSignatureAt(PNG, 0, PNG.length)).toBe('png');
    expect(imageSignatureAt(JFIF, 0, JFIF.length)).toBe('jfif');
    expect(imageSignatureAt(PNG, 0, 4)).toBeUndefined();
    expect(httpBodyColumns('image/png', 'png').infoSuffix).toBe(' (PNG)');
    expect(httpBodyColumns('image/png', 'jfif').infoSuffix).toBe(' (image/png)');
    expect(httpBodyColumns('image/png').infoSuffix).toBe(' (image/png)');
  });
});
