// Decides which thread dissects a frame: all frames of a conversation go where its first went, stateless frames to
// whichever thread is behind its share (in runs, so the lines merge in few copies).
import { STATELESS } from '../services/dissect/conversation-key';

export const MAIN_THREAD = 0;
export const WORKER_THREAD = 1;

/** Conversation keys are folded into this many slots: two conversations in one slot only stay on one thread. */
const SLOTS = 1 << 16;
/** How far (in frames) a thread may run past its share before stateless frames switch to the other. */
const RUN = 48;
/** Waiting moves the share more than not waiting: main should wait now and then (the worker is never idle), not often. */
const SHARE_UP = 0.03;
const SHARE_DOWN = 0.01;

export class ConversationPartition {
  private readonly slots = new Int8Array(SLOTS).fill(-1);
  private mainFrames = 0;
  private workerFrames = 0;
  private statelessThread = MAIN_THREAD;

  /** Main's share of the frames: it also reads the file and writes the lines, so its share is learnt. */
  constructor(private mainShare = 0.5) {}

  threadOf(key: number): number {
    let thread: number;
    if (key === STATELESS) {
      const excess = this.mainExcess();
      if (this.statelessThread === MAIN_THREAD ? excess > RUN : excess < -RUN) this.statelessThread = 1 - this.statelessThread;
      thread = this.statelessThread;
    } else {
      const slot = key & (SLOTS - 1);
      thread = this.slots[slot]!;
      if (thread < 0) thread = this.slots[slot] = this.mainExcess() <= 0 ? MAIN_THREAD : WORKER_THREAD;
    }
    if (thread === MAIN_THREAD) this.mainFrames++;
    else this.workerFrames++;
    return thread;
  }

  /**
   * The first fragment of a TCP datagram (`key`: its conversation's): the datagram's later fragments, keyed
   * `datagramKey`, go where it goes. Fragments that came before it chose a thread for the datagram already: a new
   * conversation then follows them. (Fragments sent out of order within a conversation already placed the other way
   * would still part; no slot is ever moved, since another conversation may share it.)
   */
  threadOfFirstFragment(key: number, datagramKey: number): number {
    const slot = key & (SLOTS - 1);
    const datagramSlot = datagramKey & (SLOTS - 1);
    if (this.slots[slot]! < 0 && this.slots[datagramSlot]! >= 0) this.slots[slot] = this.slots[datagramSlot]!;
    const thread = this.threadOf(key);
    if (this.slots[datagramSlot]! < 0) this.slots[datagramSlot] = thread;
    return thread;
  }

  /** After a batch: main waited for the worker (main may take more), or the worker's lines were ready (it may take more). */
  adjust(mainWaited: boolean): void {
    this.mainShare = Math.min(0.9, Math.max(0.1, this.mainShare + (mainWaited ? SHARE_UP : -SHARE_DOWN)));
  }

  get share(): number {
    return this.mainShare;
  }

  /** Frames main has over its share (negative: under it). */
  private mainExcess(): number {
    return this.mainFrames * (1 - this.mainShare) - this.workerFrames * this.mainShare;
  }
}
