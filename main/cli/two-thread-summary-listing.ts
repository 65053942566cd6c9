// `mirador dissect`'s plain listing of a big capture on two threads: main reads the file and dissects some
// conversations, a worker the others (each thread's conversations whole and in order, on its own session), and main
// writes the lines in frame order — byte for byte what one thread writes.
import { existsSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { CaptureFrame } from '../services/capture/capture-frame';
import { readCaptureFile, type CaptureReadResult } from '../services/capture/capture-file-reader';
import { conversationKeyOf, firstFragmentDatagramKey, STATELESS } from '../services/dissect/conversation-key';
import { DissectionSession, type DissectionSettings } from '../services/dissect/dissection-session';
import { dissectFrame } from '../services/dissect/frame-dissector';
import type { ByteLineWriter } from './byte-line-writer';
import { StdoutClosedError } from './blocking-stdout';
import { CliError } from './cli-error';
import { ConversationPartition, MAIN_THREAD } from './conversation-partition';
import { relativeMicros } from './dissect-summary-line';
import { READY, REPLIES, type DissectWorkerData, type FramesMessage, type LinesMessage } from './dissect-worker-protocol';
import { lineStartOf, SummaryLineBatch, type SummaryLineBuffers } from './summary-line-batch';
import { BATCH_FRAMES, WorkerFrameBatch, type WorkerFrameBuffers } from './worker-frame-batch';

/** Frames of one batch (both threads' together) at most. */
const BATCH_LIMIT = 2 * BATCH_FRAMES;
/** Batches sent to the worker and not yet written: main goes on while the worker catches up (at its start, above all). */
const MAX_PENDING = 2;
/** A worker that has not answered a batch in this long has failed (a batch takes well under a second). */
const REPLY_TIMEOUT_MS = 30_000;
const OPTIONS = { tree: false };

/** Whether the two-thread listing can run: the worker's script is built next to the CLI. */
export function canListInTwoThreads(workerFile: string): boolean {
  return existsSync(workerFile);
}

/**
 * The worker's young generation, in MiB: V8 grows it up to 16 MiB a semi-space when a few objects keep surviving (IP
 * fragments waiting for their datagram's end do), which only costs memory here.
 */
const YOUNG_GENERATION_MB = 3;

/** Lists every frame of `file` to `out` as `mirador dissect` does; the result as readCaptureFile's. Throws if the worker fails. */
export function listSummariesInTwoThreads(file: string, out: ByteLineWriter, workerFile: string, settings: DissectionSettings): CaptureReadResult {
  const channel = new MessageChannel();
  const signals = new Int32Array(new SharedArrayBuffer(8));
  const workerData: DissectWorkerData = { port: channel.port2, signals, settings };
  const worker = new Worker(workerFile, { workerData, transferList: [channel.port2], resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  // Never what keeps the process alive: the command ends when main is done.
  worker.unref();
  try {
    const listing = new TwoThreadListing(out, channel.port1, signals, settings);
    const result = readCaptureFile(file, (frame) => listing.frame(frame), { reuseBuffers: true });
    // The output or the worker failed mid-way (not the capture): nothing more to write.
    if (result.error instanceof StdoutClosedError || result.error instanceof CliError) return result;
    listing.finish();
    return result;
  } finally {
    channel.port1.close();
    void worker.terminate();
  }
}

/** The frames of one batch: which thread has each, main's lines, and the frames for the worker. */
interface Batch {
  threads: Uint8Array;
  count: number;
  mainLines: SummaryLineBatch;
  workerFrames: WorkerFrameBatch;
  /** Frames sent to the worker (0: it has no part in this batch). */
  sent: number;
}

class TwoThreadListing {
  private readonly session: DissectionSession;
  private readonly partition = new ConversationPartition();
  private number = 0;
  private firstSeconds = 0;
  private firstNanoseconds = 0;
  private current: Batch;
  /** Sent, their worker lines not yet merged; oldest first. */
  private readonly pending: Batch[] = [];
  private spareBatches: Batch[] = [];
  private spareFrames: WorkerFrameBuffers[] = [];
  private spareLines: SummaryLineBuffers[] = [];
  private workerReady = false;

  constructor(
    private readonly out: ByteLineWriter,
    private readonly port: MessagePort,
    private readonly signals: Int32Array,
    settings: DissectionSettings,
  ) {
    this.session = DissectionSession.wiresharkDefaults(settings);
    this.current = this.newBatch();
  }

  frame(frame: CaptureFrame): void {
    const number = ++this.number;
    if (number === 1) {
      this.firstSeconds = frame.seconds;
      this.firstNanoseconds = frame.nanoseconds;
    }
    let batch = this.current;
    if (batch.count === BATCH_LIMIT || !batch.workerFrames.fits(frame)) batch = this.closeBatch();
    const micros = relativeMicros(frame, this.firstSeconds, this.firstNanoseconds);
    const key = conversationKeyOf(frame.data, frame.linkType);
    const thread = firstFragmentDatagramKey === STATELESS ? this.partition.threadOf(key) : this.partition.threadOfFirstFragment(key, firstFragmentDatagramKey);
    batch.threads[batch.count++] = thread;
    if (thread === MAIN_THREAD) {
      const d = dissectFrame(this.session, frame, number, OPTIONS);
      batch.mainLines.add(number, micros, d.source, d.destination, d.protocol, frame.originalLength, d.info);
    } else batch.workerFrames.add(frame, number, micros);
  }

  /** After the last frame: the last batches' lines. */
  finish(): void {
    if (this.current.count > 0) this.closeBatch();
    for (let batch = this.pending.shift(); batch; batch = this.pending.shift()) this.merge(batch);
  }

  /** Sends the current batch's frames to the worker, writes the batch before it, and starts a new one. */
  private closeBatch(): Batch {
    const batch = this.current;
    batch.mainLines.finish();
    const frames = batch.workerFrames;
    batch.sent = frames.count;
    if (frames.count > 0) {
      const message: FramesMessage = { count: frames.count, meta: frames.meta, data: frames.data, recycledLines: this.spareLines.pop() };
      const transfer = [frames.meta.buffer as ArrayBuffer, frames.data.buffer as ArrayBuffer];
      if (message.recycledLines) transfer.push(message.recycledLines.bytes.buffer as ArrayBuffer, message.recycledLines.lineEnds.buffer as ArrayBuffer);
      this.port.postMessage(message, transfer);
    }
    this.pending.push(batch);
    // While the worker starts (a quarter of a second), its frames wait for it and main goes on with its own.
    this.workerReady ||= Atomics.load(this.signals, READY) === 1;
    while (this.workerReady && this.pending.length > MAX_PENDING) this.merge(this.pending.shift()!);
    this.current = this.newBatch();
    return this.current;
  }

  /** Writes a batch's lines in frame order: main's and the worker's, a run of one thread's lines at a time. */
  private merge(batch: Batch): void {
    const worker = batch.sent > 0 ? this.receive() : undefined;
    const main = batch.mainLines;
    const { threads, count } = batch;
    let mainLine = 0;
    let workerLine = 0;
    for (let index = 0; index < count; ) {
      const thread = threads[index]!;
      let next = index + 1;
      while (next < count && threads[next] === thread) next++;
      const run = next - index;
      if (thread === MAIN_THREAD) {
        this.out.lines(main.bytes, lineStartOf(main.lineEnds, mainLine), main.lineEnds[mainLine + run - 1]!);
        mainLine += run;
      } else {
        this.out.lines(worker!.bytes, lineStartOf(worker!.lineEnds, workerLine), worker!.lineEnds[workerLine + run - 1]!);
        workerLine += run;
      }
      index = next;
    }
    if (worker) {
      this.spareLines.push({ bytes: worker.bytes, lineEnds: worker.lineEnds });
      this.spareFrames.push({ meta: worker.meta, data: worker.data });
    }
    batch.count = 0;
    this.spareBatches.push(batch);
  }

  /** The worker's lines for the oldest batch sent, waiting (asleep) for them if need be. */
  private receive(): SummaryLineBuffers & WorkerFrameBuffers & { count: number } {
    let waited = false;
    for (;;) {
      const seen = Atomics.load(this.signals, REPLIES);
      const received = receiveMessageOnPort(this.port);
      if (received) {
        this.partition.adjust(waited);
        const message = received.message as LinesMessage;
        if ('error' in message) throw new CliError(`the dissecting thread failed: ${message.error}`);
        return message;
      }
      waited = true;
      if (Atomics.wait(this.signals, REPLIES, seen, REPLY_TIMEOUT_MS) === 'timed-out') throw new CliError('the dissecting thread stopped answering; run again with MIRADOR_DISSECT_THREADS=1');
    }
  }

  private newBatch(): Batch {
    const spare = this.spareBatches.pop();
    if (spare) {
      spare.mainLines.reset();
      spare.workerFrames = new WorkerFrameBatch(this.spareFrames.pop());
      spare.sent = 0;
      return spare;
    }
    return { threads: new Uint8Array(BATCH_LIMIT), count: 0, mainLines: new SummaryLineBatch(), workerFrames: new WorkerFrameBatch(this.spareFrames.pop()), sent: 0 };
  }
}
