// .ipynb reading and writing: a notebook in Jupyter's exact layout, with metadata we do not know, round-trips byte for byte.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordCellResult } from '../../../../main/services/notebook/cell-outputs';
import { NotebookFormatError, parseNotebook, serializeNotebook, sourceText, toLines } from '../../../../main/services/notebook/ipynb-format';

const FIXTURE = path.resolve(import.meta.dirname, '../../../fixtures/notebooks/jupyter-written.ipynb');

describe('ipynb format', () => {
  it('writes a Jupyter-written notebook back byte-identical, unknown fields and all', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const notebook = parseNotebook(text);
    expect(notebook.metadata['x-unknown']).toEqual({ nested: [1, 2.5, null, 'é'] });
    expect(notebook.cells[0]!.attachments).toEqual({ 'logo.png': { 'image/png': 'iVBORw0KGgo=' } });
    expect(notebook.cells[1]!['x-cell-extra']).toEqual({ kept: true });
    expect(serializeNotebook(notebook)).toBe(text);
  });

  it('keeps Jupyter key order and layout when keys arrive unsorted', () => {
    const written = serializeNotebook({ nbformat: 4, nbformat_minor: 5, metadata: { b: 1, a: [] }, cells: [{ source: 'x', cell_type: 'raw', metadata: {} }] });
    expect(written).toBe('{\n "cells": [\n  {\n   "cell_type": "raw",\n   "metadata": {},\n   "source": "x"\n  }\n ],\n "metadata": {\n  "a": [],\n  "b": 1\n },\n "nbformat": 4,\n "nbformat_minor": 5\n}\n');
  });

  it('records a kernel result as Jupyter outputs, leaving the rest of the cell alone', () => {
    const notebook = parseNotebook(readFileSync(FIXTURE, 'utf8'));
    const cell = notebook.cells[1]!;
    recordCellResult(cell, {
      executionCount: 1,
      status: 'ok',
      outputs: [
        { output_type: 'stream', name: 'stdout', text: 'a\nb' },
        { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': 'val x : int = 3' }, metadata: {} },
      ],
    });
    expect(cell).toMatchObject({ id: 'c0ffee', execution_count: 1, 'x-cell-extra': { kept: true }, metadata: { vendor: { x: 1 } } });
    expect(cell.outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: ['a\n', 'b'] },
      { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': ['val x : int = 3'] }, metadata: {} },
    ]);
    expect(sourceText(cell.source)).toBe('let x = 3\nlet () = print_endline "hi"');
    expect(toLines('')).toEqual([]);
  });

  it('refuses what is not an nbformat 4 notebook, saying why', () => {
    expect(() => parseNotebook('{')).toThrow(NotebookFormatError);
    expect(() => parseNotebook('{"nbformat": 3, "cells": []}')).toThrow(/nbformat 3 is not supported/);
    expect(() => parseNotebook('{"nbformat": 4, "cells": [{}]}')).toThrow(/cell 1 has no cell_type/);
  });
});
