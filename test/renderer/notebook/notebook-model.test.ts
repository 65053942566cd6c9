// The notebook editor's model: what it saves keeps every unknown field, edits mark it dirty, cell kinds change cleanly.
import { describe, expect, it } from 'vitest';
import type { Notebook } from '../../../main/api';
import { emptyNotebook, NotebookModel } from '../../../renderer/src/notebook/notebook-model';

const notebook = (): Notebook => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'ocaml' }, custom: { keep: true } },
  extra_top_level: 'kept',
  cells: [
    { cell_type: 'markdown', id: 'm1', metadata: { tags: ['t'] }, source: ['# Title\n', 'text'], attachments: { 'a.png': { 'image/png': 'AAAA' } } },
    { cell_type: 'code', id: 'c1', metadata: { custom: 1 }, source: ['1 + 1'], execution_count: 3, outputs: [{ output_type: 'execute_result', execution_count: 3, data: { 'text/plain': ['- : int = 2'] }, metadata: { m: 1 } }], unknown_cell_field: [1, 2] },
  ],
});

describe('NotebookModel', () => {
  it('saves an untouched notebook exactly as read', () => {
    const original = notebook();
    expect(new NotebookModel(structuredClone(original)).toJSON()).toEqual(original);
  });

  it('writes edited sources and new outputs in nbformat’s list-of-lines form and keeps the rest', () => {
    const model = new NotebookModel(notebook());
    const [, code] = model.cells;
    expect(model.isDirty).toBe(false);
    model.setSource(code!, 'let x = 1\nlet y = 2');
    model.setOutputs(code!, [{ output_type: 'stream', name: 'stdout', text: 'a\nb' }, { output_type: 'display_data', data: { 'image/png': 'iVBOR', 'text/plain': 'img\n' }, metadata: {} }], 1);
    expect(model.isDirty).toBe(true);
    const saved = model.toJSON();
    expect(saved.extra_top_level).toBe('kept');
    expect(saved.cells[1]).toEqual({
      cell_type: 'code', id: 'c1', metadata: { custom: 1 }, source: ['let x = 1\n', 'let y = 2'], execution_count: 1, unknown_cell_field: [1, 2],
      outputs: [{ output_type: 'stream', name: 'stdout', text: ['a\n', 'b'] }, { output_type: 'display_data', data: { 'image/png': 'iVBOR', 'text/plain': ['img\n'] }, metadata: {} }],
    });
    expect(saved.cells[0]).toEqual(notebook().cells[0]);
    model.markSaved();
    expect(model.isDirty).toBe(false);
  });

  it('turns a code cell into markdown without outputs and back into code with empty ones', () => {
    const model = new NotebookModel(notebook());
    const code = model.cells[1]!;
    model.setKind(code, 'markdown');
    expect(model.toJSON().cells[1]).toEqual({ cell_type: 'markdown', id: 'c1', metadata: { custom: 1 }, source: ['1 + 1'], unknown_cell_field: [1, 2] });
    model.setKind(code, 'code');
    expect(model.toJSON().cells[1]).toMatchObject({ cell_type: 'code', outputs: [], execution_count: null });
  });

  it('adds, moves and deletes cells; new cells get nbformat 4.5 ids', () => {
    const model = new NotebookModel(notebook());
    const added = model.createCell('code', 'print_endline "hi"');
    model.insert(1, added);
    expect(model.toJSON().cells.map((cell) => cell.cell_type)).toEqual(['markdown', 'code', 'code']);
    expect(model.toJSON().cells[1]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{16}$/), source: ['print_endline "hi"'], outputs: [], execution_count: null, metadata: {} });
    expect(model.move(added, -1)).toBe(true);
    expect(model.move(added, -1)).toBe(false);
    expect(model.cells[0]).toBe(added);
    model.remove(added);
    expect(model.toJSON().cells).toEqual(notebook().cells);
  });

  it('gives no ids to cells of an nbformat 4.4 notebook', () => {
    const model = new NotebookModel({ ...notebook(), nbformat_minor: 4 });
    expect(model.createCell('markdown').toJSON().id).toBeUndefined();
  });

  it('keeps collapsed outputs in the cell metadata, as Jupyter does', () => {
    const model = new NotebookModel(notebook());
    const code = model.cells[1]!;
    model.setOutputsCollapsed(code, true);
    expect(code.outputsCollapsed).toBe(true);
    expect(model.toJSON().cells[1]!.metadata).toEqual({ custom: 1, jupyter: { outputs_hidden: true } });
    model.setOutputsCollapsed(code, false);
    expect(model.toJSON().cells[1]!.metadata).toEqual({ custom: 1 });
  });

  it('does not count run states as edits', () => {
    const model = new NotebookModel(notebook());
    model.setRunState(model.cells[1]!, 'running');
    expect(model.isDirty).toBe(false);
  });

  it('makes a new notebook with one empty code cell', () => {
    expect(emptyNotebook({ kernelspec: { name: 'ocaml' } })).toMatchObject({ nbformat: 4, nbformat_minor: 5, cells: [{ cell_type: 'code', source: [], outputs: [], execution_count: null }] });
  });
});
