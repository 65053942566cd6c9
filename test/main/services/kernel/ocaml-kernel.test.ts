// The OCaml kernel against the real toplevel: values, output order, errors at cell positions, Lwt, interrupt, restart, crashes.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JupyterOutput, KernelStatus } from '../../../../main/api/notebook-outputs';
import { OcamlKernel } from '../../../../main/services/kernel/ocaml-kernel';

const hasOcaml = spawnSync('ocaml', ['-version']).status === 0;
const hasLwt = spawnSync('ocamlfind', ['query', 'lwt.unix']).status === 0;
if (!hasOcaml) console.warn('SKIPPED test/main/services/kernel: no `ocaml` on PATH (apt-get install ocaml-interp libfindlib-ocaml-dev)');

function text(outputs: JupyterOutput[]): string[] {
  return outputs.map((output) =>
    output.output_type === 'stream' ? `${output.name}:${output.text as string}` : output.output_type === 'execute_result' ? `value:${output.data['text/plain'] as string}` : output.output_type === 'error' ? `error:${output.ename}` : `display:${Object.keys(output.data)[0]}`,
  );
}

describe.skipIf(!hasOcaml)('OcamlKernel', () => {
  let kernel: OcamlKernel;
  const statuses: KernelStatus[] = [];
  const notices: string[] = [];
  beforeAll(() => {
    kernel = new OcamlKernel({ onStatus: (status) => statuses.push(status), onNotice: (notice) => notices.push(notice) });
  });
  afterAll(async () => {
    await kernel.shutdown();
  });

  it('shows a value with its type and counts executions', async () => {
    const result = await kernel.execute('let x = 3');
    expect(result).toMatchObject({ status: 'ok', executionCount: 1, outputs: [{ output_type: 'execute_result', execution_count: 1, data: { 'text/plain': 'val x : int = 3' } }] });
    expect((await kernel.execute('x * 2')).executionCount).toBe(2);
    expect(statuses).toContain('busy');
    expect(kernel.status).toBe('idle');
  });

  it('keeps stdout, stderr and values in the order they were written, phrase by phrase', async () => {
    const result = await kernel.execute('print_string "a"; 1 + 1;;\nprerr_endline "warn";;\nprint_endline "b";;\nlet y = 2 ;; let z = y');
    expect(text(result.outputs)).toEqual(['stdout:a', 'value:- : int = 2', 'stderr:warn\n', 'value:- : unit = ()', 'stdout:b\n', 'value:- : unit = ()', 'value:val y : int = 2', 'value:val z : int = 2']);
  });

  it('streams output while the cell runs', async () => {
    const seen: { at: number; output: JupyterOutput }[] = [];
    const started = Date.now();
    const result = await kernel.execute('print_endline "first";;\nlet t = Sys.time () in while Sys.time () -. t < 0.4 do () done', (output) => seen.push({ at: Date.now() - started, output }));
    const finished = Date.now() - started;
    expect(result.status).toBe('ok');
    expect(seen[0]?.output).toMatchObject({ name: 'stdout', text: 'first\n' });
    expect(finished - seen[0]!.at).toBeGreaterThan(300);
  });

  it('reports a compile error at the cell line and column and skips the rest of the cell', async () => {
    const result = await kernel.execute('let a = 1;;\nlet b = a + "oops";;\nprint_string "not run"');
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ ename: 'Error', position: { line: 2, startColumn: 12, endLine: 2, endColumn: 18 } });
    expect(result.error!.evalue).toMatch(/^Line 2, characters 12-18: This expression has type string/);
    expect(text(result.outputs)).toEqual(['value:val a : int = 1', 'error:Error']);
  });

  it('reports an exception with the line of the phrase that raised it', async () => {
    const result = await kernel.execute('let l = [];;\n\nList.hd l');
    expect(result.error).toMatchObject({ ename: 'Failure', evalue: 'Line 3: Failure "hd"', position: { line: 3 } });
  });

  it('keeps phrases that share a line and strings holding ;;', async () => {
    const result = await kernel.execute('let p = 1;; let q = "a;;b";; p');
    expect(text(result.outputs)).toEqual(['value:val p : int = 1', 'value:val q : string = "a;;b"', 'value:- : int = 1']);
  });

  it('emits rich output through Mirador.display as display_data', async () => {
    const result = await kernel.execute('Mirador.display ~mime:"text/markdown" "# Hello";;\nMirador.display ~mime:"image/png" "\\137PNG"');
    const displays = result.outputs.filter((output) => output.output_type === 'display_data');
    expect(displays).toEqual([
      { output_type: 'display_data', data: { 'text/markdown': '# Hello' }, metadata: {} },
      { output_type: 'display_data', data: { 'image/png': Buffer.from('\x89PNG', 'latin1').toString('base64') }, metadata: {} },
    ]);
  });

  it.skipIf(!hasLwt)('loads lwt.unix with #require and runs a top-level promise to completion', async () => {
    const load = await kernel.execute('#require "lwt.unix"');
    expect(load.status).toBe('ok');
    const result = await kernel.execute('let open Lwt.Syntax in\nlet* () = Lwt_unix.sleep 0.05 in\nLwt.return 42');
    expect(text(result.outputs)).toEqual(['value:- : int = 42']);
    const named = await kernel.execute('let p = Lwt.return "kept"');
    expect(text(named.outputs)).toEqual(['value:val p : string Lwt.t = <abstr>']);
    const failed = await kernel.execute('Lwt.fail_with "bad"');
    expect(failed.error).toMatchObject({ ename: 'Failure' });
    expect(text((await kernel.execute('Obj.magic 0')).outputs)).toEqual(["value:- : 'a = <poly>"]);
  });

  it('interrupts an endless loop within a second and stays usable', async () => {
    const running = kernel.execute('let n = ref 0;;\nwhile true do incr n done');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const asked = Date.now();
    kernel.interrupt();
    const result = await running;
    expect(Date.now() - asked).toBeLessThan(1000);
    expect(result).toMatchObject({ status: 'interrupted', error: { ename: 'Interrupted' } });
    expect(text((await kernel.execute('!n > 0')).outputs)).toEqual(['value:- : bool = true']);
  });

  it('restarts with definitions gone and the count reset', async () => {
    await kernel.execute('let before_restart = 1');
    await kernel.restart();
    const result = await kernel.execute('before_restart');
    expect(result).toMatchObject({ executionCount: 1, status: 'error' });
    expect(result.error!.evalue).toContain('Unbound value before_restart');
  });

  it.each([
    ['exit 3', /exited with status 3/],
    ['let crash : int array = Obj.magic 0 in crash.(0)', /killed by SIGSEGV/],
  ])('reports a toplevel that dies (%s) and restarts it', async (code, why) => {
    const result = await kernel.execute(code);
    expect(result.status).toBe('died');
    expect(result.error!.evalue).toMatch(why);
    expect(notices.at(-1)).toMatch(why);
    expect(text((await kernel.execute('1 + 1')).outputs)).toEqual(['value:- : int = 2']);
  });
});
