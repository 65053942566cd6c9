// Test helper: assembles a tiny multiboot ELF32 guest that prints lines on COM1, then exits through isa-debug-exit or idles.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TinyGuestSpec {
  lines: string[];
  /**
   * The status written to isa-debug-exit; `'idle'` halts forever instead (for stop and timeout tests); `'spin'` loops
   * forever without halting (a halted CPU cannot be single-stepped: it waits for an interrupt a stepping QEMU masks).
   */
  exit: number | 'idle' | 'spin';
}

const LINK_SCRIPT = 'ENTRY(_start)\nSECTIONS { . = 1M; .text : { *(.multiboot) *(.text) } .rodata : { *(.rodata) } }\n';

/** Builds `<dir>/<name>.elf` with as --32 and ld -m elf_i386 (no multilib needed) and returns its path. */
export function buildTinyGuest(dir: string, name: string, spec: TinyGuestSpec): string {
  const text = spec.lines.map((line) => `${line}\n`).join('');
  const bytes = [...Buffer.from(text, 'utf8')].join(', ');
  const ending =
    spec.exit === 'idle'
      ? ''
      : spec.exit === 'spin'
        ? '4:\n  inc %ecx\n  jmp 4b\n'
        : `  mov $0xf4, %dx\n  mov $${spec.exit}, %eax\n  out %eax, %dx\n`;
  const source = `
.set MAGIC, 0x1BADB002
.section .multiboot, "a"
.align 4
.long MAGIC, 0, -(MAGIC)
.text
.global _start
_start:
  mov $message, %esi
  mov $message_end, %edi
1:
  cmp %edi, %esi
  je 2f
  lodsb
  mov $0x3f8, %dx
  out %al, %dx
  jmp 1b
2:
${ending}3:
  hlt
  jmp 3b
.section .rodata
message: .byte ${bytes}
message_end:
`;
  const sourceFile = path.join(dir, `${name}.S`);
  const objectFile = path.join(dir, `${name}.o`);
  const linkFile = path.join(dir, 'tiny-guest.ld');
  const image = path.join(dir, `${name}.elf`);
  writeFileSync(sourceFile, source);
  writeFileSync(linkFile, LINK_SCRIPT);
  execFileSync('as', ['--32', '-o', objectFile, sourceFile]);
  execFileSync('ld', ['-m', 'elf_i386', '-T', linkFile, '-o', image, objectFile]);
  return image;
}
