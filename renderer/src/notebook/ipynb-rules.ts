// nbformat's storage rules, ported from main/services/notebook for the renderer: text as lists of lines, base64 images as strings.
import type { JupyterOutput, MultilineString } from '../../../main/api';

export function joinMultiline(text: MultilineString | unknown): string {
  if (Array.isArray(text)) return text.join('');
  return typeof text === 'string' ? text : '';
}

/** nbformat's list-of-lines form, each line keeping its "\n". */
export function toLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** An output as Jupyter stores it: stream text and text mime data as lines; binary images stay one base64 string. */
export function storedOutput(output: JupyterOutput): JupyterOutput {
  if (output.output_type === 'stream') return { ...output, text: toLines(joinMultiline(output.text)) };
  if (output.output_type === 'error') return output;
  const data = Object.fromEntries(
    Object.entries(output.data).map(([mime, value]) => [mime, typeof value === 'string' && !/^image\/(png|jpeg|gif|webp)$/.test(mime) ? toLines(value) : value]),
  );
  return { ...output, data };
}

/** Appends a streamed output to a cell's outputs as the kernel's collector does: adjacent text of one stream is one output. */
export function appendOutput(outputs: JupyterOutput[], output: JupyterOutput): JupyterOutput[] {
  const last = outputs.at(-1);
  if (output.output_type === 'stream' && last?.output_type === 'stream' && last.name === output.name) {
    return [...outputs.slice(0, -1), { ...last, text: joinMultiline(last.text) + joinMultiline(output.text) }];
  }
  return [...outputs, output];
}
