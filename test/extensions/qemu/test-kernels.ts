// Test helper: assembles tiny x86 kernels with `as` and `ld` (multiboot ELF32, PVH ELF64, flat multiboot, broken ones).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const MULTIBOOT_MAGIC = 0x1badb002;

/** 32-bit code that writes `text` to COM1 and then `exitValue` to isa-debug-exit at 0xf4. */
export function serialThenExit(text: string, exitValue: number): string {
  const writes = [...Buffer.from(text, 'latin1')].map((byte) => `  mov $${byte}, %al\n  out %al, %dx`).join('\n');
  return `.text
.code32
.globl _start
_start:
  mov $0x3f8, %dx
${writes}
  mov $0xf4, %dx
  mov $${exitValue}, %al
  out %al, %dx
1: hlt
  jmp 1b
`;
}

export function multibootHeader(flags = 0, checksum = `-(0x1BADB002 + ${flags})`): string {
  return `.section .multiboot, "a"
.align 4
.long 0x1BADB002
.long ${flags}
.long ${checksum}
`;
}

/** The PVH entry note QEMU looks for: name "Xen", type 18 (XEN_ELFNOTE_PHYS32_ENTRY), the 32-bit entry address. */
export const PVH_NOTE = `.section .note.Xen, "a", @note
.align 4
.long 4
.long 4
.long 18
.asciz "Xen"
.align 4
.long _start
.align 4
`;

const LINKER_SCRIPT = `ENTRY(_start)
SECTIONS {
  . = 0x100000;
  .multiboot : { *(.multiboot) }
  .text : { *(.text) }
  .note : { *(.note.Xen) }
  .pad : { *(.pad) }
}
`;

/** Assembles `source` in `dir` and links it; returns the image path (`image` names it, default NAME.elf or NAME.bin). */
export function buildKernel(dir: string, name: string, source: string, bits: 32 | 64, format: 'elf' | 'binary' = 'elf', image = path.join(dir, format === 'elf' ? `${name}.elf` : `${name}.bin`)): string {
  const sourceFile = path.join(dir, `${name}.s`);
  const object = path.join(dir, `${name}.o`);
  const script = path.join(dir, 'link.ld');
  writeFileSync(sourceFile, source);
  writeFileSync(script, LINKER_SCRIPT);
  execFileSync('as', [bits === 32 ? '--32' : '--64', '-o', object, sourceFile]);
  const linkArgs = format === 'elf' ? ['-T', script] : ['-Ttext=0x100000', '--oformat', 'binary'];
  execFileSync('ld', ['-m', bits === 32 ? 'elf_i386' : 'elf_x86_64', ...linkArgs, '-o', image, object]);
  return image;
}

/** A flat binary whose multiboot header carries its own load addresses (flag 16), the way Solo5 virtio images boot. */
export function addressFieldsKernel(exitValue: number, body = serialThenExit('K', exitValue)): string {
  return `.text
.code32
.globl _start
header:
.long 0x1BADB002
.long 0x10000
.long -(0x1BADB002 + 0x10000)
.long header
.long header
.long 0
.long 0
.long _start
${body.replace(/^\.text\n\.code32\n\.globl _start\n/, '')}`;
}

/** What Solo5's virtio platform_exit does: print, then `outw(0x501, 41)` (QEMU then exits 83 whatever the status). */
export function solo5VirtioExit(text: string): string {
  return serialThenExit(text, 0).replace('  mov $0xf4, %dx\n  mov $0, %al\n  out %al, %dx', '  mov $0x501, %dx\n  mov $41, %ax\n  out %ax, %dx');
}
