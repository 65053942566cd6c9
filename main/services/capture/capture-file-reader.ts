// Reads a pcap or pcapng file in chunks (never the whole file at once), handing each good frame to a callback.
import { closeSync, openSync, readSync } from 'node:fs';
import type { CaptureDecoder } from './capture-decoder';
import { CaptureFormatError, type CaptureFrame } from './capture-frame';
import { PcapReader } from './pcap-reader';
import { PcapngReader, PCAPNG_SECTION_HEADER } from './pcapng-reader';

const CHUNK_SIZE = 256 * 1024;

export interface CaptureReadResult {
  frameCount: number;
  /** Set when the file is damaged or unreadable; every frame before the damage was delivered. */
  error?: CaptureFormatError | Error;
}

/** Picks the decoder from the file's first four bytes: pcapng's section header type, else pcap (which checks its magic). */
export function createCaptureDecoder(firstBytes: Buffer, reuseBuffers = false): CaptureDecoder {
  return firstBytes.length >= 4 && firstBytes.readUInt32LE(0) === PCAPNG_SECTION_HEADER ? new PcapngReader(reuseBuffers) : new PcapReader(reuseBuffers);
}

export interface CaptureReadOptions {
  /**
   * Reuse one read buffer: a frame's bytes are then valid only during its callback. For one pass that lets each frame
   * go (`mirador dissect`): chunks allocated per read would outlive it in the old space and swell the process.
   */
  reuseBuffers?: boolean;
  /** After the frames of each read: a live pipe's reader shows them now, not once a buffer is full. */
  afterRead?: () => void;
}

/**
 * Frames are views into the chunk just read (no copy); keep one past the callback only by copying it (e.g. into a
 * CaptureFrameStore). `file` is a path, or an open descriptor (standard input: 0), read to its end and left open.
 */
export function readCaptureFile(file: string | number, onFrame: (frame: CaptureFrame) => void, options: CaptureReadOptions = {}): CaptureReadResult {
  let descriptor: number;
  try {
    descriptor = typeof file === 'number' ? file : openSync(file, 'r');
  } catch (error) {
    return { frameCount: 0, error: error as Error };
  }
  let decoder: CaptureDecoder | undefined;
  let frameCount = 0;
  const reuseBuffers = options.reuseBuffers === true;
  const reused = reuseBuffers ? Buffer.allocUnsafeSlow(CHUNK_SIZE) : undefined;
  try {
    for (;;) {
      // Unless reusing, a fresh chunk each time: frames handed out earlier still point into the previous one.
      const chunk = reused ?? Buffer.allocUnsafe(CHUNK_SIZE);
      const length = readWaiting(descriptor, chunk);
      if (length === 0) break;
      const bytes = chunk.subarray(0, length);
      decoder ??= createCaptureDecoder(bytes, reuseBuffers);
      decoder.push(bytes);
      for (let frame = decoder.next(); frame; frame = decoder.next()) {
        frameCount++;
        onFrame(frame);
      }
      options.afterRead?.();
      if (decoder.error) return { frameCount, error: decoder.error };
    }
  } catch (error) {
    return { frameCount, error: error as Error };
  } finally {
    if (typeof file !== 'number') closeSync(descriptor);
  }
  const error = decoder ? decoder.finish() : new CaptureFormatError('the file is empty', 0);
  return error ? { frameCount, error } : { frameCount };
}

/** Something to sleep on while a non-blocking pipe is empty: Atomics.wait pauses the thread without spinning. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** One read; a non-blocking descriptor with nothing yet (a pipe whose writer is slow) is waited on, not an error. */
function readWaiting(descriptor: number, chunk: Buffer): number {
  for (;;) {
    try {
      return readSync(descriptor, chunk, 0, CHUNK_SIZE, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(sleeper, 0, 0, 5);
    }
  }
}
