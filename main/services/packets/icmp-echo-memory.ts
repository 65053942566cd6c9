// ICMP echo pairing for a held capture: records which request each reply found, and answers the same when it is dissected again.
import { IcmpEchoTable, type IcmpEchoLookup } from '../dissect/icmp-echo-table';

export class IcmpEchoRecorder implements IcmpEchoLookup {
  private readonly table = new IcmpEchoTable();
  /** What the last reply found (0: none); the caller clears it before a frame and reads it after. */
  lastAnswer = 0;

  request(key: string, frameNumber: number): void {
    this.table.request(key, frameNumber);
  }

  requestOf(key: string): number {
    this.lastAnswer = this.table.requestOf(key);
    return this.lastAnswer;
  }
}

export class IcmpEchoReplay implements IcmpEchoLookup {
  /** The answer the frame being dissected again got the first time. */
  next = 0;

  request(): void {}

  requestOf(): number {
    const answer = this.next;
    this.next = 0;
    return answer;
  }
}
