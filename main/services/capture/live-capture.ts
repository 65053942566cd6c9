// What every live capture source offers the debug adapter: start before the VMM, frames as they arrive, notices, an end.
import type { CaptureFrame } from './capture-frame';

export interface LiveCaptureListener {
  /** Frames in arrival order; their data are views valid only during the call (copy what you keep). */
  onFrames(frames: CaptureFrame[]): void;
  /** Something the user should know while the run goes on (missing privileges, the exact fix). */
  onNotice(message: string): void;
  /** Called once, when no more frames will come, with why. */
  onEnded(reason: string): void;
}

export interface LiveCapture {
  /** Resolves once frames can be received (the socket listens, tcpdump opened the device or gave up). Never rejects. */
  start(): Promise<void>;
  /** Stops receiving; onEnded has been called when this resolves. */
  stop(): Promise<void>;
  /** For a dying process: ends any helper process at once, synchronously. */
  killNow(): void;
}

/** Arrival time, for sources whose frames carry none: wall clock with sub-millisecond precision. */
export function arrivalTime(): { seconds: number; nanoseconds: number } {
  const milliseconds = performance.timeOrigin + performance.now();
  const seconds = Math.floor(milliseconds / 1000);
  return { seconds, nanoseconds: Math.min(999_999_999, Math.round((milliseconds - seconds * 1000) * 1e6)) };
}
