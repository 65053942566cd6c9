// The built-in build systems: which apply to a folder, in order of preference, and the plans of make and dune.
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuildSystemRegistry } from '../../../main/build/build-system-registry';

let folder: string;
beforeEach(() => {
  folder = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mirador-build-systems-')));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const detected = async () => (await BuildSystemRegistry.builtin().detect(folder)).map((provider) => provider.id);

describe('BuildSystemRegistry', () => {
  it('has the built-in build systems, MirageOS first', () => {
    expect(BuildSystemRegistry.builtin().all().map((provider) => [provider.id, provider.label])).toEqual([
      ['mirage', 'MirageOS'],
      ['dune', 'Dune'],
      ['make', 'Make'],
    ]);
  });

  it('detects nothing in an empty folder, and a Makefile under each of the names GNU make reads', async () => {
    expect(await detected()).toEqual([]);
    for (const name of ['GNUmakefile', 'makefile', 'Makefile']) {
      writeFileSync(path.join(folder, name), 'all:\n');
      expect(await detected()).toEqual(['make']);
      rmSync(path.join(folder, name));
    }
  });

  it('prefers mirage over dune over make when a folder has all three', async () => {
    writeFileSync(path.join(folder, 'Makefile'), 'all:\n');
    writeFileSync(path.join(folder, 'dune-project'), '(lang dune 3.0)\n');
    expect(await detected()).toEqual(['dune', 'make']);
    writeFileSync(path.join(folder, 'config.ml'), 'open Mirage\n');
    expect(await detected()).toEqual(['mirage', 'dune', 'make']);
  });

  it('plans `make` and `dune build` in the folder', async () => {
    const registry = BuildSystemRegistry.builtin();
    expect(await registry.get('make')!.plan(folder, { target: 'hvt' })).toEqual({
      buildSystem: 'make',
      steps: [{ label: 'make', command: 'make', args: [], cwd: folder }],
      problemMatchers: ['gcc', 'ocaml'],
    });
    expect(await registry.get('dune')!.plan(folder, {})).toEqual({
      buildSystem: 'dune',
      steps: [{ label: 'dune build', command: 'dune', args: ['build'], cwd: folder }],
      problemMatchers: ['ocaml', 'gcc'],
    });
  });
});
