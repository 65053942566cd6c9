// A code cell's outputs: streams (ANSI colours kept, appended as they arrive), values, errors, and rich display data.
import type { JupyterOutput } from '../../../main/api';
import { AnsiSgrParser } from '../log/ansi-sgr-parser';
import { el, icon } from '../workbench/element';
import { appendAnsiText } from './ansi-text';
import { sanitizeHtml } from './html-sanitizer';
import { joinMultiline } from './ipynb-rules';
import { renderMarkdown } from './markdown-view';

/** Which representation of a mime bundle is shown, best first (as Jupyter picks). */
const MIME_ORDER = ['text/html', 'text/markdown', 'image/svg+xml', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain'];
const BINARY_IMAGE = /^image\/(png|jpeg|gif|webp)$/;

export class CellOutputsView {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private lastStream: { name: string; element: HTMLElement; parser: AnsiSgrParser } | undefined;

  constructor(label: string) {
    this.list = el('div', { className: 'cell-output-list' });
    this.element = el('div', { className: 'cell-outputs', role: 'region', 'aria-label': label, 'aria-live': 'polite' }, this.list);
  }

  setLabel(label: string): void {
    this.element.setAttribute('aria-label', label);
  }

  setOutputs(outputs: readonly JupyterOutput[]): void {
    this.list.replaceChildren();
    this.lastStream = undefined;
    for (const output of outputs) this.append(output);
  }

  /** Adds one output; stream text joins the previous output of the same stream, as Jupyter shows it. */
  append(output: JupyterOutput): void {
    if (output.output_type === 'stream') {
      if (this.lastStream?.name !== output.name) {
        const element = el('pre', { className: `output-stream output-${output.name}` });
        this.list.append(el('div', { className: 'cell-output' }, element));
        this.lastStream = { name: output.name, element, parser: new AnsiSgrParser() };
      }
      appendAnsiText(this.lastStream.element, this.lastStream.parser, joinMultiline(output.text));
      return;
    }
    this.lastStream = undefined;
    this.list.append(el('div', { className: 'cell-output' }, outputNode(output)));
  }

  get isEmpty(): boolean {
    return this.list.childElementCount === 0;
  }
}

function outputNode(output: JupyterOutput): Node {
  switch (output.output_type) {
    case 'error':
      return errorNode(output.ename, output.evalue, output.traceback);
    case 'execute_result':
    case 'display_data':
      if (isSummary(output.metadata ?? {}) && output.data['text/plain'] !== undefined) {
        return el('div', { className: 'output-summary', role: 'note' }, joinMultiline(output.data['text/plain']));
      }
      return mimeNode(output.data as Record<string, unknown>);
    default:
      return el('div', { className: 'output-unknown' }, `An output of type ${String((output as { output_type: unknown }).output_type)} that Mirador does not show.`);
  }
}

/** A magic's one-line result (build done, guest stopped), marked in the output's metadata. */
function isSummary(metadata: Record<string, unknown>): boolean {
  const mirador = metadata.mirador as { summary?: unknown } | undefined;
  return mirador?.summary === true;
}

function errorNode(ename: string, evalue: string, traceback: string[]): Node {
  const box = el('div', { className: 'output-error', role: 'group', 'aria-label': `Error: ${ename}` }, el('div', { className: 'output-error-title' }, icon('error'), el('strong', {}, ename), el('span', {}, `: ${evalue}`)));
  // A traceback that says more than the one-line value (a source excerpt with carets, a Jupyter traceback with its
  // ANSI colours) is shown under it; one that only repeats it in other words (OCaml's reports often do) is not.
  const details = traceback.join('\n').trim();
  if (details && !repeats(details, `${ename}: ${evalue}`)) {
    const pre = el('pre', { className: 'output-traceback' });
    appendAnsiText(pre, new AnsiSgrParser(), details);
    box.append(pre);
  }
  return box;
}

function mimeNode(data: Record<string, unknown>): Node {
  const mime = MIME_ORDER.find((candidate) => data[candidate] !== undefined) ?? Object.keys(data)[0];
  if (mime === undefined) return el('div', { className: 'output-unknown' }, 'An empty output.');
  const value = data[mime];
  const text = joinMultiline(value);
  if (mime === 'text/plain') return el('pre', { className: 'output-text' }, text);
  if (mime === 'text/markdown') return el('div', { className: 'output-markdown markdown-body' }, renderMarkdown(text, { attachment: () => undefined }));
  if (mime === 'text/html') return el('div', { className: 'output-html' }, sanitizeHtml(text));
  if (mime === 'image/svg+xml') {
    // As an image, never as inline markup: an SVG can carry script.
    return el('img', { className: 'output-image', src: `data:image/svg+xml;base64,${utf8Base64(text)}`, alt: 'SVG image output' });
  }
  if (BINARY_IMAGE.test(mime)) {
    return el('img', { className: 'output-image', src: `data:${mime};base64,${text.replace(/\s+/g, '')}`, alt: `${mime.slice(6).toUpperCase()} image output` });
  }
  const plain = data['text/plain'];
  if (plain !== undefined) return el('pre', { className: 'output-text' }, joinMultiline(plain));
  return el('div', { className: 'output-unknown' }, `An output of type ${mime}, which Mirador does not show.`);
}

function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** Whether a traceback's words, without position lines and prefixes, are all in the summary line. */
function repeats(traceback: string, summary: string): boolean {
  const words = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '').replace(/(Lines? \d+[^:\n]*:|Error:|Exception:)/g, ' ').replace(/[\s.]+/g, ' ').trim();
  return words(summary).includes(words(traceback));
}
