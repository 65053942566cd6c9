// Live frames from QEMU's filter-mirror: we listen on a Unix socket QEMU connects to (its socket chardev) before it starts.
import { rm } from 'node:fs/promises';
import net from 'node:net';
import type { CaptureFrame } from './capture-frame';
import { LINKTYPE_ETHERNET } from './capture-frame';
import { LengthPrefixedFrames } from './length-prefixed-frames';
import { arrivalTime, type LiveCapture, type LiveCaptureListener } from './live-capture';

export class QemuMirrorCapture implements LiveCapture {
  private server: net.Server | undefined;
  private connection: net.Socket | undefined;
  private ended = false;
  private frameCount = 0;

  constructor(
    private readonly socketPath: string,
    private readonly listener: LiveCaptureListener,
  ) {}

  async start(): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await rm(this.socketPath, { force: true });
    await new Promise<void>((resolve) => {
      server.once('error', (error) => {
        this.end(`the capture socket ${this.socketPath} could not be opened (${error.message}); QEMU will not start with it`);
        resolve();
      });
      server.listen(this.socketPath, () => resolve());
    });
  }

  async stop(): Promise<void> {
    this.connection?.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.end(`capture stopped after ${this.frameCount} frames`);
  }

  killNow(): void {
    this.connection?.destroy();
    this.server?.close();
  }

  private accept(socket: net.Socket): void {
    if (this.connection) {
      // QEMU connects once; anything else on the socket is not ours to read.
      socket.destroy();
      return;
    }
    this.connection = socket;
    const frames = new LengthPrefixedFrames();
    socket.on('data', (chunk: Buffer) => {
      frames.push(chunk);
      const { seconds, nanoseconds } = arrivalTime();
      const batch: CaptureFrame[] = [];
      for (let data = frames.next(); data; data = frames.next()) batch.push({ data, originalLength: data.length, seconds, nanoseconds, interfaceId: 0, linkType: LINKTYPE_ETHERNET });
      this.frameCount += batch.length;
      if (batch.length > 0) this.listener.onFrames(batch);
      if (frames.error) {
        this.end(frames.error);
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const cut = frames.leftover > 0 ? ` (the last ${frames.leftover} bytes were a frame cut short)` : '';
      this.end(`the VMM closed the capture stream after ${this.frameCount} frames${cut}`);
    });
  }

  private end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.listener.onEnded(reason);
  }
}
