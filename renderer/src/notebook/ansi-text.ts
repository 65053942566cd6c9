// Console and traceback text with its ANSI colours kept, as styled spans (text always as text).
import { AnsiSgrParser, type StyledRun } from '../log/ansi-sgr-parser';
import { ansiColourCss } from '../log/ansi-colour-css';

/** Appends `text` to `target` as spans; the parser carries the style across chunks of one stream. */
export function appendAnsiText(target: HTMLElement, parser: AnsiSgrParser, text: string): void {
  for (const run of parser.push(text)) target.append(styledRun(run));
}

function styledRun(run: StyledRun): Node {
  const { style } = run;
  if (style.fg === null && style.bg === null && !style.bold && !style.dim && !style.italic && !style.underline && !style.inverse) {
    return document.createTextNode(run.text);
  }
  const span = document.createElement('span');
  span.textContent = run.text;
  const fg = style.fg === null ? null : ansiColourCss(style.fg);
  const bg = style.bg === null ? null : ansiColourCss(style.bg);
  const [color, background] = style.inverse ? [bg ?? 'var(--notebook-output-bg)', fg ?? 'var(--mirador-fg)'] : [fg, bg];
  if (color) span.style.color = color;
  if (background) span.style.backgroundColor = background;
  if (style.bold) span.style.fontWeight = 'bold';
  if (style.dim) span.style.opacity = '0.6';
  if (style.italic) span.style.fontStyle = 'italic';
  if (style.underline) span.style.textDecoration = 'underline';
  return span;
}
