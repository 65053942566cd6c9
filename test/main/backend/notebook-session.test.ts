// The notebook requests through a real backend connection on the real OCaml toplevel: files, cells, events, kernels' lives.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/backend/backend';
import { BackendTestClient, startTestBackend, toplevelChildren } from './backend-test-client';

const hasOcaml = spawnSync('ocaml', ['-version']).status === 0;
if (!hasOcaml) console.warn('SKIPPED test/main/backend/notebook-session: no `ocaml` on PATH (apt-get install ocaml-interp libfindlib-ocaml-dev)');

/** Written by hand in Jupyter's layout, with metadata and fields Mirador does not know. */
const JUPYTER_NOTEBOOK = `{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "intro",
   "metadata": {
    "tags": [
     "keep-me"
    ]
   },
   "source": [
    "# Title\\n",
    "Some *text*."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 7,
   "id": "code-1",
   "metadata": {
    "collapsed": false,
    "custom": {
     "x": 1
    }
   },
   "outputs": [
    {
     "data": {
      "text/plain": [
       "- : int = 2"
      ]
     },
     "execution_count": 7,
     "metadata": {
      "unknown": true
     },
     "output_type": "execute_result"
    }
   ],
   "source": [
    "1 + 1"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "OCaml",
   "language": "OCaml",
   "name": "ocaml"
  },
  "widgets": {
   "state": {}
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

const until = async (condition: () => boolean, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('notebook files through the backend', () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'mirador-notebook-files-'));
  let backend: Backend;
  let cleanup: () => Promise<void>;
  let client: BackendTestClient;
  beforeAll(async () => {
    writeFileSync(path.join(workspace, 'jupyter.ipynb'), JUPYTER_NOTEBOOK);
    writeFileSync(path.join(workspace, 'broken.ipynb'), '{ "cells": ');
    ({ backend, cleanup } = await startTestBackend(workspace));
    client = BackendTestClient.connect(backend);
  });
  afterAll(async () => {
    client.disconnect();
    await cleanup();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('reads a Jupyter notebook and writes it back byte for byte, unknown metadata included', async () => {
    const file = await client.request('notebook/read', { path: 'jupyter.ipynb' });
    expect(file.notebook.cells.map((cell) => cell.id)).toEqual(['intro', 'code-1']);
    await client.request('notebook/write', { path: 'copy.ipynb', notebook: file.notebook });
    expect(readFileSync(path.join(workspace, 'copy.ipynb'), 'utf8')).toBe(JUPYTER_NOTEBOOK);
  });

  it('refuses to overwrite a notebook changed on disk since it was read', async () => {
    const file = await client.request('notebook/read', { path: 'jupyter.ipynb' });
    writeFileSync(path.join(workspace, 'jupyter.ipynb'), JUPYTER_NOTEBOOK.replace('Title', 'Changed'));
    await expect(client.request('notebook/write', { path: 'jupyter.ipynb', notebook: file.notebook, expectedMtimeMs: file.mtimeMs - 1000 })).rejects.toMatchObject({ data: { code: 'conflict' } });
  });

  it('says why a broken notebook cannot be opened, and refuses paths outside the workspace', async () => {
    await expect(client.request('notebook/read', { path: 'broken.ipynb' })).rejects.toMatchObject({ message: /broken\.ipynb is not a notebook Mirador can open \(not JSON/ });
    await expect(client.request('notebook/write', { path: '../escape.ipynb', notebook: { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] } })).rejects.toMatchObject({ data: { code: 'outside-workspace' } });
    await expect(client.request('notebook/write', { path: 'x.ipynb', notebook: { cells: 'no' } as never })).rejects.toMatchObject({ data: { code: 'invalid-params' } });
  });

  it('copies the tutorial into the workspace once', async () => {
    const { path: tutorial } = await client.request('notebook/copyTutorial');
    expect(tutorial).toBe('lwt-for-unikernel-developers.ipynb');
    writeFileSync(path.join(workspace, tutorial), JUPYTER_NOTEBOOK);
    await client.request('notebook/copyTutorial');
    expect(readFileSync(path.join(workspace, tutorial), 'utf8')).toBe(JUPYTER_NOTEBOOK);
  });
});

describe.skipIf(!hasOcaml)('notebook kernels through the backend', () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'mirador-notebook-kernels-'));
  let backend: Backend;
  let cleanup: () => Promise<void>;
  let client: BackendTestClient;
  let notebookId: number;
  beforeAll(async () => {
    writeFileSync(path.join(workspace, 'data.txt'), 'from the workspace\n');
    ({ backend, cleanup } = await startTestBackend(workspace));
    client = BackendTestClient.connect(backend);
    ({ notebookId } = await client.request('notebook/start', { path: 'a.ipynb' }));
  });
  afterAll(async () => {
    client.disconnect();
    await cleanup();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('starts no toplevel until a cell runs', () => {
    expect(client.eventsOf('notebook/status')).toEqual([]);
  });

  it('runs a cell, streaming its outputs as events tagged with the cell, and reports busy then idle', async () => {
    const result = await client.request('notebook/execute', { notebookId, cellId: 'cell-a', code: 'print_endline "hello";;\n1 + 1' });
    expect(result).toMatchObject({ status: 'ok', executionCount: 1 });
    expect(client.eventsOf('notebook/output').filter((event) => event.cellId === 'cell-a').map((event) => event.output)).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'hello\n' },
      { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': '- : unit = ()' }, metadata: {} },
      { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': '- : int = 2' }, metadata: {} },
    ]);
    expect(client.eventsOf('notebook/status').map((event) => event.status)).toEqual(['starting', 'idle', 'busy', 'idle']);
  });

  it('runs the toplevel in the workspace folder', async () => {
    const result = await client.request('notebook/execute', { notebookId, cellId: 'cell-cwd', code: 'input_line (open_in "data.txt")' });
    expect(result.outputs).toMatchObject([{ data: { 'text/plain': '- : string = "from the workspace"' } }]);
  });

  it('interrupts an endless loop within a second, and the kernel answers the next cell', async () => {
    const running = client.request('notebook/execute', { notebookId, cellId: 'loop', code: 'while true do () done' });
    await client.waitFor('notebook/status', (event) => event.status === 'busy' && client.eventsOf('notebook/status').length > 4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const asked = Date.now();
    await client.request('notebook/interrupt', { notebookId });
    const result = await running;
    expect(Date.now() - asked).toBeLessThan(1000);
    expect(result).toMatchObject({ status: 'interrupted', error: { ename: 'Interrupted' } });
    expect((await client.request('notebook/execute', { notebookId, cellId: 'after', code: '"still here"' })).outputs).toMatchObject([{ data: { 'text/plain': '- : string = "still here"' } }]);
  });

  it('completes from the toplevel at the cursor', async () => {
    await client.request('notebook/execute', { notebookId, cellId: 'def', code: 'let greeting_text = "hi"' });
    const code = 'let n = List.ma';
    expect(await client.request('notebook/complete', { notebookId, code, offset: code.length })).toMatchObject({ from: 13, source: 'toplevel', items: expect.arrayContaining([{ label: 'map', kind: 'value', detail: "('a -> 'b) -> 'a list -> 'b list" }]) });
    const mine = await client.request('notebook/complete', { notebookId, code: 'print_string greeting_', offset: 22 });
    expect(mine).toEqual({ from: 13, source: 'toplevel', items: [{ label: 'greeting_text', kind: 'value', detail: 'string' }] });
    expect(await client.request('notebook/complete', { notebookId, code: 'x.', offset: 2 })).toEqual({ from: 2, items: [], source: 'toplevel' });
  });

  it('reports a toplevel that dies, restarts it with a notice, and keeps going', async () => {
    const result = await client.request('notebook/execute', { notebookId, cellId: 'die', code: 'exit 3' });
    expect(result).toMatchObject({ status: 'died', error: { ename: 'Kernel died' } });
    const notice = await client.waitFor('notebook/notice', () => true);
    expect(notice).toEqual({ notebookId, text: 'a.ipynb: The OCaml toplevel exited with status 3; restarting it.' });
    expect(client.eventsOf('notebook/status').map((event) => event.status)).toContain('dead');
    const next = await client.request('notebook/execute', { notebookId, cellId: 'next', code: '2 + 2' });
    expect(next.outputs).toMatchObject([{ data: { 'text/plain': '- : int = 4' } }]);
  });

  it('restarts on request: definitions are gone and the count starts again', async () => {
    await client.request('notebook/execute', { notebookId, cellId: 'def2', code: 'let kept = 1' });
    await client.request('notebook/restart', { notebookId });
    const result = await client.request('notebook/execute', { notebookId, cellId: 'after-restart', code: 'kept' });
    expect(result).toMatchObject({ executionCount: 1, status: 'error' });
  });

  it('ends the kernel process when the notebook closes, and refuses it afterwards', async () => {
    const { notebookId: other } = await client.request('notebook/start', { path: 'b.ipynb' });
    const before = toplevelChildren();
    await client.request('notebook/execute', { notebookId: other, cellId: 'x', code: '()' });
    const started = toplevelChildren().filter((pid) => !before.includes(pid));
    expect(started).toHaveLength(1);
    await client.request('notebook/close', { notebookId: other });
    await until(() => !toplevelChildren().includes(started[0]!), 'the closed notebook’s toplevel to exit');
    await expect(client.request('notebook/execute', { notebookId: other, cellId: 'y', code: '()' })).rejects.toMatchObject({ data: { code: 'not-found' } });
  });

  it('ends every kernel, even a busy one, when the connection goes', async () => {
    const second = BackendTestClient.connect(backend);
    const { notebookId: busy } = await second.request('notebook/start', { path: 'c.ipynb' });
    const before = toplevelChildren();
    void second.request('notebook/execute', { notebookId: busy, cellId: 'spin', code: 'while true do () done' }).catch(() => undefined);
    await second.waitFor('notebook/status', (event) => event.status === 'busy');
    const started = toplevelChildren().filter((pid) => !before.includes(pid));
    expect(started).toHaveLength(1);
    second.disconnect();
    await until(() => !toplevelChildren().includes(started[0]!), 'the disconnected client’s toplevel to exit');
  });
});
