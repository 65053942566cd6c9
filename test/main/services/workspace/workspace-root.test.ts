// Tests WorkspaceRoot: opening folders and confining every path to the workspace, including through symbolic links.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceRoot } from '../../../../main/services/workspace/workspace-root';
import { makeTempWorkspace, type TempWorkspace } from './temp-workspace';

let ws: TempWorkspace;
let root: WorkspaceRoot;

beforeEach(async () => {
  ws = makeTempWorkspace();
  ws.write({ 'src/a.ml': 'let x = 1\n' });
  root = await WorkspaceRoot.open(ws.dir);
});
afterEach(() => ws.cleanup());

describe('WorkspaceRoot.open', () => {
  it('keeps the real path of the folder', async () => {
    symlinkSync(ws.dir, path.join(ws.outside, 'link-to-ws'));
    const viaLink = await WorkspaceRoot.open(path.join(ws.outside, 'link-to-ws'));
    expect(viaLink.folder).toBe(ws.dir);
  });

  it('refuses a missing folder with not-found', async () => {
    await expect(WorkspaceRoot.open(path.join(ws.dir, 'nope'))).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a file with not-a-directory', async () => {
    await expect(WorkspaceRoot.open(ws.abs('src/a.ml'))).rejects.toMatchObject({ code: 'not-a-directory' });
  });

  it('refuses a relative folder with invalid-params', async () => {
    await expect(WorkspaceRoot.open('relative/folder')).rejects.toMatchObject({ code: 'invalid-params' });
  });
});

describe('WorkspaceRoot.normalize', () => {
  it('canonicalises harmless paths', () => {
    expect(root.normalize('')).toBe('');
    expect(root.normalize('.')).toBe('');
    expect(root.normalize('src/./a.ml')).toBe('src/a.ml');
    expect(root.normalize('src//a.ml')).toBe('src/a.ml');
    expect(root.normalize('src/')).toBe('src');
    expect(root.normalize('src/../src/a.ml')).toBe('src/a.ml');
  });

  it.each(['..', '../outside', 'src/../../outside', 'src/../..'])('refuses the escape %j', (rel) => {
    expect(() => root.normalize(rel)).toThrow(expect.objectContaining({ code: 'outside-workspace' }));
  });

  it('refuses absolute paths', () => {
    expect(() => root.normalize('/etc/passwd')).toThrow(expect.objectContaining({ code: 'outside-workspace' }));
    expect(() => root.normalize(ws.abs('src/a.ml'))).toThrow(expect.objectContaining({ code: 'outside-workspace' }));
  });

  it('refuses NUL bytes and backslashes', () => {
    expect(() => root.normalize('src/a.ml\0.txt')).toThrow(expect.objectContaining({ code: 'invalid-params' }));
    expect(() => root.normalize('..\\..\\etc\\passwd')).toThrow(expect.objectContaining({ code: 'invalid-params' }));
    expect(() => root.normalize('src\\a.ml')).toThrow(expect.objectContaining({ code: 'invalid-params' }));
  });
});

describe('WorkspaceRoot.resolve', () => {
  it('maps existing and new entries inside the root', async () => {
    expect(await root.resolve('')).toBe(ws.dir);
    expect(await root.resolve('src/a.ml')).toBe(path.join(ws.dir, 'src', 'a.ml'));
    expect(await root.resolve('src/new/deeper.ml')).toBe(path.join(ws.dir, 'src', 'new', 'deeper.ml'));
  });

  it('refuses a symbolic link to a folder outside, and anything below it', async () => {
    symlinkSync(ws.outside, ws.abs('out'));
    await expect(root.resolve('out')).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(root.resolve('out/new.txt')).rejects.toMatchObject({ code: 'outside-workspace' });
  });

  it('refuses a symbolic link to /etc', async () => {
    symlinkSync('/etc', ws.abs('etc'));
    await expect(root.resolve('etc/passwd')).rejects.toMatchObject({ code: 'outside-workspace' });
  });

  it('refuses a dangling link whose target would be created outside', async () => {
    symlinkSync(path.join(ws.outside, 'not-yet.txt'), ws.abs('dangling'));
    await expect(root.resolve('dangling')).rejects.toMatchObject({ code: 'outside-workspace' });
  });

  it('accepts links that stay inside and resolves them for real paths', async () => {
    symlinkSync('src', ws.abs('alias'));
    expect(await root.resolve('alias/a.ml')).toBe(path.join(ws.dir, 'alias', 'a.ml'));
    expect(await root.resolveReal('alias/a.ml')).toBe(path.join(ws.dir, 'src', 'a.ml'));
  });

  it('reports a symlink loop as invalid-params', async () => {
    symlinkSync('loop-b', ws.abs('loop-a'));
    symlinkSync('loop-a', ws.abs('loop-b'));
    await expect(root.resolve('loop-a')).rejects.toMatchObject({ code: 'invalid-params' });
  });

  it('checks the parent before creating', async () => {
    writeFileSync(ws.abs('plain'), '');
    mkdirSync(ws.abs('folder'));
    expect(await root.resolveParentForCreate('folder/x')).toBe(path.join(ws.dir, 'folder', 'x'));
    await expect(root.resolveParentForCreate('missing/x')).rejects.toMatchObject({ code: 'not-found' });
    await expect(root.resolveParentForCreate('plain/x')).rejects.toMatchObject({ code: 'not-a-directory' });
  });
});

describe('WorkspaceRoot.toRelative', () => {
  it('turns absolute paths inside into POSIX relative paths', () => {
    expect(root.toRelative(ws.dir)).toBe('');
    expect(root.toRelative(path.join(ws.dir, 'src', 'a.ml'))).toBe('src/a.ml');
  });

  it('refuses paths outside', () => {
    expect(() => root.toRelative(ws.outside)).toThrow(expect.objectContaining({ code: 'outside-workspace' }));
    expect(() => root.toRelative(`${ws.dir}-sibling/x`)).toThrow(expect.objectContaining({ code: 'outside-workspace' }));
  });
});
