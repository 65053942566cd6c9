// Run configurations on real files: .mirador/launch.json (JSONC), "mirador" entries of .vscode/launch.json, checks, and writes.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LaunchArguments } from '../../../../main/api/launch-protocol';
import { MiradorError } from '../../../../main/services/mirador-error';
import { loadRunConfigurations } from '../../../../main/services/run-configurations/run-configuration-loader';
import { addRunConfiguration } from '../../../../main/services/run-configurations/run-configuration-writer';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/temp-workspace';

let ws: TempWorkspace;
beforeEach(() => {
  ws = makeTempWorkspace();
});
afterEach(() => ws.cleanup());

const QEMU_HELLO: LaunchArguments = { name: 'QEMU hello', type: 'mirador', request: 'launch', target: 'qemu', kernel: 'build/hello.elf', memory: 64, accel: 'tcg' };

describe('loadRunConfigurations', () => {
  it('finds nothing and complains about nothing in a folder without launch files', async () => {
    expect(await loadRunConfigurations(ws.dir)).toEqual({ configurations: [], problems: [] });
  });

  it('reads .mirador/launch.json with comments and trailing commas, filling in type and request', async () => {
    ws.write({
      '.mirador/launch.json': `{
        // Mirador's run configurations
        "version": "0.2.0",
        "configurations": [
          {
            "name": "QEMU hello", /* the C example */
            "target": "qemu",
            "kernel": "build/hello.elf",
            "memory": 64,
            "accel": "tcg",
          },
          {
            "name": "hvt with everything",
            "type": "mirador",
            "request": "launch",
            "target": "hvt",
            "kernel": "dist/app.hvt",
            "args": ["--ipv4=10.0.0.10/24"],
            "network": { "mode": "tap", "tap": "tap100", "name": "service", "mac": "52:54:00:12:34:56" },
            "block": [{ "name": "storage", "path": "disk.img" }],
            "capture": true,
            "stopOnEntry": "entry",
            "noDebug": false,
            "cwd": "dist",
          },
        ],
      }`,
    });
    expect(await loadRunConfigurations(ws.dir)).toEqual({
      configurations: [
        QEMU_HELLO,
        {
          name: 'hvt with everything', type: 'mirador', request: 'launch', target: 'hvt', kernel: 'dist/app.hvt', args: ['--ipv4=10.0.0.10/24'],
          network: { mode: 'tap', tap: 'tap100', name: 'service', mac: '52:54:00:12:34:56' }, block: [{ name: 'storage', path: 'disk.img' }],
          capture: true, stopOnEntry: 'entry', noDebug: false, cwd: 'dist',
        },
      ],
      problems: [],
    });
  });

  it('adds the "mirador" entries of .vscode/launch.json after its own, expanding ${workspaceFolder}, and skips other debuggers', async () => {
    ws.write({
      '.mirador/launch.json': JSON.stringify({ version: '0.2.0', configurations: [QEMU_HELLO] }),
      '.vscode/launch.json': `{
        "version": "0.2.0",
        "configurations": [
          { "name": "gdb", "type": "cppdbg", "request": "launch", "program": "\${workspaceFolder}/a.out", "memory": "lots" },
          { "name": "user net", "type": "mirador", "request": "launch", "target": "virtio", "kernel": "\${workspaceFolder}/dist/app.virtio",
            "network": { "mode": "user", "hostfwd": ["tcp::8080-:80", "udp:127.0.0.1:5353-10.0.2.15:53"] }, "preLaunchTask": "build" },
        ]
      }`,
    });
    expect(await loadRunConfigurations(ws.dir)).toEqual({
      configurations: [
        QEMU_HELLO,
        { name: 'user net', type: 'mirador', request: 'launch', target: 'virtio', kernel: `${ws.dir}/dist/app.virtio`, network: { mode: 'user', hostfwd: ['tcp::8080-:80', 'udp:127.0.0.1:5353-10.0.2.15:53'] } },
      ],
      // VS Code's own task is not Mirador's to run: the entry loads without it, and the user hears why.
      problems: [
        '.vscode/launch.json: configurations[1].preLaunchTask "build" is a VS Code task, which Mirador does not run (it launches without it); "mirador: build" builds the workspace first',
      ],
    });
  });

  it('skips each broken entry with a problem naming its file and field, and loads the others', async () => {
    ws.write({
      '.mirador/launch.json': JSON.stringify({
        configurations: [
          { name: 'good', target: 'qemu', kernel: 'k.elf', colour: 'blue' },
          { name: 'bridged', target: 'xen', kernel: 'k.xen', network: { mode: 'bridge', bridge: 'xenbr1' } },
          { name: 'bad bridge', target: 'xen', network: { mode: 'bridge', bridge: 'not a bridge name' } },
          { name: 'zero memory', target: 'qemu', memory: 0 },
          { name: 'half memory', target: 'qemu', memory: 1.5 },
          { name: 'fast', target: 'qemu', accel: 'fast' },
          { name: 'no target' },
          { name: 'tap without device', target: 'hvt', network: { mode: 'tap' } },
          { name: 'bad forward', target: 'qemu', network: { mode: 'user', hostfwd: ['8080:80', 'tcp::99999-:80'] } },
          { name: 'forward on tap', target: 'qemu', network: { mode: 'tap', tap: 'tap100', hostfwd: ['tcp::8080-:80'] } },
          { name: 'bad disk', target: 'hvt', block: [{ name: 'storage' }] },
          { name: 'attach', target: 'qemu', request: 'attach', args: 'not a list' },
          'not an object',
          { name: 'picker', target: 'qemu', kernel: '${command:pickFile}' },
        ],
      }),
    });
    const { configurations, problems } = await loadRunConfigurations(ws.dir);
    expect(configurations).toEqual([
      { name: 'good', type: 'mirador', request: 'launch', target: 'qemu', kernel: 'k.elf' },
      { name: 'bridged', type: 'mirador', request: 'launch', target: 'xen', kernel: 'k.xen', network: { mode: 'bridge', bridge: 'xenbr1' } },
    ]);
    expect(problems).toEqual([
      '.mirador/launch.json: configurations[0].colour is not a Mirador launch field and is ignored',
      '.mirador/launch.json: configurations[2].network.bridge must be a host bridge name such as "xenbr0" or "br0"',
      '.mirador/launch.json: configurations[3].memory must be a positive whole number of MiB',
      '.mirador/launch.json: configurations[4].memory must be a positive whole number of MiB',
      '.mirador/launch.json: configurations[5].accel must be one of "auto", "kvm", "tcg", not string "fast"',
      '.mirador/launch.json: configurations[6].target is missing: name a target such as "qemu", "hvt" or "unix"',
      '.mirador/launch.json: configurations[7].network.tap is required when mode is "tap": name the host tap device, e.g. "tap100"',
      '.mirador/launch.json: configurations[8].network.hostfwd[0] must look like "tcp::8080-:80" ([tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport), not string "8080:80"',
      '.mirador/launch.json: configurations[8].network.hostfwd[1] must look like "tcp::8080-:80" ([tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport), not string "tcp::99999-:80"',
      '.mirador/launch.json: configurations[9].network.hostfwd only works with mode "user" (QEMU user networking)',
      '.mirador/launch.json: configurations[10].block[0].path must name the disk image file',
      '.mirador/launch.json: configurations[11].request must be "launch" (Mirador has no "attach"), not string "attach"',
      '.mirador/launch.json: configurations[11].args must be an array of strings',
      '.mirador/launch.json: configurations[12] must be an object, not string "not an object"',
      '.mirador/launch.json: configurations[13].kernel uses ${command:pickFile}, which Mirador cannot expand; write the path out (workspace-relative is fine)',
    ]);
  });

  it('keeps "preLaunchTask": "mirador: build", and refuses a preLaunchTask that is not a string', async () => {
    ws.write({
      '.mirador/launch.json': JSON.stringify({
        configurations: [
          { name: 'built first', target: 'qemu', kernel: 'k.elf', preLaunchTask: 'mirador: build' },
          { name: 'task object', target: 'qemu', kernel: 'k.elf', preLaunchTask: { label: 'build' } },
        ],
      }),
    });
    expect(await loadRunConfigurations(ws.dir)).toEqual({
      configurations: [{ name: 'built first', type: 'mirador', request: 'launch', preLaunchTask: 'mirador: build', target: 'qemu', kernel: 'k.elf' }],
      problems: ['.mirador/launch.json: configurations[1].preLaunchTask must be a string, not object {"label":"build"}'],
    });
  });

  it('reports a file that is not JSON with its line and column, and still reads the other file', async () => {
    ws.write({
      '.mirador/launch.json': '{\n  "configurations": [\n    { "target": "qemu" }\n    { "target": "hvt" }\n  ]\n}\n',
      '.vscode/launch.json': JSON.stringify({ configurations: [{ name: 'v', type: 'mirador', target: 'unix', kernel: 'dist/app' }] }),
    });
    const { configurations, problems } = await loadRunConfigurations(ws.dir);
    expect(configurations).toEqual([{ name: 'v', type: 'mirador', request: 'launch', target: 'unix', kernel: 'dist/app' }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\.mirador\/launch\.json: line 4, column 5: .+; fix the JSON \(comments and trailing commas are fine\)$/);
  });

  it('keeps the first of two entries with the same name and says which one wins', async () => {
    ws.write({
      '.mirador/launch.json': JSON.stringify({ configurations: [QEMU_HELLO] }),
      '.vscode/launch.json': JSON.stringify({ configurations: [{ ...QEMU_HELLO, target: 'hvt' }] }),
    });
    expect(await loadRunConfigurations(ws.dir)).toEqual({
      configurations: [QEMU_HELLO],
      problems: ['.vscode/launch.json: configurations[0] is named "QEMU hello" like an earlier entry in .mirador/launch.json, which is used instead; rename one of them'],
    });
  });

  it('says when configurations is not an array', async () => {
    ws.write({ '.mirador/launch.json': '{ "configurations": {} }' });
    expect(await loadRunConfigurations(ws.dir)).toEqual({ configurations: [], problems: ['.mirador/launch.json: configurations must be an array'] });
  });
});

describe('addRunConfiguration', () => {
  const file = () => ws.abs('.mirador/launch.json');

  it('creates .mirador/launch.json in VS Code shape, and what it writes loads back the same', async () => {
    expect(await addRunConfiguration(ws.dir, { target: 'qemu', kernel: 'build/hello.elf', memory: 64, accel: 'tcg', name: 'QEMU hello' })).toEqual({ file: file(), replaced: false });
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ version: '0.2.0', configurations: [QEMU_HELLO] });
    expect(readFileSync(file(), 'utf8')).toMatch(/^\{\n {2}"version": "0\.2\.0",\n {2}"configurations": \[\n {4}\{\n {6}"name": "QEMU hello",\n {6}"type": "mirador",/);
    expect(await loadRunConfigurations(ws.dir)).toEqual({ configurations: [QEMU_HELLO], problems: [] });
  });

  it('keeps other entries and top-level keys, appends a new name and replaces an existing one', async () => {
    ws.write({
      '.mirador/launch.json': `{
        // kept: the entries and keys (comments are not carried over)
        "version": "0.2.0",
        "compounds": [],
        "configurations": [ { "name": "other", "target": "hvt", "futureField": 1 }, { "name": "QEMU hello", "target": "qemu" }, ],
      }`,
    });
    expect(await addRunConfiguration(ws.dir, QEMU_HELLO)).toEqual({ file: file(), replaced: true });
    expect(await addRunConfiguration(ws.dir, { name: 'new', target: 'unix', kernel: 'dist/app' })).toEqual({ file: file(), replaced: false });
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({
      version: '0.2.0',
      compounds: [],
      configurations: [
        { name: 'other', target: 'hvt', futureField: 1 },
        QEMU_HELLO,
        { name: 'new', type: 'mirador', request: 'launch', target: 'unix', kernel: 'dist/app' },
      ],
    });
  });

  it('does not lose an entry when two are added at the same time', async () => {
    await Promise.all([
      addRunConfiguration(ws.dir, { name: 'a', target: 'qemu' }),
      addRunConfiguration(ws.dir, { name: 'b', target: 'hvt' }),
      addRunConfiguration(ws.dir, { name: 'c', target: 'unix' }),
    ]);
    expect((await loadRunConfigurations(ws.dir)).configurations.map((entry) => entry.name)).toEqual(['a', 'b', 'c']);
  });

  it('refuses an invalid configuration, and a broken file, without touching the file', async () => {
    const invalid = addRunConfiguration(ws.dir, { name: 'x', target: 'qemu', memory: -1 });
    await expect(invalid).rejects.toBeInstanceOf(MiradorError);
    await expect(invalid).rejects.toMatchObject({ code: 'invalid-params', message: 'The run configuration is not valid: configuration.memory must be a positive whole number of MiB.' });
    ws.write({ '.mirador/launch.json': '{ "configurations": [ oops ] }' });
    await expect(addRunConfiguration(ws.dir, QEMU_HELLO)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^Cannot add the run configuration: \.mirador\/launch\.json: line 1, column 23: .+, then try again\.$/),
    });
    expect(readFileSync(file(), 'utf8')).toBe('{ "configurations": [ oops ] }');
  });
});
