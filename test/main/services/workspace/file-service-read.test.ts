// Tests FileService reading: directory listings, text/binary/huge/non-UTF-8 files, stat, and refusals outside the root.
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileService } from '../../../../main/services/workspace/file-service';
import { WorkspaceRoot } from '../../../../main/services/workspace/workspace-root';
import { makeTempWorkspace, type TempWorkspace } from './temp-workspace';

let ws: TempWorkspace;
let files: FileService;

beforeEach(async () => {
  ws = makeTempWorkspace();
  files = new FileService(await WorkspaceRoot.open(ws.dir), { hugeFileBytes: 1024 });
});
afterEach(() => ws.cleanup());

describe('readDir', () => {
  it('lists folders first, then files, case-insensitively in natural order', async () => {
    ws.write({ 'b.ml': '', 'A.ml': '', 'file10.ml': '', 'file2.ml': '', 'Zeta/x': '', 'alpha/x': '', 'dir10/x': '', 'dir9/x': '' });
    const entries = await files.readDir('');
    expect(entries.map((e) => e.name)).toEqual(['alpha', 'dir9', 'dir10', 'Zeta', 'A.ml', 'b.ml', 'file2.ml', 'file10.ml']);
    expect(entries[0]).toEqual({ name: 'alpha', path: 'alpha', kind: 'directory', symlink: false });
    expect(entries[4]).toEqual({ name: 'A.ml', path: 'A.ml', kind: 'file', symlink: false });
  });

  it('gives nested entries workspace-relative paths', async () => {
    ws.write({ 'src/lib/x.ml': '' });
    expect(await files.readDir('src')).toEqual([{ name: 'lib', path: 'src/lib', kind: 'directory', symlink: false }]);
    expect(await files.readDir('src/lib/')).toEqual([{ name: 'x.ml', path: 'src/lib/x.ml', kind: 'file', symlink: false }]);
  });

  it('flags links inside with their target kind and hides links outside and broken links', async () => {
    ws.write({ 'src/a.ml': '', 'real.txt': '' });
    writeFileSync(path.join(ws.outside, 'secret.txt'), 'secret');
    symlinkSync('src', ws.abs('src-link'));
    symlinkSync('real.txt', ws.abs('real-link.txt'));
    symlinkSync(ws.outside, ws.abs('out-dir'));
    symlinkSync(path.join(ws.outside, 'secret.txt'), ws.abs('out-file'));
    symlinkSync('/etc', ws.abs('etc'));
    symlinkSync('missing', ws.abs('broken'));
    expect(await files.readDir('')).toEqual([
      { name: 'src', path: 'src', kind: 'directory', symlink: false },
      { name: 'src-link', path: 'src-link', kind: 'directory', symlink: true },
      { name: 'real-link.txt', path: 'real-link.txt', kind: 'file', symlink: true },
      { name: 'real.txt', path: 'real.txt', kind: 'file', symlink: false },
    ]);
  });

  it('lists through a link inside and refuses one pointing outside', async () => {
    ws.write({ 'src/a.ml': '' });
    symlinkSync('src', ws.abs('src-link'));
    symlinkSync(ws.outside, ws.abs('out-dir'));
    expect(await files.readDir('src-link')).toEqual([{ name: 'a.ml', path: 'src-link/a.ml', kind: 'file', symlink: false }]);
    await expect(files.readDir('out-dir')).rejects.toMatchObject({ code: 'outside-workspace' });
  });

  it('maps errors: missing folder, file, escape', async () => {
    ws.write({ 'a.txt': '' });
    await expect(files.readDir('nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(files.readDir('a.txt')).rejects.toMatchObject({ code: 'not-a-directory' });
    await expect(files.readDir('..')).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(files.readDir(ws.outside)).rejects.toMatchObject({ code: 'outside-workspace' });
  });
});

describe('readFile', () => {
  it('reads UTF-8 text with size and mtime', async () => {
    ws.write({ 'src/a.ml': 'let é = "ü"\n' });
    const stat = statSync(ws.abs('src/a.ml'));
    expect(await files.readFile('src/a.ml')).toEqual({
      path: 'src/a.ml',
      text: 'let é = "ü"\n',
      size: 14,
      mtimeMs: stat.mtimeMs,
      readOnly: false,
    });
  });

  it('keeps a byte order mark so saving preserves it', async () => {
    ws.write({ 'bom.txt': '\uFEFFhi' });
    expect((await files.readFile('bom.txt')).text).toBe('\uFEFFhi');
  });

  it('shows binary files read-only as a hexdump -C style preview', async () => {
    const bytes = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x41, 0x42, 0x43, 0x20, 0x7e, 0x7f, 0xff, 0x0a, 0x68, 0x69]);
    ws.write({ 'kernel.elf': bytes });
    const content = await files.readFile('kernel.elf');
    expect(content.readOnly).toBe(true);
    expect(content.size).toBe(18);
    expect(content.text).toBe(
      '00000000  7f 45 4c 46 02 01 01 00  41 42 43 20 7e 7f ff 0a  |.ELF....ABC ~...|\n' +
        '00000010  68 69                                             |hi|\n' +
        '00000012\n',
    );
    expect(content.notice).toBe('This file looks binary (18 bytes), so it is shown read-only as a hex dump. Use an external tool to edit it.');
  });

  it('matches the output of hexdump -C for non-repeating data', async () => {
    const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) % 256));
    ws.write({ 'blob.bin': bytes });
    const expected = execFileSync('hexdump', ['-C', ws.abs('blob.bin')], { encoding: 'utf8' });
    expect((await files.readFile('blob.bin')).text).toBe(expected);
  });

  it('detects binary only from a NUL in the first 8 KiB and previews only the first 64 KiB', async () => {
    const late = Buffer.alloc(8192 + 10, 0x61);
    late[8192 + 5] = 0;
    const big = Buffer.alloc(200 * 1024, 0);
    ws.write({ 'late-nul.txt': late, 'big.bin': big });
    // hugeFileBytes is 1 KiB here, so the late-NUL file is shown as a huge text file, not as binary.
    expect((await files.readFile('late-nul.txt')).notice).toMatch(/^This file is 8\.0 KiB, too large/);
    const content = await files.readFile('big.bin');
    const lines = content.text.trimEnd().split('\n');
    expect(lines).toHaveLength(64 * 1024 / 16 + 1);
    expect(lines.at(-1)).toBe('00010000');
    expect(content.notice).toBe('This file looks binary (200 KiB), so it is shown read-only as a hex dump of its first 64 KiB. Use an external tool to edit it.');
  });

  it('shows only the first 2 MiB of a huge file, without splitting a character', async () => {
    const text = Buffer.concat([Buffer.alloc(2 * 1024 * 1024 - 1, 0x61), Buffer.from('é and more')]);
    ws.write({ 'huge.log': text });
    const content = await files.readFile('huge.log');
    expect(content.readOnly).toBe(true);
    expect(content.size).toBe(text.length);
    expect(content.text).toBe('a'.repeat(2 * 1024 * 1024 - 1));
    expect(content.notice).toBe(
      'This file is 2.0 MiB, too large to edit here: it is read-only and only the first 2 MiB are shown. Use an external tool to see the rest.',
    );
  });

  it('uses the 10 MiB default limit', async () => {
    const plain = new FileService(await WorkspaceRoot.open(ws.dir));
    ws.write({ 'medium.txt': 'x'.repeat(5000) });
    expect((await plain.readFile('medium.txt')).readOnly).toBe(false);
  });

  it('opens non-UTF-8 text read-only', async () => {
    ws.write({ 'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9]) });
    const content = await files.readFile('latin1.txt');
    expect(content.readOnly).toBe(true);
    expect(content.text).toBe('caf\uFFFD');
    expect(content.notice).toMatch(/^This file is not valid UTF-8/);
  });

  it('reads through a link inside the workspace', async () => {
    ws.write({ 'src/a.ml': 'inside' });
    symlinkSync('src/a.ml', ws.abs('link.ml'));
    expect(await files.readFile('link.ml')).toMatchObject({ path: 'link.ml', text: 'inside' });
  });

  it('refuses links to outside, escapes and absolute paths', async () => {
    writeFileSync(path.join(ws.outside, 'secret.txt'), 'secret');
    symlinkSync(path.join(ws.outside, 'secret.txt'), ws.abs('secret-link'));
    symlinkSync('/etc', ws.abs('etc'));
    await expect(files.readFile('secret-link')).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(files.readFile('etc/hostname')).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(files.readFile('../outside/secret.txt')).rejects.toMatchObject({ code: 'outside-workspace' });
    await expect(files.readFile(path.join(ws.outside, 'secret.txt'))).rejects.toMatchObject({ code: 'outside-workspace' });
  });

  it('maps a folder to is-a-directory and a missing file to not-found', async () => {
    mkdirSync(ws.abs('dir'));
    await expect(files.readFile('dir')).rejects.toMatchObject({ code: 'is-a-directory' });
    await expect(files.readFile('')).rejects.toMatchObject({ code: 'is-a-directory' });
    const missing = files.readFile('missing.ml');
    await expect(missing).rejects.toMatchObject({ code: 'not-found' });
    await expect(missing).rejects.toThrow('Could not open "missing.ml": it does not exist.');
  });

  it('refuses a named pipe instead of blocking on it', async () => {
    execFileSync('mkfifo', [ws.abs('pipe')]);
    await expect(files.readFile('pipe')).rejects.toMatchObject({ code: 'invalid-params' });
    expect(await files.readDir('')).toEqual([]);
  });
});

describe('stat', () => {
  it('returns size and mtime', async () => {
    ws.write({ 'a.txt': 'hello' });
    expect(await files.stat('a.txt')).toEqual({ size: 5, mtimeMs: statSync(ws.abs('a.txt')).mtimeMs });
    await expect(files.stat('b.txt')).rejects.toMatchObject({ code: 'not-found' });
  });
});
