// Reads and writes .ipynb (nbformat 4.x) keeping every field we do not understand, in Jupyter's own layout.
import type { MultilineString } from '../../api/notebook-outputs';
import type { Notebook } from '../../api/notebook-protocol';

export type { Notebook, NotebookCell } from '../../api/notebook-protocol';
export { OCAML_NOTEBOOK_METADATA } from '../../api/notebook-protocol';

export class NotebookFormatError extends Error {
  override name = 'NotebookFormatError';
}

export function parseNotebook(text: string): Notebook {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new NotebookFormatError(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(value) || typeof value.nbformat !== 'number' || !Array.isArray(value.cells)) throw new NotebookFormatError('not a notebook: no nbformat or cells');
  if (value.nbformat !== 4) throw new NotebookFormatError(`nbformat ${value.nbformat} is not supported (only 4)`);
  value.cells.forEach((cell, index) => {
    if (!isObject(cell) || typeof cell.cell_type !== 'string' || !('source' in cell)) throw new NotebookFormatError(`cell ${index + 1} has no cell_type or source`);
  });
  return value as Notebook;
}

/** As Jupyter writes it (json.dumps with sort_keys, indent=1, ensure_ascii=False, then a newline), so its files round-trip unchanged. */
export function serializeNotebook(notebook: Notebook): string {
  return `${JSON.stringify(sortKeys(notebook), null, 1)}\n`;
}

export function sourceText(source: MultilineString): string {
  return Array.isArray(source) ? source.join('') : source;
}

/** nbformat's list-of-lines form, each line keeping its "\n". */
export function toLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
