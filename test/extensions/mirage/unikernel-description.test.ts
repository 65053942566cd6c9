// Describing MirageOS projects: the best-effort reading of config.ml/unikernel.ml, and the mirage tool's recorded output.
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfigMl, readDeclaredKeys } from '../../../extensions/mirage/config-ml-reading';
import { parseDescribeKeys, parseDotDevices, parseName, parseQueryPackages } from '../../../extensions/mirage/mirage-tool-output';
import { describeUnikernel, type ToolRunner } from '../../../extensions/mirage/unikernel-describer';
import { APP_ROOT } from '../../main/cli/app-build';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const template = (name: string, file: string) => readFileSync(path.join(APP_ROOT, 'resources', 'templates', name, file), 'utf8');
const keyNames = (keys: { name: string; stage: string }[], stage: string) => keys.filter((key) => key.stage === stage).map((key) => key.name);

describe('reading config.ml without the mirage tool', () => {
  it('reads mirage-hello: name, main, its one device, its package, and says it is a best-effort reading', () => {
    const description = readConfigMl(template('mirage-hello', 'config.ml'), template('mirage-hello', 'unikernel.ml'));
    expect(description.source).toBe('config.ml');
    expect(description.notice).toMatch(/best-effort reading of config\.ml/);
    expect(description.name).toBe('hello');
    expect(description.main).toBe('Unikernel.Hello');
    expect(description.devices).toEqual([{ name: 'default_time', detail: 'default_time', type: 'time' }]);
    expect(description.packages).toEqual([{ name: 'duration' }]);
    expect(keyNames(description.keys, 'runtime')).toEqual(['logs']);
    expect(description.problems).toEqual([]);
  });

  it('reads mirage-network: the stack device and the network keys it brings (--ipv4 with its default)', () => {
    const description = readConfigMl(template('mirage-network', 'config.ml'));
    expect(description.devices).toEqual([{ name: 'stack', detail: 'generic_stackv4v6 default_network', type: 'stackv4v6' }]);
    expect(keyNames(description.keys, 'runtime')).toEqual(['ipv4', 'ipv4-gateway', 'ipv6', 'ipv6-gateway', 'accept-router-advertisements', 'ipv4-only', 'ipv6-only', 'logs']);
    expect(keyNames(description.keys, 'configure')).toEqual(['dhcp', 'net', 'target']);
    expect(description.keys.find((key) => key.name === 'ipv4')).toMatchObject({ defaultValue: '10.0.0.2/24', valueType: 'ipv4 prefix', origin: 'TCP/IP stack' });
  });

  it('reads mirage-website: a key-value store and a stack, in signature order', () => {
    const description = readConfigMl(template('mirage-website', 'config.ml'));
    expect(description.devices).toEqual([
      { name: 'htdocs', detail: 'generic_kv_ro "htdocs"', type: 'kv_ro' },
      { name: 'stack', detail: 'generic_stackv4v6 default_network', type: 'stackv4v6' },
    ]);
    expect(keyNames(description.keys, 'configure')).toContain('kv_ro');
  });

  it('reads keys declared the MirageOS 4.5 way (Runtime_arg in config.ml, cmdliner Arg.info in unikernel.ml)', () => {
    const config = `open Mirage
let hello = runtime_arg ~pos:__POS__ "Unikernel.hello"
let main = main ~runtime_args:[ hello ] ~packages:[ package ~min:"1.0.0" ~max:"2.0.0" "duration" ] "Unikernel.Hello" (time @-> job)
let () = register "hello-key" [ main $ default_time ]
`;
    const unikernel = `open Cmdliner
(* let old = Arg.info ~doc:"commented out" [ "old" ] *)
let hello =
  let doc = Arg.info ~doc:"How to say \\"hello\\"." [ "hello" ] in
  Mirage_runtime.register_arg Arg.(value & opt string "Hello World!" doc)
let verbose = Mirage_runtime.register_arg Arg.(value & flag (Arg.info ~doc:"Say more." [ "v"; "verbose" ]))
module Hello (Time : Mirage_time.S) = struct let start _ = Lwt.return_unit end
`;
    const description = readConfigMl(config, unikernel);
    expect(description.name).toBe('hello-key');
    expect(description.packages).toEqual([{ name: 'duration', constraint: '>= "1.0.0" & < "2.0.0"' }]);
    expect(description.keys.find((key) => key.name === 'hello')).toEqual({
      name: 'hello', stage: 'runtime', kind: 'value', origin: 'unikernel.ml', doc: 'How to say "hello".', valueType: 'string', defaultValue: 'Hello World!',
    });
    expect(description.keys.find((key) => key.name === 'verbose')).toMatchObject({ kind: 'flag', doc: 'Say more.' });
    expect(description.keys.some((key) => key.name === 'old')).toBe(false);
  });

  it('reads keys declared with the older Key API, configure-time ones included', () => {
    const keys = readDeclaredKeys(`let key =
  let doc = Key.Arg.info ~doc:"How to say hello." ["hello"] in
  Key.(create "hello" Arg.(opt string "Hello World!" doc))
let port =
  let doc = Key.Arg.info ~doc:"Port." ["port"] in
  Key.(create "port" Arg.(opt ~stage:\`Configure int 8080 doc))
`, 'config.ml', 'runtime');
    expect(keys).toEqual([
      { name: 'hello', stage: 'runtime', kind: 'value', origin: 'config.ml', doc: 'How to say hello.', valueType: 'string', defaultValue: 'Hello World!' },
      { name: 'port', stage: 'configure', kind: 'value', origin: 'config.ml', doc: 'Port.', valueType: 'int', defaultValue: '8080' },
    ]);
  });

  it('says what it could not find', () => {
    const description = readConfigMl('open Mirage\n(* nothing yet *)\n');
    expect(description.problems).toEqual([expect.stringMatching(/No `main "Module\.Name"/), expect.stringMatching(/No `register "name"/)]);
    expect(description.devices).toEqual([]);
  });
});

describe("the mirage tool's output (recorded formats)", () => {
  it('parses `mirage query packages`', () => {
    const packages = parseQueryPackages(fixture('query-packages-hvt.txt'));
    expect(packages).toHaveLength(10);
    expect(packages[0]).toEqual({ name: 'lwt' });
    expect(packages[1]).toEqual({ name: 'mirage', constraint: 'build & >= "4.0" & < "4.1.0"' });
  });

  it('parses the Name and Keys of `mirage describe`', () => {
    expect(parseName(fixture('describe.txt'))).toBe('echo');
    expect(parseName('noop\n')).toBe('noop');
    expect(parseDescribeKeys(fixture('describe.txt')).map((key) => [key.name, key.defaultValue, key.stage])).toEqual([
      ['dhcp', 'false', 'configure'],
      ['net', 'direct', 'configure'],
      ['target', 'hvt', 'configure'],
      ['warn_error', 'false', 'configure'],
    ]);
  });

  it('parses the devices of `mirage describe --dot`, leaving out the job, $ and If vertices', () => {
    expect(parseDotDevices(fixture('describe-dot.txt'), 'Unikernel.Echo')).toEqual([
      { name: 'tcpip_stack_direct_ipv4v6', detail: 'Tcpip_stack_direct.MakeV4V6' },
      { name: 'static_ipv4', detail: 'Static_ipv4.Make (ipv4, ipv4-gateway)' },
      { name: 'netif', detail: 'Netif (interface)' },
    ]);
  });
});

describe('describeUnikernel', () => {
  let folder: string;
  beforeEach(() => {
    folder = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mirador-describe-test-')));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is null without a config.ml', async () => {
    expect(await describeUnikernel(folder, {})).toBeNull();
  });

  it('asks mirage with argv arrays in the project folder when it is installed, keeping runtime keys from the text', async () => {
    writeFileSync(path.join(folder, 'config.ml'), template('mirage-network', 'config.ml'));
    const calls: string[][] = [];
    const mirage: ToolRunner = async (command, args, cwd) => {
      calls.push([command, ...args]);
      expect(cwd).toBe(folder);
      if (args[0] === 'query') return { stdout: fixture('query-packages-hvt.txt'), stderr: '', code: 0 };
      if (args.includes('--dot')) {
        writeFileSync(args[args.indexOf('-o') + 1]!, fixture('describe-dot.txt'));
        return { stdout: '', stderr: '', code: 0 };
      }
      return { stdout: fixture('describe.txt'), stderr: '', code: 0 };
    };
    const description = await describeUnikernel(folder, { target: 'hvt', mirage });
    expect(calls.map((call) => call.slice(0, 5))).toEqual([
      ['mirage', 'query', '--target', 'hvt', 'packages'],
      ['mirage', 'describe', '--target', 'hvt'],
      ['mirage', 'describe', '--target', 'hvt', '--dot'],
    ]);
    expect(description).toMatchObject({ source: 'mirage', name: 'echo', main: 'Unikernel.Echo', problems: [] });
    expect(description!.notice).toMatch(/From `mirage query` and `mirage describe` for the hvt target/);
    expect(description!.devices.map((device) => device.name)).toEqual(['tcpip_stack_direct_ipv4v6', 'static_ipv4', 'netif']);
    expect(keyNames(description!.keys, 'configure')).toEqual(['dhcp', 'net', 'target', 'warn_error']);
    expect(keyNames(description!.keys, 'runtime')).toContain('ipv4');
  });

  it("falls back to the reading, with mirage's own words, when mirage fails", async () => {
    writeFileSync(path.join(folder, 'config.ml'), template('mirage-hello', 'config.ml'));
    const mirage: ToolRunner = async () => ({ stdout: '', stderr: 'Error: Unbound module Mirage\nline two', code: 1 });
    const description = await describeUnikernel(folder, { target: 'unix', mirage });
    expect(description!.source).toBe('config.ml');
    expect(description!.problems).toEqual([expect.stringMatching(/`mirage query --target unix packages` exited with 1: Error: Unbound module Mirage line two/)]);
  });

  it('refuses a target MirageOS does not have, reading the text instead', async () => {
    writeFileSync(path.join(folder, 'config.ml'), template('mirage-hello', 'config.ml'));
    const description = await describeUnikernel(folder, { target: 'qemu', mirage: async () => ({ stdout: '', stderr: '', code: 0 }) });
    expect(description!.problems[0]).toMatch(/MirageOS has no "qemu" target/);
    expect(description!.source).toBe('config.ml');
    expect((await describeUnikernel(folder, { target: 'qemu' }))!.problems).toEqual([expect.stringMatching(/MirageOS has no "qemu" target: build with --target virtio/)]);
    expect((await describeUnikernel(folder, {}))!.problems).toEqual([]);
  });
});
