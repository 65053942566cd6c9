// Records each TCP stream's state as every segment found it, so any frame can later be dissected again on its own.
import { TcpStreamTable, type TcpStream, type TcpStreamLookup } from '../dissect/tcp-stream-table';

/** A stream's state frozen at one moment; consecutive segments that saw the same state share one snapshot. */
export interface TcpStreamSnapshot {
  readonly index: number;
  /** Per sending side ("addr:port"): initial sequence number and window shift. */
  readonly directions: readonly (readonly [key: string, baseSeq: number, windowShift: number])[];
  readonly tlsVersion: string | undefined;
  readonly isTls: boolean;
  readonly tlsRetryPending: boolean;
}

/**
 * Words per snapshot: stream index, then two sides (endpoint id + 1 or 0, base sequence, window shift + 2), then TLS state
 * (version id + 1, or 0; plus 0x100 once the stream is known to carry TLS, 0x200 while a Hello Retry Request waits).
 * Snapshots live in one typed array: a capture of many short connections makes hundreds of thousands of them.
 */
const WORDS = 8;
const NO_ENDPOINT = 0;

export class TcpStreamHistory implements TcpStreamLookup {
  private readonly table = new TcpStreamTable();
  /** Snapshot 0 is "no TCP stream", so per-frame ids fit a zero-filled typed array. */
  private words = new Uint32Array(1024 * WORDS);
  private count = 1;
  private readonly latestByStream: number[] = [];
  private readonly endpoints: string[] = [];
  private readonly endpointIds = new Map<string, number>();
  private readonly tlsVersions: string[] = [];
  /** Snapshot id of the most recent lookup: the caller clears it before a frame and reads it after. */
  lastSnapshot = 0;

  lookup(from: string, to: string, synSeq: number): TcpStream {
    const stream = this.table.lookup(from, to, synSeq);
    this.lastSnapshot = this.record(stream);
    return stream;
  }

  /** The stream index a snapshot belongs to (its tcp.stream), or undefined for id 0. */
  streamIndex(id: number): number | undefined {
    return id > 0 && id < this.count ? this.words[id * WORDS]! : undefined;
  }

  snapshot(id: number): TcpStreamSnapshot | undefined {
    if (id <= 0 || id >= this.count) return undefined;
    const at = id * WORDS;
    const directions: [string, number, number][] = [];
    for (let side = 0; side < 2; side++) {
      const endpoint = this.words[at + 1 + side * 3]!;
      if (endpoint !== NO_ENDPOINT) directions.push([this.endpoints[endpoint - 1]!, this.words[at + 2 + side * 3]!, this.words[at + 3 + side * 3]! - 2]);
    }
    const tls = this.words[at + 7]!;
    return { index: this.words[at]!, directions, tlsVersion: (tls & 0xff) === 0 ? undefined : this.tlsVersions[(tls & 0xff) - 1], isTls: (tls & 0x100) !== 0, tlsRetryPending: (tls & 0x200) !== 0 };
  }

  private record(stream: TcpStream): number {
    const encoded = this.encode(stream);
    const latest = this.latestByStream[stream.index];
    if (latest !== undefined && encoded.every((word, offset) => this.words[latest * WORDS + offset] === word)) return latest;
    if ((this.count + 1) * WORDS > this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    this.words.set(encoded, this.count * WORDS);
    this.latestByStream[stream.index] = this.count;
    return this.count++;
  }

  private encode(stream: TcpStream): number[] {
    const encoded = [stream.index, NO_ENDPOINT, 0, 0, NO_ENDPOINT, 0, 0, 0];
    let side = 0;
    for (const [key, direction] of stream.directions) {
      if (side === 2) break;
      encoded[1 + side * 3] = this.endpointId(key) + 1;
      encoded[2 + side * 3] = direction.baseSeq;
      encoded[3 + side * 3] = direction.windowShift + 2;
      side++;
    }
    if (stream.tlsVersion !== undefined) {
      let version = this.tlsVersions.indexOf(stream.tlsVersion);
      if (version < 0) version = this.tlsVersions.push(stream.tlsVersion) - 1;
      encoded[7] = version + 1;
    }
    if (stream.isTls) encoded[7]! |= 0x100;
    if (stream.tlsRetryPending) encoded[7]! |= 0x200;
    return encoded;
  }

  private endpointId(key: string): number {
    let id = this.endpointIds.get(key);
    if (id === undefined) {
      id = this.endpoints.push(key) - 1;
      this.endpointIds.set(key, id);
    }
    return id;
  }
}
