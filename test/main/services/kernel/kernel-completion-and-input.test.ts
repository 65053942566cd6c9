// The kernel's completion from the real toplevel, cells reading stdin, unknown packages, and non-OCaml tasks in the queue.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcamlKernel } from '../../../../main/services/kernel/ocaml-kernel';

const hasOcaml = spawnSync('ocaml', ['-version']).status === 0;
const hasLwt = spawnSync('ocamlfind', ['query', 'lwt.unix']).status === 0;
if (!hasOcaml) console.warn('SKIPPED test/main/services/kernel completion: no `ocaml` on PATH (apt-get install ocaml-interp libfindlib-ocaml-dev)');

describe.skipIf(!hasOcaml)('OcamlKernel completion, stdin and packages', () => {
  let kernel: OcamlKernel;
  beforeAll(() => {
    kernel = new OcamlKernel();
  });
  afterAll(async () => {
    await kernel.shutdown();
  });

  it('completes a module member with its type', async () => {
    const items = await kernel.complete('List.ma');
    expect(items?.map((item) => item.label)).toEqual(expect.arrayContaining(['map', 'map2', 'mapi']));
    expect(items?.find((item) => item.label === 'map')).toEqual({ label: 'map', kind: 'value', detail: "('a -> 'b) -> 'a list -> 'b list" });
    expect(items?.every((item) => item.label.startsWith('ma'))).toBe(true);
  });

  it('completes the cells’ own definitions and Stdlib names, but not the driver’s internals', async () => {
    await kernel.execute('let my_counter = ref 0\nmodule My_module = struct let x = 1 end');
    const mine = await kernel.complete('my_');
    expect(mine).toEqual([{ label: 'my_counter', kind: 'value', detail: 'int ref' }]);
    expect((await kernel.complete('My_module.'))?.map((item) => item.label)).toEqual(['x']);
    expect((await kernel.complete('print_e'))?.map((item) => item.label)).toEqual(['print_endline']);
    expect(await kernel.complete('nonce')).toEqual([]);
    expect((await kernel.complete('Mira'))?.map((item) => item.label)).toEqual(['Mirador']);
    expect((await kernel.complete('Nope.x'))).toEqual([]);
  });

  it('completes from modules the cells opened', async () => {
    await kernel.execute('open Printf');
    expect((await kernel.complete('sprin'))?.map((item) => item.label)).toEqual(['sprintf']);
  });

  it('answers no completion while a cell runs, and the cell is not disturbed', async () => {
    const running = kernel.execute('let t = Sys.time () in while Sys.time () -. t < 0.3 do () done; "done"');
    expect(await kernel.complete('List.')).toBeNull();
    expect((await running).outputs).toEqual([{ output_type: 'execute_result', execution_count: expect.any(Number), data: { 'text/plain': '- : string = "done"' }, metadata: {} }]);
  });

  it('gives a cell that reads stdin end of file, says so, and the next cell runs', async () => {
    const result = await kernel.execute('let line = read_line ()');
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ ename: 'End_of_file' });
    expect(result.error!.evalue).toContain('no standard input');
    expect((await kernel.execute('1 + 1')).outputs).toMatchObject([{ data: { 'text/plain': '- : int = 2' } }]);
  });

  it('makes an unknown #require package an error at its line, and stops the cell there', async () => {
    const result = await kernel.execute('let before = 1;;\n#require "no_such_package_here";;\nprint_string "not run"');
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ ename: 'Error', position: { line: 2, startColumn: 0 } });
    expect(result.error!.evalue).toMatch(/^Line 2, characters 0-\d+: No such package: no_such_package_here/);
    expect(result.outputs.some((output) => output.output_type === 'stream')).toBe(false);
  });

  it.skipIf(!hasLwt)('still loads a real package after that, and completes its modules', async () => {
    expect((await kernel.execute('#require "lwt.unix"')).status).toBe('ok');
    expect((await kernel.complete('Lwt_io.printl'))?.map((item) => item.label)).toEqual(['printl', 'printlf']);
  });

  it('runs a task between cells with the next execution count and busy status', async () => {
    const before = (await kernel.execute('()')).executionCount;
    const task = await kernel.executeTask(async (count) => ({ status: 'ok', outputs: [{ output_type: 'stream', name: 'stdout', text: `task ${count}` }] }));
    expect(task).toMatchObject({ executionCount: before + 1, status: 'ok', outputs: [{ text: `task ${before + 1}` }] });
    expect((await kernel.execute('()')).executionCount).toBe(before + 2);
    expect(kernel.status).toBe('idle');
  });
});
