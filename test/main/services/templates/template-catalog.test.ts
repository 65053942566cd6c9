// Templates on real files: the shipped catalog, every template created and checked, and what creation refuses.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRunConfigurations } from '../../../../main/services/run-configurations/run-configuration-loader';
import { TemplateCatalog } from '../../../../main/services/templates/template-catalog';
import { APP_ROOT } from '../../cli/app-build';
import { readConfigShape, readUnikernelModule } from './mirage-project-shape';

const SHIPPED = TemplateCatalog.forApp(APP_ROOT);
const MIRAGE_TEMPLATES = ['mirage-hello', 'mirage-network', 'mirage-website'];
/** Where `mirage build` puts each target's image (FACTS.md). */
const IMAGE_SUFFIX: Record<string, string> = { unix: '', hvt: '.hvt', spt: '.spt', virtio: '.virtio', xen: '.xen' };

let scratch: string;
beforeEach(() => {
  scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mirador-templates-test-')));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('the shipped catalog', () => {
  it('lists the four templates with a description each', async () => {
    const templates = await SHIPPED.list();
    expect(templates.map((template) => template.name)).toEqual(['c-hello', 'mirage-hello', 'mirage-network', 'mirage-website']);
    for (const template of templates) expect(template.description.length).toBeGreaterThan(20);
  });

  it.each(['c-hello', ...MIRAGE_TEMPLATES])('creates %s with a README and run configurations that load without problems', async (name) => {
    const dir = path.join(scratch, 'project');
    const created = await SHIPPED.createProject(name, dir);
    expect(created.directory).toBe(dir);
    expect(created.files).toContain('README.md');
    expect(created.files).toContain('.mirador/launch.json');
    expect(created.files).not.toContain('template.json');
    expect(existsSync(path.join(dir, 'template.json'))).toBe(false);
    for (const file of created.files) expect(existsSync(path.join(dir, file))).toBe(true);
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toMatch(/^# /);
    const { configurations, problems } = await loadRunConfigurations(dir);
    expect(problems).toEqual([]);
    expect(configurations.length).toBeGreaterThanOrEqual(2);
  });

  it('makes c-hello from the example folder itself, without its build outputs', async () => {
    const example = path.join(APP_ROOT, 'resources', 'examples', 'c-hello');
    const created = await SHIPPED.createProject('c-hello', path.join(scratch, 'c'));
    const expected = readdirSync(example, { recursive: true, encoding: 'utf8' }).filter((file) => !file.startsWith('_build'));
    expect(created.files.sort()).toEqual(expected.filter((file) => !lstatSync(path.join(example, file)).isDirectory()).sort());
    expect(readFileSync(path.join(scratch, 'c', 'kernel.c'), 'utf8')).toBe(readFileSync(path.join(example, 'kernel.c'), 'utf8'));
    const { configurations } = await loadRunConfigurations(path.join(scratch, 'c'));
    expect(configurations.map((configuration) => [configuration.target, configuration.kernel, configuration.accel])).toContainEqual(['qemu', '_build/hello.elf', 'tcg']);
    expect(configurations.map((configuration) => configuration.accel)).toContain('auto');
  });

  it.each(MIRAGE_TEMPLATES)('%s has the shape of a MirageOS project: config.ml names a module unikernel.ml defines, with matching arity', async (name) => {
    const dir = path.join(scratch, name);
    await SHIPPED.createProject(name, dir);
    const config = readConfigShape(dir);
    expect(config.file).toBe('Unikernel');
    expect(config.applied).toHaveLength(config.devices.length);
    const unikernel = readUnikernelModule(dir, config.file, config.module);
    expect(unikernel.parameters).toHaveLength(config.devices.length);
    expect(unikernel.startParameters).toHaveLength(config.devices.length);

    // Every run configuration boots the image `register` names, at the path that target's build writes.
    const { configurations } = await loadRunConfigurations(dir);
    const targets = new Set<string>();
    for (const configuration of configurations) {
      expect(Object.keys(IMAGE_SUFFIX)).toContain(configuration.target);
      expect(configuration.kernel).toBe(`dist/${config.name}${IMAGE_SUFFIX[configuration.target]}`);
      targets.add(configuration.target);
    }
    expect([...targets].sort()).toEqual(['hvt', 'spt', 'unix', 'virtio']);
  });

  it('mirage-hello is the timer greeting: a Time functor argument, registered as hello', async () => {
    await SHIPPED.createProject('mirage-hello', scratch);
    expect(readConfigShape(scratch)).toEqual({ file: 'Unikernel', module: 'Hello', devices: ['time'], name: 'hello', applied: ['default_time'] });
    expect(readUnikernelModule(scratch, 'Unikernel', 'Hello').parameters).toEqual(['Time : Mirage_time.S']);
    expect(readFileSync(path.join(scratch, 'unikernel.ml'), 'utf8')).toMatch(/Time\.sleep_ns[\s\S]*Logs\.info|Logs\.info[\s\S]*Time\.sleep_ns/);
  });

  it('the network templates pass --ipv4 to Solo5 images on a tap device, and the website has files to serve', async () => {
    for (const name of ['mirage-network', 'mirage-website']) {
      const dir = path.join(scratch, name);
      await SHIPPED.createProject(name, dir);
      expect(readFileSync(path.join(dir, 'config.ml'), 'utf8')).toContain('generic_stackv4v6 default_network');
      const hvt = (await loadRunConfigurations(dir)).configurations.find((configuration) => configuration.target === 'hvt');
      expect(hvt?.network).toMatchObject({ mode: 'tap', tap: 'tap100' });
      expect(hvt?.args).toContain('--ipv4=10.0.0.2/24');
    }
    expect(readFileSync(path.join(scratch, 'mirage-website', 'config.ml'), 'utf8')).toContain('generic_kv_ro "htdocs"');
    expect(existsSync(path.join(scratch, 'mirage-website', 'htdocs', 'index.html'))).toBe(true);
  });
});

describe('createProject refuses', () => {
  it('an existing folder that is not empty, and leaves it alone', async () => {
    writeFileSync(path.join(scratch, 'notes.txt'), 'mine');
    await expect(SHIPPED.createProject('c-hello', scratch)).rejects.toThrow(`${scratch} is not empty (notes.txt); choose a new or empty folder so nothing there is overwritten`);
    expect(readdirSync(scratch)).toEqual(['notes.txt']);
  });

  it('a path that is a file', async () => {
    writeFileSync(path.join(scratch, 'file'), '');
    await expect(SHIPPED.createProject('c-hello', path.join(scratch, 'file'))).rejects.toThrow('exists and is not a folder');
  });

  it('an unknown template, naming the known ones (and no path tricks)', async () => {
    for (const name of ['mirage-helo', '../examples/c-hello', '']) {
      await expect(SHIPPED.createProject(name, path.join(scratch, 'x'))).rejects.toThrow(`unknown template "${name}"; the templates are: c-hello, mirage-hello, mirage-network, mirage-website`);
    }
    expect(existsSync(path.join(scratch, 'x'))).toBe(false);
  });

  it('accepts an empty existing folder and creates missing parents', async () => {
    await SHIPPED.createProject('mirage-hello', scratch);
    await SHIPPED.createProject('mirage-hello', path.join(scratch, 'a', 'b'));
    expect(existsSync(path.join(scratch, 'a', 'b', 'config.ml'))).toBe(true);
  });
});

describe('a catalog with unusual templates', () => {
  const makeTemplate = (root: string, name: string, manifest: object, files: Record<string, string> = {}) => {
    const dir = path.join(root, 'templates', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'template.json'), JSON.stringify(manifest));
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
    return dir;
  };

  it('never follows a symbolic link out of the template, and then creates nothing', async () => {
    const root = path.join(scratch, 'resources');
    const dir = makeTemplate(root, 'leaky', { description: 'links outside' }, { 'README.md': '# leaky' });
    writeFileSync(path.join(scratch, 'secret'), 'secret');
    symlinkSync(path.join(scratch, 'secret'), path.join(dir, 'absolute-link'));
    const catalog = new TemplateCatalog(path.join(root, 'templates'));
    const target = path.join(scratch, 'out');
    await expect(catalog.createProject('leaky', target)).rejects.toThrow(`the template's absolute-link is a symbolic link to ${path.join(scratch, 'secret')}, outside the template`);
    expect(existsSync(target)).toBe(false);

    rmSync(path.join(dir, 'absolute-link'));
    symlinkSync('../../../secret', path.join(dir, 'relative-link'));
    await expect(catalog.createProject('leaky', target)).rejects.toThrow("the template's relative-link is a symbolic link to ../../../secret");
    expect(existsSync(target)).toBe(false);
  });

  it('keeps a link inside the template as a link, and skips build outputs at the top', async () => {
    const root = path.join(scratch, 'resources');
    const dir = makeTemplate(root, 'linked', { description: 'links inside' }, { 'docs/guide.md': 'guide', '_build/junk.o': 'x', 'dist/app': 'x' });
    symlinkSync('docs/guide.md', path.join(dir, 'GUIDE.md'));
    const target = path.join(scratch, 'out');
    const created = await new TemplateCatalog(path.join(root, 'templates')).createProject('linked', target);
    expect(created.files.sort()).toEqual(['GUIDE.md', 'docs/guide.md']);
    expect(readlinkSync(path.join(target, 'GUIDE.md'))).toBe('docs/guide.md');
    expect(readFileSync(path.join(target, 'GUIDE.md'), 'utf8')).toBe('guide');
  });

  it('refuses a manifest whose source leaves the resources folder', async () => {
    const root = path.join(scratch, 'resources');
    makeTemplate(root, 'far', { description: 'elsewhere', source: '../../../' });
    await expect(new TemplateCatalog(path.join(root, 'templates')).createProject('far', path.join(scratch, 'out'))).rejects.toThrow('"source" must be a folder inside');
  });

  it('ignores folders without a manifest', async () => {
    const root = path.join(scratch, 'resources');
    makeTemplate(root, 'real', { description: 'a real one' });
    mkdirSync(path.join(root, 'templates', 'not-a-template'));
    expect(await new TemplateCatalog(path.join(root, 'templates')).list()).toEqual([{ name: 'real', description: 'a real one' }]);
  });
});
