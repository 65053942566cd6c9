// ExtensionRegistry on the real extensions folder and on temporary folders with broken, escaping and clashing extensions.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MiradorError } from '../../../../main/services/mirador-error';
import { ExtensionRegistry } from '../../../../main/services/extensions/extension-registry';

const realExtensions = path.resolve(import.meta.dirname, '../../../../extensions');

describe('ExtensionRegistry with the built-in extensions', () => {
  it('loads every built-in extension and language without problems', async () => {
    const contributions = (await ExtensionRegistry.load(realExtensions)).contributions();
    expect(contributions.problems).toEqual([]);
    expect(contributions.extensions.map((extension) => extension.name)).toEqual(['c-unikernel', 'core-languages', 'dune', 'make', 'mirage', 'ocaml', 'opam', 'qemu', 'solo5', 'unix', 'xen']);
    expect(contributions.languages.map((language) => [language.id, language.extension])).toEqual([
      ['c', 'c-unikernel'],
      ['asm', 'c-unikernel'],
      ['json', 'core-languages'],
      ['markdown', 'core-languages'],
      ['dune', 'dune'],
      ['makefile', 'make'],
      ['ocaml', 'ocaml'],
      ['opam', 'opam'],
    ]);
  });

  it('reads the files a language refers to and leaves built-in Monaco languages without a grammar', async () => {
    const { languages } = (await ExtensionRegistry.load(realExtensions)).contributions();
    const ocaml = languages.find((language) => language.id === 'ocaml');
    expect(ocaml?.extensions).toEqual(['.ml', '.mli']);
    expect(ocaml?.filenames).toEqual(['config.ml']);
    expect(ocaml?.monarch?.tokenPostfix).toBe('.ocaml');
    expect(ocaml?.configuration?.comments).toEqual({ blockComment: ['(*', '*)'] });
    const withoutGrammar = languages.filter((language) => language.monarch === undefined).map((language) => language.id);
    expect(withoutGrammar).toEqual(['c', 'json', 'markdown']);
  });

  it('hands out copies, so a caller cannot change what others get', async () => {
    const registry = await ExtensionRegistry.load(realExtensions);
    const first = registry.contributions();
    first.languages[0].extensions.push('.cc');
    expect(registry.contributions().languages[0].extensions).toEqual(['.c', '.h']);
  });
});

describe('ExtensionRegistry with a temporary folder', () => {
  let dir: string;
  let label: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mirador-extensions-'));
    label = path.basename(dir);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function extension(folder: string, manifest: unknown, files: Record<string, string> = {}): Promise<void> {
    await mkdir(path.join(dir, folder), { recursive: true });
    const text = typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
    await writeFile(path.join(dir, folder, 'package.json'), text);
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, folder, file)), { recursive: true });
      await writeFile(path.join(dir, folder, file), content);
    }
  }

  const language = (id: string, more: Record<string, unknown> = {}) => ({ id, aliases: [id], extensions: [`.${id}`], filenames: [], ...more });
  const manifest = (name: string, languages: unknown[]) => ({ name, displayName: name, version: '1.0.0', description: 'd', contributes: { languages } });

  it('reports broken manifests with the file and field, and still loads the good extensions', async () => {
    await extension('good', manifest('good', [language('good', { monarch: './g.json' })]), { 'g.json': '{"tokenizer":{"root":[]}}' });
    await extension('bad-id', manifest('bad-id', [{ id: 42, extensions: ['.x'] }]));
    await extension('bad-json', '{ "name": ');
    await extension('bad-fields', { name: '', version: 1, contributes: { languages: [language('y', { extensions: ['y'], filenames: ['a/b'] })] } });
    await extension('missing-file', manifest('missing-file', [language('m', { configuration: './nope.json' })]));
    await extension('bad-grammar', manifest('bad-grammar', [language('b', { monarch: './b.json' })]), { 'b.json': '{"tokens": {}}' });
    await mkdir(path.join(dir, 'not-an-extension'));
    await writeFile(path.join(dir, 'README.md'), '# extensions');

    const contributions = (await ExtensionRegistry.load(dir)).contributions();
    expect(contributions.extensions.map((e) => e.name)).toEqual(['good']);
    expect(contributions.languages.map((l) => l.id)).toEqual(['good']);
    expect(contributions.languages[0].monarch).toEqual({ tokenizer: { root: [] } });
    const problems = contributions.problems.map((problem) => problem.replace(/: (?:Unexpected|ENOENT).*$/, ''));
    expect(problems).toEqual([
      `${label}/bad-fields/package.json: name must not be empty`,
      `${label}/bad-fields/package.json: version must be a string`,
      `${label}/bad-fields/package.json: contributes.languages[0].extensions[0] must start with "." and name no folder`,
      `${label}/bad-fields/package.json: contributes.languages[0].filenames[0] must be a file name without folders`,
      `${label}/bad-grammar/b.json: a Monarch grammar needs a "tokenizer" object`,
      `${label}/bad-id/package.json: contributes.languages[0].id must be a string`,
      `${label}/bad-json/package.json: invalid JSON`,
      `${label}/missing-file/package.json: contributes.languages[0].configuration "./nope.json" cannot be read`,
    ]);
  });

  it('refuses grammar and configuration paths that leave the extension folder, also through a symbolic link', async () => {
    await writeFile(path.join(dir, 'secret.json'), '{"tokenizer":{}}');
    await extension('escape', manifest('escape', [language('e', { monarch: '../secret.json' })]));
    await extension('absolute', manifest('absolute', [language('a', { configuration: path.join(dir, 'secret.json') })]));
    await extension('linked', manifest('linked', [language('l', { monarch: './link.json' })]));
    await symlink(path.join(dir, 'secret.json'), path.join(dir, 'linked', 'link.json'));

    const contributions = (await ExtensionRegistry.load(dir)).contributions();
    expect(contributions.languages).toEqual([]);
    expect(contributions.problems).toEqual([
      `${label}/absolute/package.json: contributes.languages[0].configuration "${path.join(dir, 'secret.json')}" points outside the extension folder`,
      `${label}/escape/package.json: contributes.languages[0].monarch "../secret.json" points outside the extension folder`,
      `${label}/linked/package.json: contributes.languages[0].monarch "./link.json" points outside the extension folder`,
    ]);
  });

  it('keeps the first of duplicate language ids, extension claims, file name claims and extension names', async () => {
    await extension('a', manifest('a', [language('ocaml', { extensions: ['.ml'], filenames: ['dune'] })]));
    await extension('b', manifest('b', [language('ocaml'), language('fsharp', { extensions: ['.fs', '.ML'], filenames: ['dune', 'Dune'] })]));
    await extension('c', manifest('a', [language('other')]));

    const contributions = (await ExtensionRegistry.load(dir)).contributions();
    expect(contributions.extensions.map((e) => e.name)).toEqual(['a', 'b']);
    expect(contributions.languages.map((l) => [l.id, l.extension, l.extensions, l.filenames])).toEqual([
      ['ocaml', 'a', ['.ml'], ['dune']],
      ['fsharp', 'b', ['.fs'], ['Dune']],
    ]);
    expect(contributions.problems).toEqual([
      `${label}/c/package.json: name "a" is already used by ${label}/a/package.json; ignored`,
      `${label}/b/package.json: contributes.languages[0].id "ocaml" is already contributed by extension "a"; ignored`,
      `${label}/b/package.json: contributes.languages[1].extensions ".ML" is already claimed by language "ocaml"; ignored`,
      `${label}/b/package.json: contributes.languages[1].filenames "dune" is already claimed by language "ocaml"; ignored`,
    ]);
  });

  it('fills in defaults for optional manifest fields', async () => {
    await extension('plain', { name: 'plain', version: '0.0.1', contributes: { languages: [{ id: 'p' }] } });
    const contributions = (await ExtensionRegistry.load(dir)).contributions();
    expect(contributions.extensions).toEqual([{ name: 'plain', displayName: 'plain', version: '0.0.1', description: '' }]);
    expect(contributions.languages).toEqual([{ id: 'p', aliases: ['p'], extensions: [], filenames: [], extension: 'plain' }]);
  });

  it('throws a MiradorError when the folder itself is missing', async () => {
    const missing = path.join(dir, 'missing');
    await expect(ExtensionRegistry.load(missing)).rejects.toThrow(MiradorError);
    await expect(ExtensionRegistry.load(missing)).rejects.toMatchObject({ code: 'not-found' });
    await writeFile(path.join(dir, 'file'), '');
    await expect(ExtensionRegistry.load(path.join(dir, 'file'))).rejects.toMatchObject({ code: 'not-a-directory' });
  });
});
