// Reads a pcap or pcapng file in the background: one chunk at a time with the event loop free between chunks, stoppable.
import { open } from 'node:fs/promises';
import type { CaptureDecoder } from './capture-decoder';
import { createCaptureDecoder, type CaptureReadResult } from './capture-file-reader';
import { CaptureFormatError, type CaptureFrame } from './capture-frame';

const CHUNK_SIZE = 1024 * 1024;

export interface CaptureStreamCallbacks {
  /** Frames are views into the read buffer, valid only during this call (the buffer is reused): copy what you keep (a PacketTable does). */
  onFrames(frames: CaptureFrame[]): void;
  /** Checked between chunks: true stops the reading (the result then has no error). */
  stopped?(): boolean;
}

export async function streamCaptureFile(file: string, callbacks: CaptureStreamCallbacks): Promise<CaptureReadResult> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return { frameCount: 0, error: error as Error };
  }
  let decoder: CaptureDecoder | undefined;
  let frameCount = 0;
  // One buffer for every read: frames are handed over and copied before the next read (no chunk left for the GC).
  const chunk = Buffer.allocUnsafeSlow(CHUNK_SIZE);
  try {
    for (;;) {
      if (callbacks.stopped?.()) return { frameCount };
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_SIZE, null);
      if (bytesRead === 0) break;
      const bytes = chunk.subarray(0, bytesRead);
      decoder ??= createCaptureDecoder(bytes, true);
      decoder.push(bytes);
      const frames: CaptureFrame[] = [];
      for (let frame = decoder.next(); frame; frame = decoder.next()) frames.push(frame);
      frameCount += frames.length;
      if (frames.length > 0) callbacks.onFrames(frames);
      if (decoder.error) return { frameCount, error: decoder.error };
      // Let requests in between chunks, even when the file is in the page cache and reads return at once.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    return { frameCount, error: error as Error };
  } finally {
    await handle.close();
  }
  const error = decoder ? decoder.finish() : new CaptureFormatError('the file is empty', 0);
  return error ? { frameCount, error } : { frameCount };
}
