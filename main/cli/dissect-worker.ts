// Worker thread of `mirador dissect` (out/main/dissect-worker.js): dissects the frames main sends it, the whole of its
// conversations in order on its own session, and answers each batch with the batch's summary lines.
import { workerData } from 'node:worker_threads';
import { DissectionSession } from '../services/dissect/dissection-session';
import { dissectFrame } from '../services/dissect/frame-dissector';
import { READY, REPLIES, type DissectWorkerData, type FramesMessage, type LinesMessage } from './dissect-worker-protocol';
import { SummaryLineBatch } from './summary-line-batch';
import { FRAME_FIELDS } from './worker-frame-batch';

const { port, signals, settings } = workerData as DissectWorkerData;
const session = DissectionSession.wiresharkDefaults(settings);
const lines = new SummaryLineBatch();
const OPTIONS = { tree: false };

port.on('message', (message: FramesMessage) => {
  let reply: LinesMessage;
  let transfer: ArrayBuffer[] = [];
  try {
    const { meta, data, count } = message;
    lines.reset(message.recycledLines);
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const frame = { data: bytes, originalLength: 0, linkType: 0, seconds: 0, nanoseconds: 0 };
    let start = 0;
    for (let index = 0; index < count; index++) {
      const at = index * FRAME_FIELDS;
      const number = meta[at]!;
      const end = meta[at + 6]!;
      frame.data = bytes.subarray(start, end);
      frame.seconds = meta[at + 2]!;
      frame.nanoseconds = meta[at + 3]!;
      frame.originalLength = meta[at + 4]!;
      frame.linkType = meta[at + 5]!;
      start = end;
      const d = dissectFrame(session, frame, number, OPTIONS);
      lines.add(number, meta[at + 1]!, d.source, d.destination, d.protocol, frame.originalLength, d.info);
    }
    lines.finish();
    const taken = lines.take();
    reply = { ...taken, meta, data };
    transfer = [taken.bytes.buffer as ArrayBuffer, taken.lineEnds.buffer as ArrayBuffer, meta.buffer as ArrayBuffer, data.buffer as ArrayBuffer];
  } catch (error) {
    reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    transfer = [];
  }
  port.postMessage(reply, transfer);
  Atomics.add(signals, REPLIES, 1);
  Atomics.notify(signals, REPLIES);
});
Atomics.store(signals, READY, 1);
