// The MI driver against the real gdb, without a target: tokens, quoting round trips, console capture, errors, exit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GdbDriver } from '../../../../main/debug/gdb/gdb-driver';
import { GDB_FIX, locateGdb } from '../../../../main/debug/gdb/gdb-executable';
import { GdbCommandError } from '../../../../main/debug/gdb/gdb-mi-process';
import { describedRegisterBytes, i386OverX8664TargetDescription, X86_64_REGISTER_PACKET_BYTES } from '../../../../main/debug/gdb/i386-over-x86-64-tdesc';
import type { MiAsyncRecord } from '../../../../main/debug/gdb/mi-record';
import { isAlive } from '../support/guest-processes';

let dir: string;
let gdbPath: string;
const drivers: GdbDriver[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mirador-gdb-test-'));
  const location = await locateGdb();
  if (!('found' in location)) throw new Error(location.problem);
  gdbPath = location.found;
});

afterEach(async () => {
  for (const driver of drivers.splice(0)) await driver.exit(500);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startGdb(observer: Parameters<typeof GdbDriver.start>[1] = {}): Promise<GdbDriver> {
  const driver = await GdbDriver.start({ gdbPath, cwd: dir }, observer);
  drivers.push(driver);
  return driver;
}

describe('GdbDriver on the real gdb', () => {
  it('matches answers to commands by token, however many are in flight', async () => {
    const gdb = await startGdb();
    const values = await Promise.all(Array.from({ length: 25 }, (_, index) => gdb.evaluate(`${index} * 3 + 1`)));
    expect(values).toEqual(Array.from({ length: 25 }, (_, index) => String(index * 3 + 1)));
  });

  it('passes quotes, backslashes, blanks and a leading dash through gdb intact', async () => {
    const gdb = await startGdb();
    // sizeof a string literal counts its bytes and the NUL: the literal reached gdb exactly as written.
    expect(await gdb.evaluate('sizeof("a \\"q\\" \\\\ b")')).toBe(String('a "q" \\ b'.length + 1));
    expect(await gdb.evaluate('-1 - 2')).toBe('-3');
    expect(await gdb.evaluate("'\\n' + 0")).toBe('10');
  });

  it('collects what a console command prints, and reports gdb errors as GdbCommandError', async () => {
    const gdb = await startGdb();
    expect(await gdb.console('echo one\\ntwo "three"\\n')).toBe('one\ntwo "three"\n');
    await gdb.set('architecture', 'i386:x86-64');
    expect(await gdb.console('show architecture')).toContain('i386:x86-64');
    const failure = gdb.evaluate('nosuch_symbol + 1');
    await expect(failure).rejects.toBeInstanceOf(GdbCommandError);
    await expect(failure).rejects.toThrow('No symbol table is loaded.  Use the "file" command.');
    // The queue goes on after an error.
    expect(await gdb.evaluate('2 + 2')).toBe('4');
  });

  it('accepts the i386 view of QEMU x86-64 registers as a target description, sized like QEMU\'s packet', async () => {
    expect(describedRegisterBytes()).toBe(X86_64_REGISTER_PACKET_BYTES);
    const file = path.join(dir, 'view.xml');
    writeFileSync(file, i386OverX8664TargetDescription());
    const gdb = await startGdb();
    const printed = await gdb.console(`maint print xml-tdesc ${file}`);
    expect(printed).not.toMatch(/warning|could not/i);
    expect(printed).toContain('<architecture>i386</architecture>');
    for (const name of ['eax', 'eax_hi', 'eip', 'eflags', 'cs', 'cr0', 'cr3', 'cr4', 'efer', 'xmm15', 'mxcsr']) expect(printed).toContain(`<reg name="${name}"`);
  });

  it('leaves with -gdb-exit; a command to a gone gdb fails at once; nothing is left running', async () => {
    const exits: unknown[] = [];
    const gdb = await startGdb({ onExit: (exit) => exits.push(exit) });
    const pid = gdb.mi.pid!;
    expect(isAlive(pid)).toBe(true);
    await gdb.exit();
    expect(isAlive(pid)).toBe(false);
    expect(exits).toEqual([{ code: 0, signal: null, stderr: [] }]);
    await expect(gdb.evaluate('1')).rejects.toThrow('gdb is not running');
  });

  it('rejects the commands in flight when gdb is killed, and tells the observer', async () => {
    const exits: { signal: string | null }[] = [];
    const notices: MiAsyncRecord[] = [];
    const gdb = await startGdb({ onExit: (exit) => exits.push(exit), onAsync: (record) => notices.push(record) });
    const slow = gdb.console('shell sleep 3');
    await new Promise((resolve) => setTimeout(resolve, 200));
    gdb.killNow();
    await expect(slow).rejects.toThrow(/^gdb exited \(SIGKILL\)/);
    await gdb.mi.exited;
    expect(exits).toEqual([expect.objectContaining({ signal: 'SIGKILL' })]);
  });
});

describe('locateGdb', () => {
  it('finds gdb on PATH', async () => {
    expect(await locateGdb()).toEqual({ found: expect.stringMatching(/\/gdb$/) });
  });

  it('points at the doctor\'s fix when gdb is missing or not executable', async () => {
    expect(GDB_FIX).toBe('sudo apt-get install gdb');
    expect(await locateGdb({ PATH: dir })).toEqual({ problem: `Debugging needs gdb, and gdb was not found on PATH. Fix: sudo apt-get install gdb (mirador doctor checks it), or run without debugging ("noDebug": true, Ctrl+F5).` });
    const fake = path.join(dir, 'gdb');
    writeFileSync(fake, '#!/bin/sh\n', { mode: 0o644 });
    expect(await locateGdb({ PATH: dir })).toEqual({ problem: expect.stringContaining(`Debugging needs gdb, and ${fake} is not executable.`) });
  });
});
