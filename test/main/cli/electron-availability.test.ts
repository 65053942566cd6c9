// Whether `mirador start` can run Electron: binary lookup without downloading, and the display check on Linux.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkElectron } from '../../../main/cli/electron-availability';

describe('checkElectron', () => {
  let appRoot: string;
  let packageDir: string;

  beforeAll(async () => {
    appRoot = await mkdtemp(path.join(os.tmpdir(), 'mirador-electron-check-'));
    packageDir = path.join(appRoot, 'node_modules', 'electron');
    await mkdir(packageDir, { recursive: true });
    await writeFile(path.join(appRoot, 'package.json'), '{"name":"mirador"}');
    await writeFile(path.join(packageDir, 'package.json'), '{"name":"electron","version":"45.0.0"}');
  });
  afterAll(() => rm(appRoot, { recursive: true, force: true }));

  it('says the binary is missing when node_modules/electron/dist is absent', () => {
    expect(checkElectron(appRoot, { DISPLAY: ':0' }, 'linux')).toEqual({
      available: false,
      reason: 'its binary is not installed: node_modules/electron/dist is missing',
    });
  });

  it('says so when ELECTRON_EXEC_PATH names nothing', () => {
    expect(checkElectron(appRoot, { ELECTRON_EXEC_PATH: '/nowhere/electron', DISPLAY: ':0' }, 'linux')).toEqual({
      available: false,
      reason: 'ELECTRON_EXEC_PATH names /nowhere/electron, which does not exist',
    });
  });

  it('says the electron package is missing', () => {
    expect(checkElectron(os.tmpdir(), {}, 'linux')).toMatchObject({ available: false });
  });

  it('finds the binary through path.txt, then needs a display on Linux', async () => {
    await writeFile(path.join(packageDir, 'path.txt'), 'electron');
    await mkdir(path.join(packageDir, 'dist'), { recursive: true });
    const binary = path.join(packageDir, 'dist', 'electron');
    await writeFile(binary, '');
    await chmod(binary, 0o755);
    expect(checkElectron(appRoot, { DISPLAY: ':0' }, 'linux')).toEqual({ available: true, executable: binary });
    expect(checkElectron(appRoot, { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual({ available: true, executable: binary });
    expect(checkElectron(appRoot, {}, 'linux')).toEqual({
      available: false,
      reason: 'there is no graphical display: neither DISPLAY nor WAYLAND_DISPLAY is set',
    });
    expect(checkElectron(appRoot, {}, 'darwin')).toEqual({ available: true, executable: binary });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const override = path.join(appRoot, 'override');
    await mkdir(override, { recursive: true });
    await writeFile(path.join(override, 'electron'), '');
    expect(checkElectron(appRoot, { ELECTRON_OVERRIDE_DIST_PATH: override, DISPLAY: ':0' }, 'linux')).toEqual({
      available: true,
      executable: path.join(override, 'electron'),
    });
  });
});
