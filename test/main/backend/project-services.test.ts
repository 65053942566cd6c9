// The welcome page's backend requests on real files: templates listed and created where asked, the tutorial copied once.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectServices } from '../../../main/backend/project-services';
import { projectFolder, projectNameProblem } from '../../../main/services/templates/new-project-location';
import { TUTORIAL_NOTEBOOK, shippedTutorial } from '../../../main/services/tutorials/tutorial-notebook';
import { APP_ROOT } from '../cli/app-build';

let scratch: string;
let userData: string;
let workspace: string | null;
const services = () => projectServices(APP_ROOT, userData, () => workspace);

beforeEach(() => {
  scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mirador-projects-test-')));
  userData = path.join(scratch, 'user-data');
  workspace = null;
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('project names and folders', () => {
  it.each(['hello', 'my-unikernel', 'c_hello.2', '_x'])('accepts %s', (name) => {
    expect(projectNameProblem(name)).toBeNull();
    expect(projectFolder('/home/me', name)).toBe(`/home/me/${name}`);
  });

  it.each([
    ['', /Give the project a name/],
    ['.', /real folder name/],
    ['..', /real folder name/],
    ['a/b', /A name, not a path/],
    ['../escape', /A name, not a path/],
    ['-rf', /letters, digits/i],
    ['.hidden', /letters, digits/i],
    ['with space', /letters, digits/i],
    ['x'.repeat(65), /under 64/],
  ])('refuses %j', (name, message) => {
    expect(projectNameProblem(name)).toMatch(message);
    expect(() => projectFolder('/home/me', name)).toThrow(message);
  });

  it('needs an absolute parent folder', () => {
    expect(() => projectFolder('relative/dir', 'hello')).toThrow(/not an absolute path/);
  });
});

describe('templates/list and templates/create', () => {
  it('lists the shipped templates and the home folder as the default parent', async () => {
    const list = await services().listTemplates();
    expect(list.templates.map((template) => template.name)).toEqual(['c-hello', 'mirage-hello', 'mirage-network', 'mirage-website']);
    expect(list.defaultParent).toBe(os.homedir());
  });

  it('creates parent/name from a template, answers with its real path and its README', async () => {
    mkdirSync(path.join(scratch, 'real-parent'));
    symlinkSync(path.join(scratch, 'real-parent'), path.join(scratch, 'linked-parent'));
    const created = await services().createProject('c-hello', path.join(scratch, 'linked-parent'), 'first');
    expect(created.folder).toBe(path.join(scratch, 'real-parent', 'first'));
    expect(created.readme).toBe('README.md');
    expect(created.files).toContain('.mirador/launch.json');
    expect(readFileSync(path.join(created.folder, 'kernel.c'), 'utf8')).toContain('kernel_main');
  });

  it('creates the parent folder when it does not exist yet', async () => {
    const created = await services().createProject('mirage-hello', path.join(scratch, 'new', 'parent'), 'hello');
    expect(created.files).toEqual(expect.arrayContaining(['config.ml', 'unikernel.ml', 'README.md']));
  });

  it('refuses an unknown template, a bad name and a folder that is not empty, creating nothing', async () => {
    await expect(services().createProject('nope', scratch, 'x')).rejects.toThrow(/unknown template "nope"; the templates are: c-hello/);
    await expect(services().createProject('c-hello', scratch, '../x')).rejects.toMatchObject({ code: 'invalid-params' });
    mkdirSync(path.join(scratch, 'busy'));
    writeFileSync(path.join(scratch, 'busy', 'notes.txt'), 'mine');
    await expect(services().createProject('c-hello', scratch, 'busy')).rejects.toThrow(/is not empty \(notes\.txt\)/);
    expect(readFileSync(path.join(scratch, 'busy', 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('tutorial/prepare', () => {
  it("copies the tutorial into Mirador's tutorials folder once, keeping the user's edits afterwards", async () => {
    const first = await services().prepareTutorial('tutorials-folder');
    expect(first).toEqual({ folder: path.join(userData, 'tutorials'), notebook: TUTORIAL_NOTEBOOK, copied: true });
    const copy = path.join(first.folder, first.notebook);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(shippedTutorial(APP_ROOT), 'utf8'));
    writeFileSync(copy, '{"edited": true}');
    expect(await services().prepareTutorial('tutorials-folder')).toMatchObject({ copied: false });
    expect(readFileSync(copy, 'utf8')).toBe('{"edited": true}');
  });

  it('copies the tutorial into the open workspace under tutorials/', async () => {
    workspace = path.join(scratch, 'ws');
    mkdirSync(workspace);
    const prepared = await services().prepareTutorial('workspace');
    expect(prepared).toEqual({ folder: workspace, notebook: `tutorials/${TUTORIAL_NOTEBOOK}`, copied: true });
    expect(JSON.parse(readFileSync(path.join(workspace, 'tutorials', TUTORIAL_NOTEBOOK), 'utf8'))).toHaveProperty('cells');
  });

  it('says so when no folder is open to copy it into', async () => {
    await expect(services().prepareTutorial('workspace')).rejects.toMatchObject({ code: 'no-workspace' });
  });
});
