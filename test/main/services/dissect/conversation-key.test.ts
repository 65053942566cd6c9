// The conversation key that splits `mirador dissect`'s frames between two threads: frames that share TCP or ICMP echo
// state always get the same key, both directions alike, whatever the link layer; stateless frames get none.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../../../main/services/capture/capture-file-reader';
import { ConversationPartition } from '../../../../main/cli/conversation-partition';
import { conversationKeyOf, firstFragmentDatagramKey, STATELESS } from '../../../../main/services/dissect/conversation-key';
import { DissectionSession } from '../../../../main/services/dissect/dissection-session';
import { dissectFrame } from '../../../../main/services/dissect/frame-dissector';
import { CAPTURES } from '../capture/tshark-runner';

const MAC = [0x52, 0x54, 0, 0x12, 0x34, 0x56];

function ipv4(protocol: number, source: number[], destination: number[], payload: number[], fragment = 0): number[] {
  const header = [0x45, 0, 0, 20 + payload.length, 0, 1, fragment >> 8, fragment & 0xff, 64, protocol, 0, 0, ...source, ...destination];
  return [...header, ...payload];
}

function ethernet(type: number, payload: number[], vlan = false): Buffer {
  const tag = vlan ? [0x81, 0x00, 0x00, 0x05] : [];
  return Buffer.from([...MAC, ...MAC, ...tag, type >> 8, type & 0xff, ...payload]);
}

function tcpHeader(sourcePort: number, destinationPort: number): number[] {
  return [sourcePort >> 8, sourcePort & 0xff, destinationPort >> 8, destinationPort & 0xff, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x10, 0xff, 0xff, 0, 0, 0, 0];
}

const A = [10, 0, 2, 15];
const B = [10, 0, 2, 2];

describe('conversationKeyOf', () => {
  it('gives a TCP segment and its answer the same key, another port pair (most likely) another', () => {
    const there = conversationKeyOf(ethernet(0x0800, ipv4(6, A, B, tcpHeader(40000, 80))), 1);
    const back = conversationKeyOf(ethernet(0x0800, ipv4(6, B, A, tcpHeader(80, 40000))), 1);
    const other = conversationKeyOf(ethernet(0x0800, ipv4(6, A, B, tcpHeader(40001, 80))), 1);
    expect(there).toBeGreaterThanOrEqual(0);
    expect(back).toBe(there);
    expect(other).not.toBe(there);
  });

  it('keys ICMP by its two peers, in either direction, and the same through a VLAN tag or on a raw IP link', () => {
    const request = conversationKeyOf(ethernet(0x0800, ipv4(1, A, B, [8, 0, 0, 0, 0, 1, 0, 1])), 1);
    expect(conversationKeyOf(ethernet(0x0800, ipv4(1, B, A, [0, 0, 0, 0, 0, 1, 0, 1])), 1)).toBe(request);
    expect(conversationKeyOf(ethernet(0x0800, ipv4(1, A, B, [8, 0, 0, 0, 0, 1, 0, 1]), true), 1)).toBe(request);
    expect(conversationKeyOf(Buffer.from(ipv4(1, B, A, [0, 0, 0, 0, 0, 1, 0, 1])), 101)).toBe(request);
  });

  it('gives none to frames that keep no state: UDP, ARP, a TCP header without its ports, unknown link types', () => {
    expect(conversationKeyOf(ethernet(0x0800, ipv4(17, A, B, [0, 53, 0, 53, 0, 8, 0, 0])), 1)).toBe(STATELESS);
    expect(conversationKeyOf(ethernet(0x0806, new Array(28).fill(0)), 1)).toBe(STATELESS);
    expect(conversationKeyOf(ethernet(0x0800, ipv4(6, A, B, [0x9c])), 1)).toBe(STATELESS);
    expect(conversationKeyOf(Buffer.alloc(60), 147)).toBe(STATELESS);
    expect(conversationKeyOf(Buffer.alloc(3), 1)).toBe(STATELESS);
  });

  it('keeps an IPv4 datagram’s fragments together: ICMP’s with the echo key, others by address pair, TCP’s by datagram', () => {
    const echo = conversationKeyOf(ethernet(0x0800, ipv4(1, A, B, [8, 0, 0, 0, 0, 1, 0, 1])), 1);
    expect(conversationKeyOf(ethernet(0x0800, ipv4(1, A, B, [0x61, 0x61], 0x0003)), 1)).toBe(echo);
    const udpFirst = conversationKeyOf(ethernet(0x0800, ipv4(17, A, B, [0, 53, 0, 53, 0, 8, 0, 0], 0x2000)), 1);
    expect(udpFirst).not.toBe(STATELESS);
    expect(conversationKeyOf(ethernet(0x0800, ipv4(17, A, B, [0x61], 0x0003)), 1)).toBe(udpFirst);
    // A TCP segment's first fragment goes with its conversation and names the datagram its later fragments are keyed by.
    const conversation = conversationKeyOf(ethernet(0x0800, ipv4(6, A, B, tcpHeader(40000, 80))), 1);
    expect(firstFragmentDatagramKey).toBe(STATELESS);
    expect(conversationKeyOf(ethernet(0x0800, ipv4(6, A, B, tcpHeader(40000, 80), 0x2000)), 1)).toBe(conversation);
    const datagram = firstFragmentDatagramKey;
    expect(datagram).not.toBe(STATELESS);
    expect(conversationKeyOf(ethernet(0x0800, ipv4(6, A, B, [0x61], 0x0003)), 1)).toBe(datagram);
    expect(firstFragmentDatagramKey).toBe(STATELESS);
  });

  it('puts a TCP datagram’s later fragments on its first fragment’s thread, and a new conversation with fragments that came first', () => {
    const partition = new ConversationPartition();
    for (let index = 0; index < 50; index++) partition.threadOf(index * 7919);
    const thread = partition.threadOfFirstFragment(123456, 654321);
    for (let index = 0; index < 50; index++) expect(partition.threadOf(654321)).toBe(thread);
    const early = partition.threadOf(777);
    expect(partition.threadOfFirstFragment(888, 777)).toBe(early);
    expect(partition.threadOf(888)).toBe(early);
  });

  it('on every fixture: frames whose TCP stream or ICMP echo the dissector tracks never get STATELESS', () => {
    const files = readdirSync(CAPTURES).filter((name) => name.endsWith('.pcap') || name.endsWith('.pcapng'));
    let stateful = 0;
    for (const name of files) {
      const session = new DissectionSession();
      let number = 0;
      readCaptureFile(path.join(CAPTURES, name), (frame) => {
        const d = dissectFrame(session, frame, ++number, { fields: new Set(['tcp.stream', 'icmp.type', 'icmpv6.type']) });
        if (!d.fields!.has('tcp.stream') && !d.protocols.includes('icmp') && !d.protocols.includes('icmpv6')) return;
        stateful++;
        expect(`${name} #${number}: ${conversationKeyOf(frame.data, frame.linkType)}`).not.toBe(`${name} #${number}: ${STATELESS}`);
      });
    }
    expect(stateful).toBeGreaterThan(100);
  });
});
