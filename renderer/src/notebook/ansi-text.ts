// Console and traceback text with its ANSI colours kept, as styled spans (text always as text).
import type { AnsiSgrParser } from '../log/ansi-sgr-parser';
import { styledRunNode } from '../log/styled-run-node';

/** Appends `text` to `target` as spans; the parser carries the style across chunks of one stream. */
export function appendAnsiText(target: HTMLElement, parser: AnsiSgrParser, text: string): void {
  for (const run of parser.push(text)) target.append(styledRunNode(run, 'var(--notebook-output-bg)'));
}
