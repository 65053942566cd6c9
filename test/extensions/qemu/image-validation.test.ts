// The QEMU kernel check on real images built here with as/ld, each verdict cross-checked against what QEMU itself says.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkQemuKernel } from '../../../extensions/qemu/image-validation/qemu-kernel-check';
import { PVH_NOTE, addressFieldsKernel, buildKernel, multibootHeader, serialThenExit } from './test-kernels';

const hasQemu = existsSync('/usr/bin/qemu-system-x86_64');

/** What QEMU prints when asked to load `kernel` (it fails before the guest runs, or we stop it after 5 s). */
function qemuLoadError(kernel: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('qemu-system-x86_64', ['-nodefaults', '-display', 'none', '-no-reboot', '-accel', 'tcg', '-kernel', kernel], { timeout: 5000 }, (_error, _stdout, stderr) => resolve(stderr.trim()));
  });
}

describe('checkQemuKernel', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mirador-kernels-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts a multiboot v1 ELF32 kernel', async () => {
    const kernel = buildKernel(dir, 'multiboot', multibootHeader() + serialThenExit('M', 0), 32);
    expect(await checkQemuKernel(kernel)).toEqual({ ok: true, format: 'multiboot v1 ELF32' });
  });

  it('accepts an ELF64 kernel with a PVH note, as QEMU does', async () => {
    const kernel = buildKernel(dir, 'pvh', PVH_NOTE + serialThenExit('P', 0), 64);
    expect(await checkQemuKernel(kernel)).toEqual({ ok: true, format: 'PVH ELF64 x86-64' });
  });

  it('accepts a flat image whose multiboot header has address fields (flag 16)', async () => {
    const kernel = buildKernel(dir, 'flat', addressFieldsKernel(0), 32, 'binary');
    expect(await checkQemuKernel(kernel)).toEqual({ ok: true, format: 'multiboot v1 (address fields)' });
  });

  it('accepts a video mode request, which QEMU only warns about', async () => {
    const kernel = buildKernel(dir, 'video', multibootHeader(4) + serialThenExit('V', 0), 32);
    expect(await checkQemuKernel(kernel)).toEqual({ ok: true, format: 'multiboot v1 ELF32 (video mode request ignored by QEMU)' });
  });

  it.skipIf(!hasQemu)('refuses an ELF64 kernel without multiboot header or PVH note, with the error QEMU gives', async () => {
    const kernel = buildKernel(dir, 'plain64', serialThenExit('X', 0), 64);
    expect(await checkQemuKernel(kernel)).toEqual({
      ok: false,
      problem: `${kernel} is an ELF64 x86-64 file with neither a multiboot v1 header in its first 8 KiB nor a PVH ELF note, so QEMU refuses it with "Error loading uncompressed kernel without PVH ELF Note": add a multiboot header (magic 0x1BADB002) at the start of the image and link it as ELF32, or add a PVH note (Xen ELF note 18).`,
    });
    expect(await qemuLoadError(kernel)).toBe('qemu-system-x86_64: Error loading uncompressed kernel without PVH ELF Note');
  });

  it.skipIf(!hasQemu)('refuses a multiboot kernel linked as ELF64, as QEMU does', async () => {
    const kernel = buildKernel(dir, 'multiboot64', multibootHeader() + serialThenExit('X', 0), 64);
    const verdict = await checkQemuKernel(kernel);
    expect(verdict).toEqual({
      ok: false,
      problem: `${kernel} is an ELF64 x86-64 file; QEMU loads multiboot kernels only from ELF32 i386 files ("Cannot load x86-64 image, give a 32bit one."): link with \`ld -m elf_i386\` (or convert with \`objcopy -O elf32-i386\`), or set multiboot flag 16 with address fields.`,
    });
    expect(await qemuLoadError(kernel)).toBe('qemu-system-x86_64: Cannot load x86-64 image, give a 32bit one.');
  });

  it.skipIf(!hasQemu)('explains a multiboot header with a bad checksum, which QEMU silently ignores', async () => {
    const kernel = buildKernel(dir, 'badsum', multibootHeader(0, '0x12345678') + serialThenExit('X', 0), 32);
    expect(await checkQemuKernel(kernel)).toEqual({
      ok: false,
      problem: `${kernel}: its multiboot magic at 0x1000 has checksum 0x12345678 where 0xe4524ffe is needed (magic + flags + checksum must be 0 mod 2^32), so QEMU ignores it: set checksum = -(0x1BADB002 + flags); without it QEMU refuses this ELF32 i386 file with "Error loading uncompressed kernel without PVH ELF Note".`,
    });
    expect(await qemuLoadError(kernel)).toBe('qemu-system-x86_64: Error loading uncompressed kernel without PVH ELF Note');
  });

  it('explains a multiboot header placed beyond the first 8 KiB', async () => {
    const late = `.section .multiboot, "a"\n.skip 8192\n${multibootHeader().split('\n').slice(1).join('\n')}`;
    const kernel = buildKernel(dir, 'late', late + serialThenExit('X', 0), 32);
    expect(await checkQemuKernel(kernel)).toEqual({
      ok: false,
      problem: `${kernel}: its multiboot header is at 0x3000, beyond the first 8 KiB where QEMU looks: place the header's section first in the linker script; without it QEMU refuses this ELF32 i386 file with "Error loading uncompressed kernel without PVH ELF Note".`,
    });
  });

  it('recognises a bzImage setup header and its boot protocol', async () => {
    const header = Buffer.alloc(0x400);
    header.writeUInt16LE(0xaa55, 0x1fe);
    header.write('HdrS', 0x202, 'latin1');
    header.writeUInt16LE(0x020f, 0x206);
    header[0x211] = 0x01;
    const kernel = path.join(dir, 'bzImage');
    await writeFile(kernel, header);
    expect(await checkQemuKernel(kernel, { initrd: true })).toEqual({ ok: true, format: 'Linux bzImage (boot protocol 2.15)' });
    header.writeUInt16LE(0x0104, 0x206);
    await writeFile(kernel, header);
    expect(await checkQemuKernel(kernel, { initrd: true })).toEqual({
      ok: false,
      problem: `${kernel} is a Linux kernel with boot protocol 1.04, too old to take an initrd (2.00 or later is needed): use a newer kernel or drop "initrd".`,
    });
  });

  const debianKernels = existsSync('/boot') ? readdirSync('/boot').filter((name) => name.startsWith('vmlinuz')) : [];
  it.skipIf(debianKernels.length === 0)("recognises this machine's own Linux kernel as a bzImage", async () => {
    const verdict = await checkQemuKernel(path.join('/boot', debianKernels[0]!), { initrd: true });
    expect(verdict.ok && verdict.format).toMatch(/^Linux bzImage \(boot protocol 2\.\d\d\)$/);
  });

  it('says what is wrong with files that are no kernel at all', async () => {
    const text = path.join(dir, 'notes.txt');
    await writeFile(text, 'hello, this is not a kernel\n'.repeat(50));
    expect(await checkQemuKernel(text)).toEqual({
      ok: false,
      problem: `${text} is neither an ELF file, a multiboot v1 image nor a Linux bzImage (no "HdrS" at 0x202): point "kernel" at the built kernel image.`,
    });
    const empty = path.join(dir, 'empty.elf');
    await writeFile(empty, '');
    expect(await checkQemuKernel(empty)).toEqual({ ok: false, problem: `${empty} is empty: the build did not finish; build it again.` });
    const missing = path.join(dir, 'missing.elf');
    expect(await checkQemuKernel(missing)).toEqual({ ok: false, problem: `${missing} does not exist: build the project first, or point "kernel" at the built image.` });
    expect(await checkQemuKernel(dir)).toEqual({ ok: false, problem: `${dir} is a folder, not a kernel image: point "kernel" at the image file inside it.` });
  });
});
