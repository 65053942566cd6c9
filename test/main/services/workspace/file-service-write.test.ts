// Tests FileService changes: atomic save (mode, links, conflicts, failures), create, rename and delete.
import { promises, chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileService } from '../../../../main/services/workspace/file-service';
import { WorkspaceRoot } from '../../../../main/services/workspace/workspace-root';
import { makeTempWorkspace, type TempWorkspace } from './temp-workspace';

let ws: TempWorkspace;
let files: FileService;

beforeEach(async () => {
  ws = makeTempWorkspace();
  files = new FileService(await WorkspaceRoot.open(ws.dir));
});
afterEach(() => ws.cleanup());

const names = (rel: string) => readdirSync(ws.abs(rel)).sort();

describe('writeFile', () => {
  it('replaces the content, keeps the mode, leaves no temp file and returns the new stat', async () => {
    ws.write({ 'src/run.sh': 'old' });
    chmodSync(ws.abs('src/run.sh'), 0o754);
    const inodeBefore = statSync(ws.abs('src/run.sh')).ino;
    const stat = await files.writeFile({ path: 'src/run.sh', text: 'echo é\n' });
    const onDisk = statSync(ws.abs('src/run.sh'));
    expect(readFileSync(ws.abs('src/run.sh'), 'utf8')).toBe('echo é\n');
    expect(onDisk.mode & 0o7777).toBe(0o754);
    expect(onDisk.ino).not.toBe(inodeBefore); // replaced by rename, not rewritten in place
    expect(stat).toEqual({ size: 8, mtimeMs: onDisk.mtimeMs });
    expect(names('src')).toEqual(['run.sh']);
  });

  it('creates a new file when its folder exists', async () => {
    mkdirSync(ws.abs('src'));
    await files.writeFile({ path: 'src/new.ml', text: 'x' });
    expect(readFileSync(ws.abs('src/new.ml'), 'utf8')).toBe('x');
    await expect(files.writeFile({ path: 'nope/new.ml', text: 'x' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('saves when the expected mtime matches, and refuses with conflict when the file changed on disk', async () => {
    ws.write({ 'a.ml': 'v1' });
    const opened = await files.readFile('a.ml');
    const saved = await files.writeFile({ path: 'a.ml', text: 'v2', expectedMtimeMs: opened.mtimeMs });
    writeFileSync(ws.abs('a.ml'), 'someone else');
    utimesSync(ws.abs('a.ml'), new Date(), new Date(saved.mtimeMs + 5000));
    const attempt = files.writeFile({ path: 'a.ml', text: 'v3', expectedMtimeMs: saved.mtimeMs });
    await expect(attempt).rejects.toMatchObject({ code: 'conflict' });
    await expect(attempt).rejects.toThrow('"a.ml" changed on disk since it was opened. Compare your version with the one on disk, or overwrite it.');
    expect(readFileSync(ws.abs('a.ml'), 'utf8')).toBe('someone else');
    expect(names('')).toEqual(['a.ml']);
  });

  it('reports a conflict when the file was deleted since it was opened', async () => {
    await expect(files.writeFile({ path: 'gone.ml', text: 'x', expectedMtimeMs: 1234 })).rejects.toMatchObject({ code: 'conflict' });
    expect(existsSync(ws.abs('gone.ml'))).toBe(false);
  });

  it('writes through a link inside the workspace and keeps the link', async () => {
    ws.write({ 'src/real.ml': 'old' });
    symlinkSync('src/real.ml', ws.abs('link.ml'));
    await files.writeFile({ path: 'link.ml', text: 'new' });
    expect(lstatSync(ws.abs('link.ml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(ws.abs('link.ml'))).toBe('src/real.ml');
    expect(readFileSync(ws.abs('src/real.ml'), 'utf8')).toBe('new');
    expect(names('src')).toEqual(['real.ml']);
  });

  it('refuses writing through links to outside, escapes and absolute paths', async () => {
    writeFileSync(path.join(ws.outside, 'target.txt'), 'untouched');
    symlinkSync(path.join(ws.outside, 'target.txt'), ws.abs('out-file'));
    symlinkSync(path.join(ws.outside, 'created-by-link.txt'), ws.abs('dangling'));
    symlinkSync(ws.outside, ws.abs('out-dir'));
    await expect(files.writeFile({ path: 'out-file', text: 'pwned' })).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(files.writeFile({ path: 'dangling', text: 'pwned' })).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(files.writeFile({ path: 'out-dir/new.txt', text: 'pwned' })).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(files.writeFile({ path: '../outside/target.txt', text: 'pwned' })).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(files.writeFile({ path: path.join(ws.outside, 'target.txt'), text: 'pwned' })).rejects.toMatchObject({ code: 'outside-workspace' });
    expect(readFileSync(path.join(ws.outside, 'target.txt'), 'utf8')).toBe('untouched');
    expect(readdirSync(ws.outside)).toEqual(['target.txt']);
  });

  it('refuses to save over a folder and leaves it intact', async () => {
    ws.write({ 'src/keep.ml': 'keep' });
    await expect(files.writeFile({ path: 'src', text: 'x' })).rejects.toMatchObject({ code: 'is-a-directory' });
    expect(readFileSync(ws.abs('src/keep.ml'), 'utf8')).toBe('keep');
    expect(names('')).toEqual(['src']);
  });

  it('leaves the original intact and removes the temp file when the rename fails', async () => {
    ws.write({ 'a.ml': 'original' });
    let tempSeen = '';
    const rename = vi.spyOn(promises, 'rename').mockImplementationOnce(async (from) => {
      tempSeen = path.basename(String(from));
      throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    });
    try {
      await expect(files.writeFile({ path: 'a.ml', text: 'new' })).rejects.toMatchObject({ code: 'internal' });
    } finally {
      rename.mockRestore();
    }
    expect(tempSeen).toMatch(/^\.mirador-tmp-a\.ml-[0-9a-f]{12}$/);
    expect(names('')).toEqual(['a.ml']);
    expect(readFileSync(ws.abs('a.ml'), 'utf8')).toBe('original');
  });
});

describe('createFile', () => {
  it('creates an empty file and returns its stat', async () => {
    expect(await files.createFile('new.ml')).toEqual({ size: 0, mtimeMs: statSync(ws.abs('new.ml')).mtimeMs });
  });

  it('refuses existing entries, missing parents and dangling links', async () => {
    ws.write({ 'a.ml': 'keep' });
    symlinkSync('missing-target', ws.abs('dangling'));
    await expect(files.createFile('a.ml')).rejects.toMatchObject({ code: 'already-exists' });
    await expect(files.createFile('missing/new.ml')).rejects.toMatchObject({ code: 'not-found' });
    await expect(files.createFile('a.ml/new.ml')).rejects.toMatchObject({ code: 'not-a-directory' });
    await expect(files.createFile('dangling')).rejects.toMatchObject({ code: 'already-exists' });
    expect(readFileSync(ws.abs('a.ml'), 'utf8')).toBe('keep');
    expect(existsSync(ws.abs('missing-target'))).toBe(false);
  });
});

describe('createDirectory', () => {
  it('creates nested folders and refuses existing names', async () => {
    await files.createDirectory('a/b/c');
    expect(statSync(ws.abs('a/b/c')).isDirectory()).toBe(true);
    await expect(files.createDirectory('a/b')).rejects.toMatchObject({ code: 'already-exists' });
    await expect(files.createDirectory('')).rejects.toMatchObject({ code: 'already-exists' });
  });

  it('refuses to create through a link to outside', async () => {
    symlinkSync(ws.outside, ws.abs('out'));
    await expect(files.createDirectory('out/x/y')).rejects.toMatchObject({ code: 'outside-workspace' });
    expect(readdirSync(ws.outside)).toEqual([]);
  });
});

describe('rename', () => {
  it('moves files and folders', async () => {
    ws.write({ 'a.ml': 'a', 'src/x.ml': 'x' });
    mkdirSync(ws.abs('lib'));
    await files.rename('a.ml', 'lib/b.ml');
    await files.rename('src', 'lib/src');
    expect(names('')).toEqual(['lib']);
    expect(names('lib')).toEqual(['b.ml', 'src']);
    expect(readFileSync(ws.abs('lib/src/x.ml'), 'utf8')).toBe('x');
  });

  it('refuses an existing destination, a missing source and the root', async () => {
    ws.write({ 'a.ml': 'a', 'b.ml': 'b' });
    await expect(files.rename('a.ml', 'b.ml')).rejects.toMatchObject({ code: 'already-exists' });
    await expect(files.rename('zzz.ml', 'c.ml')).rejects.toMatchObject({ code: 'not-found' });
    await expect(files.rename('', 'c')).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(files.rename('a.ml', '../a.ml')).rejects.toMatchObject({ code: 'outside-workspace' });
    expect(readFileSync(ws.abs('b.ml'), 'utf8')).toBe('b');
    expect(names('')).toEqual(['a.ml', 'b.ml']);
  });

  it('refuses moving a folder into itself', async () => {
    ws.write({ 'src/x.ml': 'x' });
    await expect(files.rename('src', 'src/inner')).rejects.toMatchObject({ code: 'invalid-params' });
  });
});

describe('delete', () => {
  it('deletes files and folders recursively', async () => {
    ws.write({ 'a.ml': '', 'src/deep/x.ml': '' });
    await files.delete('a.ml');
    await files.delete('src');
    expect(names('')).toEqual([]);
  });

  it('deletes a link, not its target', async () => {
    ws.write({ 'src/x.ml': 'x' });
    symlinkSync('src', ws.abs('alias'));
    await files.delete('alias');
    expect(names('')).toEqual(['src']);
    expect(names('src')).toEqual(['x.ml']);
  });

  it('refuses the root, missing entries and escapes', async () => {
    ws.write({ 'a.ml': '' });
    await expect(files.delete('')).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(files.delete('.')).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(files.delete('src/..')).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(files.delete('missing')).rejects.toMatchObject({ code: 'not-found' });
    await expect(files.delete('../outside')).rejects.toMatchObject({ code: 'outside-workspace' });
    expect(names('')).toEqual(['a.ml']);
    expect(existsSync(ws.outside)).toBe(true);
  });
});
