// Tests FileLister: every file for quick open, skipping dependency folders and folder links, with a limit.
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileLister } from '../../../../main/services/workspace/file-lister';
import { WorkspaceRoot } from '../../../../main/services/workspace/workspace-root';
import { makeTempWorkspace, type TempWorkspace } from './temp-workspace';

let ws: TempWorkspace;
let root: WorkspaceRoot;

beforeEach(async () => {
  ws = makeTempWorkspace();
  root = await WorkspaceRoot.open(ws.dir);
});
afterEach(() => ws.cleanup());

describe('FileLister', () => {
  it('lists files sorted, skipping .git, node_modules, _build and _opam but keeping .mirador', async () => {
    ws.write({
      'src/main.ml': '',
      'src/lib/util.ml': '',
      'config.ml': '',
      '.mirador/settings.json': '',
      '.gitignore': '',
      '.git/HEAD': '',
      'node_modules/x/index.js': '',
      'src/node_modules/y.js': '',
      '_build/default/main.exe': '',
      '_opam/lib/z.ml': '',
      'src/.mirador-tmp-main.ml-abc': '',
    });
    expect(await new FileLister(root).list()).toEqual({
      paths: ['.gitignore', '.mirador/settings.json', 'config.ml', 'src/lib/util.ml', 'src/main.ml'],
      truncated: false,
    });
  });

  it('lists linked files inside but does not follow linked folders or links to outside', async () => {
    ws.write({ 'src/a.ml': '' });
    writeFileSync(path.join(ws.outside, 'secret.txt'), '');
    symlinkSync('src', ws.abs('src-link'));
    symlinkSync('src/a.ml', ws.abs('a-link.ml'));
    symlinkSync(path.join(ws.outside, 'secret.txt'), ws.abs('secret-link'));
    symlinkSync('.', ws.abs('src/loop'));
    expect((await new FileLister(root).list()).paths).toEqual(['a-link.ml', 'src/a.ml']);
  });

  it('stops at the limit and says so', async () => {
    ws.write({ 'a/1': '', 'a/2': '', 'b/3': '', 'b/4': '', 'c': '' });
    const limited = await new FileLister(root, { limit: 3 }).list();
    expect(limited.truncated).toBe(true);
    expect(limited.paths).toHaveLength(3);
    expect(await new FileLister(root, { limit: 5 }).list()).toEqual({ paths: ['a/1', 'a/2', 'b/3', 'b/4', 'c'], truncated: false });
  });
});
