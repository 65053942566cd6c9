// Turns a guest's console stream (bytes or text, in arbitrary chunks) into styled text runs: SGR becomes style, every other escape sequence is dropped.

import { SgrState, type SgrStyle } from './sgr-state';
import { batchToRuns, type StyledRun, type StyledRunBatch } from './styled-run-batch';

export { DEFAULT_STYLE, type AnsiColour, type SgrStyle } from './sgr-state';
export type { StyledRun, StyledRunBatch } from './styled-run-batch';

const ESC = 0x1b;
const BEL = 0x07;
/** An unterminated sequence longer than this is garbage (or hostile): it is dropped rather than buffered forever. */
const MAX_PENDING_SEQUENCE = 4096;

/** SGR parameters beyond this many are ignored (no real sequence comes close). */
const MAX_PARAMS = 32;
/** Segment columns start this long and double when a chunk has more. */
const INITIAL_SEGMENTS = 1024;

export class AnsiSgrParser {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  /** The start of an escape sequence cut off by the end of the previous chunk. */
  private pending = '';
  private readonly state = new SgrState();
  /** Reused for every sequence: parsing SGR allocates nothing. */
  private readonly params = new Int32Array(MAX_PARAMS);
  /** The columns of the last batch, reused by the next one so that parsing a chunk allocates (almost) nothing. */
  private starts = new Int32Array(INITIAL_SEGMENTS);
  private ends = new Int32Array(INITIAL_SEGMENTS);
  private readonly styles: SgrStyle[] = [];
  private count = 0;

  get currentStyle(): SgrStyle {
    return this.state.current();
  }

  /** Parses the next chunk; bytes are decoded as UTF-8, a sequence split across chunks is finished by the next one. */
  push(chunk: Uint8Array | string): StyledRun[] {
    return batchToRuns(this.pushBatch(chunk));
  }

  /** As `push`, as columns valid until the next call (the fast path: no object or string per run). */
  pushBatch(chunk: Uint8Array | string): StyledRunBatch {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.parse(this.pending ? this.pending + text : text);
  }

  /** Ends the stream: an incomplete UTF-8 sequence becomes U+FFFD; an unfinished escape sequence is dropped. */
  flush(): StyledRun[] {
    return batchToRuns(this.flushBatch());
  }

  /** As `flush`, as columns valid until the next call. */
  flushBatch(): StyledRunBatch {
    const tail = this.decoder.decode();
    this.pending = '';
    return this.parse(tail);
  }

  /** Forgets the style and any partial sequence, as at the start of a new run. */
  reset(): void {
    this.pending = '';
    this.state.reset();
    this.decoder.decode();
  }

  private parse(text: string): StyledRunBatch {
    this.pending = '';
    this.count = 0;
    const length = text.length;
    let position = 0;
    while (position < length) {
      const escape = text.indexOf('\x1b', position);
      const textEnd = escape < 0 ? length : escape;
      if (textEnd > position) this.emit(position, textEnd);
      if (escape < 0) break;
      const end = text.charCodeAt(escape + 1) === 0x5b ? this.csiEnd(text, escape + 2) : this.sequenceEnd(text, escape);
      if (end < 0) {
        // Cut off by the end of the chunk: keep it for the next one, unless it has grown beyond any real sequence.
        if (length - escape <= MAX_PENDING_SEQUENCE) this.pending = text.slice(escape);
        break;
      }
      position = end;
    }
    return { text, count: this.count, starts: this.starts, ends: this.ends, styles: this.styles };
  }

  private emit(start: number, end: number): void {
    const index = this.count++;
    if (index === this.starts.length) this.grow();
    this.starts[index] = start;
    this.ends[index] = end;
    this.styles[index] = this.state.current();
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  /** Returns the index just past the sequence starting at `start` (an ESC), applying it if it is SGR; -1 when incomplete. */
  private sequenceEnd(text: string, start: number): number {
    const length = text.length;
    if (start + 1 >= length) return -1;
    const kind = text.charCodeAt(start + 1);
    if (kind === 0x5b /* [ */) {
      let i = start + 2;
      // Parameter bytes 0x30–0x3f, intermediate bytes 0x20–0x2f, then one final byte 0x40–0x7e.
      while (i < length) {
        const code = text.charCodeAt(i);
        if (code >= 0x40 && code <= 0x7e) {
          if (code === 0x6d /* m */) this.applySgr(text, start + 2, i);
          return i + 1;
        }
        if (code < 0x20 || code > 0x3f) return i; // not a CSI after all: drop the introducer, keep what follows as text
        i++;
      }
      return -1;
    }
    if (kind === 0x5d /* ] OSC */ || kind === 0x50 /* P DCS */ || kind === 0x58 /* X SOS */ || kind === 0x5e /* ^ PM */ || kind === 0x5f /* _ APC */) {
      // Strings end with BEL (OSC's common form) or ST (ESC \).
      for (let i = start + 2; i < length; i++) {
        const code = text.charCodeAt(i);
        if (code === BEL) return i + 1;
        if (code === ESC) {
          if (i + 1 >= length) return -1;
          if (text.charCodeAt(i + 1) === 0x5c) return i + 2;
        }
      }
      return -1;
    }
    // Other escapes: intermediates 0x20–0x2f then one final byte (ESC c, ESC ( B, ESC 7 ...).
    let i = start + 1;
    while (i < length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++;
    if (i >= length) return -1;
    const final = text.charCodeAt(i);
    return final >= 0x30 && final <= 0x7e ? i + 1 : i;
  }

  /**
   * The hot path, one pass over `ESC [`: reads plain `;` parameters while looking for the final byte; anything unusual
   * (private markers, sub-parameters, intermediates) goes to the general path. Returns the index past the sequence, -1 if cut off.
   */
  private csiEnd(text: string, from: number): number {
    const length = text.length;
    const params = this.params;
    let count = 0;
    let value = 0;
    for (let i = from; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x30 && code <= 0x39) value = value < 0xffff ? value * 10 + (code - 0x30) : value;
      else if (code === 0x3b) {
        if (count < MAX_PARAMS) params[count++] = value;
        value = 0;
      } else if (code === 0x6d /* m */) {
        if (count < MAX_PARAMS) params[count++] = value;
        this.state.apply(params, count);
        return i + 1;
      } else return this.sequenceEnd(text, from - 2);
    }
    return -1;
  }

  /** Applies the parameters between `from` and `to` (exclusive) of an `ESC [ ... m` sequence. */
  private applySgr(text: string, from: number, to: number): void {
    const first = text.charCodeAt(from);
    if (from < to && (first === 0x3c || first === 0x3d || first === 0x3e || first === 0x3f)) return; // private (e.g. `ESC [ > 4 m`): not SGR
    const params = this.params;
    let count = 0;
    let value = 0;
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x30 && code <= 0x39) value = value < 0xffff ? value * 10 + (code - 0x30) : value;
      else if (code === 0x3b) {
        if (count < MAX_PARAMS) params[count++] = value;
        value = 0;
      } else if (code === 0x3a) {
        // Sub-parameters (`38:2::r:g:b`) are rare: the general reader handles them.
        const all = parseParams(text, from, to).slice(0, MAX_PARAMS);
        params.set(all);
        return this.state.apply(params, all.length);
      }
    }
    if (count < MAX_PARAMS) params[count++] = value;
    this.state.apply(params, count);
  }
}

/** SGR parameters as numbers (empty means 0); a `:` group (`38:5:n`, `38:2::r:g:b`, `38:2:r:g:b`) is rewritten in `;` form. */
function parseParams(text: string, from: number, to: number): number[] {
  const params: number[] = [];
  let value = 0;
  let group: (number | undefined)[] | undefined;
  let empty = true;
  for (let i = from; i <= to; i++) {
    const code = i < to ? text.charCodeAt(i) : 0x3b;
    if (code >= 0x30 && code <= 0x39) {
      value = Math.min(value * 10 + (code - 0x30), 0xffff);
      empty = false;
    } else if (code === 0x3a) {
      (group ??= []).push(empty ? undefined : value);
      value = 0;
      empty = true;
    } else if (code === 0x3b) {
      if (group) {
        group.push(empty ? undefined : value);
        params.push(...colonGroup(group));
        group = undefined;
      } else params.push(value);
      value = 0;
      empty = true;
    }
  }
  return params;
}

/** ITU T.416 puts a colour-space id before r:g:b (often empty); xterm also accepts r:g:b straight after the 2. */
function colonGroup(group: (number | undefined)[]): number[] {
  const [code = 0, mode] = group;
  if ((code === 38 || code === 48) && mode === 5) return [code, 5, group[2] ?? 0];
  if ((code === 38 || code === 48) && mode === 2) {
    const rgb = group.length >= 6 ? group.slice(3, 6) : group.slice(2, 5);
    return [code, 2, ...rgb.map((c) => c ?? 0)];
  }
  return [code]; // e.g. `4:3` (curly underline): the main code still counts
}
