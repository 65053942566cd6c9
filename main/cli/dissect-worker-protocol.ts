// Messages between `mirador dissect` and its dissecting worker thread (main/cli/dissect-worker.ts).
import type { MessagePort } from 'node:worker_threads';
import type { DissectionSettings } from '../services/dissect/dissection-session';
import type { SummaryLineBuffers } from './summary-line-batch';
import type { WorkerFrameBuffers } from './worker-frame-batch';

export interface DissectWorkerData {
  /** Frames come in on it, lines go out on it. */
  port: MessagePort;
  /**
   * On a SharedArrayBuffer: [REPLIES] counts the worker's replies (main sleeps on it while it waits for lines), [READY]
   * becomes 1 once the worker has loaded and listens (until then main dissects everything itself).
   */
  signals: Int32Array;
  /** As main's own session: name resolution and reassembly on or off. */
  settings: DissectionSettings;
}

export const REPLIES = 0;
export const READY = 1;

/** Main → worker: the next frames of the worker's conversations, and line buffers it may fill again. */
export interface FramesMessage extends WorkerFrameBuffers {
  count: number;
  recycledLines?: SummaryLineBuffers;
}

/** Worker → main: one line per frame of the batch, in order, and the frame buffers back. */
export type LinesMessage = (SummaryLineBuffers & WorkerFrameBuffers & { count: number }) | { error: string };
