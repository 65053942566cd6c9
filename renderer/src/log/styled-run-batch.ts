// One parsed chunk as columns (offsets into its decoded text plus shared style objects): no object or string per run until one is used.
import type { SgrStyle } from './sgr-state';

/** Plain text in one style; the text is never markup, whatever bytes the guest sent. */
export interface StyledRun {
  text: string;
  style: SgrStyle;
}

/**
 * Segment i is `text.slice(starts[i], ends[i])` in `styles[i]`. Segments are never empty; escape sequences sit between
 * them, so two neighbours may share a style. The arrays belong to the parser and are reused: read a batch before the next push.
 */
export interface StyledRunBatch {
  readonly text: string;
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly styles: readonly SgrStyle[];
}

/** The batch as run objects, neighbours in the same style joined (what a reader sees as one run). */
export function batchToRuns(batch: StyledRunBatch): StyledRun[] {
  const { text, count, starts, ends, styles } = batch;
  const runs: StyledRun[] = [];
  let last: StyledRun | undefined;
  for (let i = 0; i < count; i++) {
    const piece = text.slice(starts[i], ends[i]);
    const style = styles[i]!;
    if (last !== undefined && last.style === style) last.text += piece;
    else runs.push((last = { text: piece, style }));
  }
  return runs;
}
