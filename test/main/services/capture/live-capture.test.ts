// Live capture sources: QEMU's length-prefixed mirror stream, and real tcpdump on a real interface, without and with privileges.
import { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaptureFrame } from '../../../../main/services/capture/capture-frame';
import { LengthPrefixedFrames } from '../../../../main/services/capture/length-prefixed-frames';
import type { LiveCaptureListener } from '../../../../main/services/capture/live-capture';
import { QemuMirrorCapture } from '../../../../main/services/capture/qemu-mirror-capture';
import { TcpdumpCapture } from '../../../../main/services/capture/tcpdump-capture';

const work = mkdtempSync(path.join(os.tmpdir(), 'mirador-live-capture-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function recorder() {
  const frames: CaptureFrame[] = [];
  const notices: string[] = [];
  const ended: string[] = [];
  const listener: LiveCaptureListener = {
    onFrames: (batch) => frames.push(...batch.map((frame) => ({ ...frame, data: Buffer.from(frame.data) }))),
    onNotice: (message) => notices.push(message),
    onEnded: (reason) => ended.push(reason),
  };
  return { frames, notices, ended, listener };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** As QEMU's filter-mirror with vnet_hdr_support=on writes a packet: length, virtio-net header length, header + frame. */
function prefixed(frame: Buffer, vnetHeader = 0): Buffer {
  const lengths = Buffer.alloc(8);
  lengths.writeUInt32BE(frame.length + vnetHeader, 0);
  lengths.writeUInt32BE(vnetHeader, 4);
  return Buffer.concat([lengths, Buffer.alloc(vnetHeader, 0xee), frame]);
}

describe('QEMU filter-mirror stream', () => {
  it('splits frames however the stream is chunked, cuts off virtio-net headers, and refuses a length no frame has', () => {
    const frames = [Buffer.alloc(60, 1), Buffer.alloc(1514, 2), Buffer.alloc(42, 3)];
    const stream = Buffer.concat(frames.map((frame, index) => prefixed(frame, index === 1 ? 12 : 0)));
    for (const chunkSize of [1, 3, 7, 64, stream.length]) {
      const decoder = new LengthPrefixedFrames();
      const out: Buffer[] = [];
      for (let at = 0; at < stream.length; at += chunkSize) {
        decoder.push(stream.subarray(at, at + chunkSize));
        for (let frame = decoder.next(); frame; frame = decoder.next()) out.push(Buffer.from(frame));
      }
      expect(out).toEqual(frames);
      expect(decoder.leftover).toBe(0);
    }
    const broken = new LengthPrefixedFrames();
    broken.push(Buffer.from([0x7f, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]));
    expect(broken.next()).toBeUndefined();
    expect(broken.error).toMatch(/^a frame of 2130706432 bytes \(virtio-net header 0\) at byte 0 of the mirror stream/);
    const headerTooLong = new LengthPrefixedFrames();
    headerTooLong.push(Buffer.from([0, 0, 0, 4, 0, 0, 0, 12, 1, 2, 3, 4]));
    expect(headerTooLong.next()).toBeUndefined();
    expect(headerTooLong.error).toMatch(/^a frame of 4 bytes \(virtio-net header 12\)/);
  });

  it('listens before the VMM connects, stamps frames as they arrive and ends when the VMM closes the stream', async () => {
    const socket = path.join(work, 'mirror.sock');
    const seen = recorder();
    const capture = new QemuMirrorCapture(socket, seen.listener);
    await capture.start();
    const before = Date.now() / 1000;
    // Standing in for QEMU's socket chardev: connect, write length-prefixed frames, close.
    const vmm = net.createConnection(socket);
    await new Promise((resolve) => vmm.once('connect', resolve));
    vmm.write(Buffer.concat([prefixed(Buffer.alloc(60, 9)), prefixed(Buffer.alloc(98, 8)).subarray(0, 50)]));
    await until(() => seen.frames.length === 1);
    vmm.end(prefixed(Buffer.alloc(98, 8)).subarray(50));
    await until(() => seen.ended.length === 1);
    expect(seen.frames.map((frame) => [frame.data.length, frame.linkType, frame.originalLength])).toEqual([[60, 1, 60], [98, 1, 98]]);
    expect(seen.frames[0]!.seconds + seen.frames[0]!.nanoseconds / 1e9).toBeGreaterThanOrEqual(before - 0.001);
    expect(seen.ended).toEqual(['the VMM closed the capture stream after 2 frames']);
    await capture.stop();
    expect(seen.ended.length).toBe(1);
  });
});

/** A veth pair: what the kernel sends out of one end, tcpdump sees on the other (null when this process may not make one). */
function vethPair(): { inside: string; outside: string; remove(): void } | null {
  const name = `mirv${process.pid % 10000}`;
  const made = spawnSync('ip', ['link', 'add', `${name}a`, 'type', 'veth', 'peer', 'name', `${name}b`]);
  if (made.status !== 0) return null;
  for (const args of [['link', 'set', `${name}a`, 'up'], ['link', 'set', `${name}b`, 'up'], ['addr', 'add', '10.213.0.1/24', 'dev', `${name}a`]]) spawnSync('ip', args);
  return { inside: `${name}a`, outside: `${name}b`, remove: () => spawnSync('ip', ['link', 'del', `${name}a`]) };
}

describe('tcpdump on a host interface', () => {
  it('says which interface does not exist and how to make it; the run is not stopped', async () => {
    const seen = recorder();
    const capture = new TcpdumpCapture({ interface: 'mirnosuch0' }, seen.listener);
    await capture.start();
    await until(() => seen.ended.length === 1);
    expect(seen.notices).toEqual([expect.stringMatching(/^Capture: there is no network interface mirnosuch0 to capture on \(.*\); create the tap device first, e.g\. sudo ip tuntap add mirnosuch0 mode tap user "\$USER"\. The run goes on without capture\.$/)]);
  });

  it('without the privileges to capture: one notice with the setcap fix', async () => {
    // tcpdump as an unprivileged user: the same binary, no capabilities.
    const unprivileged = path.join(work, 'tcpdump-as-nobody');
    writeFileSync(unprivileged, '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups tcpdump "$@"\n');
    chmodSync(unprivileged, 0o755);
    const seen = recorder();
    await new TcpdumpCapture({ interface: 'lo', command: unprivileged }, seen.listener).start();
    await until(() => seen.ended.length === 1);
    expect(seen.notices).toEqual([expect.stringMatching(/^Capture: tcpdump may not capture on lo without privileges \(.*permission.*\); allow it once with: sudo setcap cap_net_raw,cap_net_admin=eip "\$\(command -v tcpdump\)"\. The run goes on without capture\.$/)]);
    expect(seen.ended[0]).toBe(seen.notices[0]!.replace(/^Capture: /, '').replace(/\. The run goes on without capture\.$/, ''));
  });

  it('with privileges: frames stream in as a pcap the moment they are sent, until stopped', async (context) => {
    const veth = vethPair();
    if (!veth) return context.skip('creating a veth pair needs CAP_NET_ADMIN, which this test process lacks');
    try {
      const seen = recorder();
      const capture = new TcpdumpCapture({ interface: veth.outside }, seen.listener);
      await capture.start();
      const socket = dgram.createSocket('udp4');
      await new Promise<void>((resolve) => socket.bind(0, '10.213.0.1', resolve));
      socket.setBroadcast(true);
      await new Promise((resolve) => socket.send('mirador-live', 9999, '10.213.0.255', resolve));
      socket.close();
      await until(() => seen.frames.some((frame) => frame.data.includes('mirador-live')));
      const frame = seen.frames.find((candidate) => candidate.data.includes('mirador-live'))!;
      expect([frame.linkType, frame.data.readUInt16BE(12), frame.data.length]).toEqual([1, 0x0800, 14 + 20 + 8 + 12]);
      await capture.stop();
      expect(seen.ended).toEqual([expect.stringMatching(/^capture stopped after \d+ frames$/)]);
      expect(seen.notices).toEqual([]);
    } finally {
      veth.remove();
    }
  });
});
