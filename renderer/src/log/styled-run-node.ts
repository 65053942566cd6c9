// One run of ANSI-styled guest text as a DOM node: text always goes in with textContent, whatever it contains.
import { ansiColourCss } from './ansi-colour-css';
import type { StyledRun } from './ansi-sgr-parser';

/** `inverseBackground`: the CSS colour an inverse run without its own foreground shows as background. */
export function styledRunNode(run: StyledRun, inverseBackground: string): Node {
  const { style } = run;
  if (style.fg === null && style.bg === null && !style.bold && !style.dim && !style.italic && !style.underline && !style.inverse) return document.createTextNode(run.text);
  const span = document.createElement('span');
  span.textContent = run.text;
  const fg = style.fg === null ? null : ansiColourCss(style.fg);
  const bg = style.bg === null ? null : ansiColourCss(style.bg);
  const [color, background] = style.inverse ? [bg ?? inverseBackground, fg ?? 'var(--mirador-fg)'] : [fg, bg];
  if (color) span.style.color = color;
  if (background) span.style.backgroundColor = background;
  if (style.bold) span.style.fontWeight = 'bold';
  if (style.dim) span.style.opacity = '0.6';
  if (style.italic) span.style.fontStyle = 'italic';
  if (style.underline) span.style.textDecoration = 'underline';
  return span;
}
