// The current SGR state as plain numbers (cheap to update per escape), and the shared, frozen style objects it stands for.

/** A palette index (0–255: the 16 ANSI colours, the 6×6×6 cube, the grey ramp) or a truecolor `#rrggbb`. */
export type AnsiColour = number | string;

export interface SgrStyle {
  readonly fg: AnsiColour | null;
  readonly bg: AnsiColour | null;
  readonly bold: boolean;
  readonly dim: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
  readonly inverse: boolean;
}

export const DEFAULT_STYLE: SgrStyle = Object.freeze({ fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false });

const BOLD = 1;
const DIM = 2;
const ITALIC = 4;
const UNDERLINE = 8;
const INVERSE = 16;
/** Colours as one number: -1 none, 0–255 palette, TRUECOLOR + 0xrrggbb. */
const NO_COLOUR = -1;
const TRUECOLOR = 0x1000000;
/** Truecolor logs can make many styles: the cache starts over past this many rather than grow without bound. */
const MAX_CACHED_STYLES = 4096;
/** One slot per (attribute flags, no-or-palette foreground) pair: 32 × 257. */
const PLAIN_SLOTS = 32 * 257;

export class SgrState {
  private flags = 0;
  private fg = NO_COLOUR;
  private bg = NO_COLOUR;
  private style: SgrStyle = DEFAULT_STYLE;
  private dirty = false;
  /** Same state, same object: runs compare styles by identity, and renderers can cache per style. */
  private readonly cache = new Map<number, Map<number, SgrStyle>>();
  /** Most styles have no background and a palette foreground: those are found by index, without hashing. */
  private readonly plainCache: (SgrStyle | undefined)[] = new Array<SgrStyle | undefined>(PLAIN_SLOTS).fill(undefined);
  private cached = 0;

  /** The style object for the current state. */
  current(): SgrStyle {
    if (this.dirty) {
      this.dirty = false;
      this.style = this.intern();
    }
    return this.style;
  }

  reset(): void {
    this.flags = 0;
    this.fg = this.bg = NO_COLOUR;
    this.dirty = true;
  }

  /**
   * Applies the parameters params[0..count) of one `ESC [ ... m`. Unknown codes are skipped; a malformed 38/48 consumes
   * what it claimed, as terminals do.
   */
  apply(params: Int32Array, count: number): void {
    this.dirty = true;
    for (let i = 0; i < count; i++) {
      const code = params[i]!;
      if (code === 0) this.reset();
      else if (code < 10) this.flags |= code === 1 ? BOLD : code === 2 ? DIM : code === 3 ? ITALIC : code === 4 ? UNDERLINE : code === 7 ? INVERSE : 0;
      else if (code >= 30 && code <= 37) this.fg = code - 30;
      else if (code >= 40 && code <= 47) this.bg = code - 40;
      else if (code >= 90 && code <= 97) this.fg = code - 82;
      else if (code >= 100 && code <= 107) this.bg = code - 92;
      else if (code === 39) this.fg = NO_COLOUR;
      else if (code === 49) this.bg = NO_COLOUR;
      else if (code === 22) this.flags &= ~(BOLD | DIM);
      else if (code === 23) this.flags &= ~ITALIC;
      else if (code === 24) this.flags &= ~UNDERLINE;
      else if (code === 27) this.flags &= ~INVERSE;
      else if (code === 38 || code === 48) {
        const mode = params[i + 1];
        let colour: number | undefined;
        if (mode === 5 && i + 2 < count) {
          const index = params[i + 2]!;
          if (index <= 255) colour = index;
          i += 2;
        } else if (mode === 2 && i + 4 < count) {
          const r = params[i + 2]!;
          const g = params[i + 3]!;
          const b = params[i + 4]!;
          if (r <= 255 && g <= 255 && b <= 255) colour = TRUECOLOR + ((r << 16) | (g << 8) | b);
          i += 4;
        } else i = count;
        if (colour !== undefined) {
          if (code === 38) this.fg = colour;
          else this.bg = colour;
        }
      }
    }
  }

  private intern(): SgrStyle {
    if (this.flags === 0 && this.fg === NO_COLOUR && this.bg === NO_COLOUR) return DEFAULT_STYLE;
    const plainSlot = this.bg === NO_COLOUR && this.fg < 256 ? this.flags * 257 + this.fg + 1 : -1;
    if (plainSlot >= 0) {
      const known = this.plainCache[plainSlot];
      if (known) return known;
    }
    const outerKey = this.fg * 32 + this.flags;
    let inner = this.cache.get(outerKey);
    const known = inner?.get(this.bg);
    if (known) return known;
    if (this.cached >= MAX_CACHED_STYLES) {
      this.cache.clear();
      this.plainCache.fill(undefined);
      this.cached = 0;
      inner = undefined;
    }
    if (!inner) this.cache.set(outerKey, (inner = new Map()));
    const style: SgrStyle = Object.freeze({
      fg: colourValue(this.fg),
      bg: colourValue(this.bg),
      bold: (this.flags & BOLD) !== 0,
      dim: (this.flags & DIM) !== 0,
      italic: (this.flags & ITALIC) !== 0,
      underline: (this.flags & UNDERLINE) !== 0,
      inverse: (this.flags & INVERSE) !== 0,
    });
    inner.set(this.bg, style);
    if (plainSlot >= 0) this.plainCache[plainSlot] = style;
    this.cached++;
    return style;
  }
}

/** Two hex digits per byte value: truecolor logs make a new style (and colour string) for almost every run. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function colourValue(colour: number): AnsiColour | null {
  if (colour === NO_COLOUR) return null;
  if (colour < TRUECOLOR) return colour;
  const rgb = colour - TRUECOLOR;
  return '#' + HEX_BYTES[rgb >> 16]! + HEX_BYTES[(rgb >> 8) & 0xff]! + HEX_BYTES[rgb & 0xff]!;
}
