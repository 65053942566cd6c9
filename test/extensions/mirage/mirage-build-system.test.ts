// The MirageOS build system: detection, the configure / depends / build plan per target, and finding the image in dist/.
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mirageBuildSystem } from '../../../extensions/mirage/mirage-build-system';
import { registeredName } from '../../../extensions/mirage/mirage-image-name';

const HELLO_CONFIG = `open Mirage

(* register "commented-out" [] *)
let main = main "Unikernel.Hello" (time @-> job) ~packages:[ package "duration" ]
let () = register "hello" [ main $ default_time ]
`;

let folder: string;
beforeEach(() => {
  folder = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mirador-mirage-')));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function write(files: Record<string, string>, mode?: number): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(folder, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    if (mode !== undefined) chmodSync(file, mode);
  }
}

describe('mirage build system', () => {
  it('applies to folders with a config.ml', async () => {
    expect(await mirageBuildSystem.detect(folder)).toBe(false);
    write({ 'config.ml': HELLO_CONFIG });
    expect(await mirageBuildSystem.detect(folder)).toBe(true);
  });

  it('plans mirage configure -t hvt, make depends, dune build, expecting dist/<name>.hvt', async () => {
    write({ 'config.ml': HELLO_CONFIG });
    expect(await mirageBuildSystem.plan(folder, { target: 'hvt' })).toEqual({
      buildSystem: 'mirage',
      steps: [
        { label: 'mirage configure -t hvt', command: 'mirage', args: ['configure', '-t', 'hvt'], cwd: folder },
        { label: 'make depends', command: 'make', args: ['depends'], cwd: folder },
        { label: 'dune build', command: 'dune', args: ['build'], cwd: folder },
      ],
      problemMatchers: ['ocaml', 'gcc'],
      expectedImage: path.join(folder, 'dist', 'hello.hvt'),
    });
  });

  it('builds for unix when no target is given, and names the image per target', async () => {
    write({ 'config.ml': HELLO_CONFIG });
    const unix = await mirageBuildSystem.plan(folder, {});
    expect(unix.steps[0]!.args).toEqual(['configure', '-t', 'unix']);
    expect(unix.expectedImage).toBe(path.join(folder, 'dist', 'hello'));
    const images = await Promise.all(['spt', 'virtio', 'xen'].map(async (target) => (await mirageBuildSystem.plan(folder, { target })).expectedImage));
    expect(images).toEqual(['hello.spt', 'hello.virtio', 'hello.xen'].map((name) => path.join(folder, 'dist', name)));
  });

  it('refuses targets MirageOS does not have, saying what to use instead', async () => {
    write({ 'config.ml': HELLO_CONFIG });
    await expect(mirageBuildSystem.plan(folder, { target: 'qemu' })).rejects.toThrow(
      'MirageOS has no "qemu" target: build with --target virtio (QEMU boots .virtio images) or --target hvt',
    );
    await expect(mirageBuildSystem.plan(folder, { target: 'hvtt' })).rejects.toThrow(/^MirageOS has no "hvtt" target; use one of unix, macosx, hvt, spt, virtio, xen, /);
  });

  it('leaves expectedImage out when config.ml does not say the name', async () => {
    write({ 'config.ml': 'let () = Mirage.register name [ main ]\n' });
    expect((await mirageBuildSystem.plan(folder, { target: 'hvt' })).expectedImage).toBeUndefined();
  });

  it('finds dist/<name>.<target> by the registered name, among other images and the .xl file', async () => {
    write({ 'config.ml': HELLO_CONFIG, 'dist/hello.hvt': 'elf', 'dist/hello.virtio': 'elf', 'dist/hello.xen': 'elf', 'dist/hello.xl': "name = 'hello'", 'dist/other.hvt': 'elf' });
    expect(await mirageBuildSystem.findImage!(folder, 'hvt')).toBe(path.join(folder, 'dist', 'hello.hvt'));
    expect(await mirageBuildSystem.findImage!(folder, 'xen')).toBe(path.join(folder, 'dist', 'hello.xen'));
    expect(await mirageBuildSystem.findImage!(folder, 'spt')).toBeNull();
    expect(await mirageBuildSystem.findImage!(folder, 'qemu')).toBeNull();
  });

  it('without a readable name, takes the single image of that kind in dist/ and never guesses between several', async () => {
    write({ 'config.ml': 'let () = register name [ main ]\n', 'dist/app.spt': 'elf', 'dist/a.hvt': 'elf', 'dist/b.hvt': 'elf' });
    expect(await mirageBuildSystem.findImage!(folder, 'spt')).toBe(path.join(folder, 'dist', 'app.spt'));
    expect(await mirageBuildSystem.findImage!(folder, 'hvt')).toBeNull();
  });

  it('for unix, finds the executable dist/<name>, or the only executable without a dot in dist/', async () => {
    write({ 'config.ml': HELLO_CONFIG });
    expect(await mirageBuildSystem.findImage!(folder, 'unix')).toBeNull();
    write({ 'dist/hello': '#!' }, 0o755);
    expect(await mirageBuildSystem.findImage!(folder, undefined)).toBe(path.join(folder, 'dist', 'hello'));
    write({ 'config.ml': '(* no name *)' });
    write({ 'dist/README': 'not executable' }, 0o644);
    expect(await mirageBuildSystem.findImage!(folder, 'unix')).toBe(path.join(folder, 'dist', 'hello'));
  });
});

describe('registeredName', () => {
  it('reads the name from the usual config.ml shapes, skipping comments', () => {
    expect(registeredName(HELLO_CONFIG)).toBe('hello');
    expect(registeredName('let () =\n  register\n    "https"\n    [ https $ stack ]')).toBe('https');
    expect(registeredName('let () = Mirage.register ~argv:no_argv "static_website_tls" [ main ]')).toBe('static_website_tls');
    expect(registeredName('(* (* nested *) register "old" *) let () = register "new" []')).toBe('new');
    expect(registeredName('let s = "(* not a comment" let () = register "real" []')).toBe('real');
    expect(registeredName('let () = register name [ main ]')).toBeUndefined();
  });
});
