// Splits the toplevel's stdout into the cell's own text and the driver's frames (`\0<nonce> <kind> [args] <length>\n<payload>`).
import { StringDecoder } from 'node:string_decoder';

export type KernelStdoutEvent = { type: 'text'; text: string } | { type: 'frame'; kind: string; args: string[]; payload: Buffer };

export class KernelFrameReader {
  private readonly marker: Buffer;
  private pending: Buffer = Buffer.alloc(0);
  private header: { kind: string; args: string[]; length: number } | undefined;
  private readonly decoder = new StringDecoder('utf8');

  constructor(nonce: string) {
    this.marker = Buffer.from(`\0${nonce} `);
  }

  feed(chunk: Buffer): KernelStdoutEvent[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const events: KernelStdoutEvent[] = [];
    for (;;) {
      if (this.header) {
        if (this.pending.length < this.header.length) break;
        events.push({ type: 'frame', kind: this.header.kind, args: this.header.args, payload: this.pending.subarray(0, this.header.length) });
        this.pending = this.pending.subarray(this.header.length);
        this.header = undefined;
        continue;
      }
      const at = this.pending.indexOf(this.marker);
      if (at < 0) {
        // Keep back a tail that could be the start of a marker split across chunks.
        const keep = this.possibleMarkerStart();
        this.emitText(events, this.pending.subarray(0, keep));
        this.pending = this.pending.subarray(keep);
        break;
      }
      const newline = this.pending.indexOf(0x0a, at);
      if (newline < 0) {
        this.emitText(events, this.pending.subarray(0, at));
        this.pending = this.pending.subarray(at);
        break;
      }
      this.emitText(events, this.pending.subarray(0, at));
      const words = this.pending.subarray(at + this.marker.length, newline).toString('utf8').split(' ');
      const length = Number(words.pop());
      const [kind = '', ...args] = words;
      this.header = { kind, args, length };
      this.pending = this.pending.subarray(newline + 1);
    }
    return events;
  }

  private possibleMarkerStart(): number {
    const from = Math.max(0, this.pending.length - this.marker.length + 1);
    for (let index = this.pending.indexOf(0, from); index >= 0; index = this.pending.indexOf(0, index + 1)) {
      if (this.marker.subarray(0, this.pending.length - index).equals(this.pending.subarray(index))) return index;
    }
    return this.pending.length;
  }

  private emitText(events: KernelStdoutEvent[], bytes: Buffer): void {
    if (bytes.length === 0) return;
    const text = this.decoder.write(bytes);
    if (text) events.push({ type: 'text', text });
  }
}
