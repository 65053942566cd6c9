// Tokenizes assembly with Monaco's real Monarch lexer and the grammar from extensions/c-unikernel.
import { describe, expect, it } from 'vitest';
import { MonarchHarness, readGrammar } from './monarch-harness';

const asm = new MonarchHarness('asm', readGrammar('c-unikernel/syntaxes/asm.monarch.json'));

/** Non-white tokens of every line; lines end with "\n" here as in the editor, which the grammar relies on. */
function lines(text: string): [string, string][][] {
  return asm.tokenize(text).map((line) => line.filter((t) => t.type !== 'white').map((t) => [t.text, t.type]));
}

describe('assembly grammar', () => {
  it('reads AT&T statements: mnemonic, immediates, registers and a # comment', () => {
    expect(lines('\tmovl $0x10, %eax # load\n')[0]).toEqual([
      ['movl', 'keyword'],
      ['$0x10', 'number'],
      [',', 'delimiter'],
      ['%eax', 'variable.predefined'],
      ['# load', 'comment'],
    ]);
  });

  it('reads Intel statements: bare registers, memory operands and a ; comment', () => {
    expect(lines('\tmov eax, [ebx + 4] ; intel\n')[0]).toEqual([
      ['mov', 'keyword'],
      ['eax', 'variable.predefined'],
      [',', 'delimiter'],
      ['[', 'delimiter.square'],
      ['ebx', 'variable.predefined'],
      ['+', 'operator'],
      ['4', 'number'],
      [']', 'delimiter.square'],
      ['; intel', 'comment'],
    ]);
  });

  it('reads labels, directives with strings and section flags, and local label references', () => {
    expect(lines('.Lmsg:\t.asciz "Hi\\n"\n\t.section .text, "ax", @progbits\n1:\tjmp 1b\n')).toEqual([
      [
        ['.Lmsg', 'type.identifier'],
        [':', 'delimiter'],
        ['.asciz', 'keyword'],
        ['"Hi', 'string'],
        ['\\n', 'string.escape'],
        ['"', 'string'],
      ],
      [
        ['.section', 'keyword'],
        ['.text', 'identifier'],
        [',', 'delimiter'],
        ['"ax"', 'string'],
        [',', 'delimiter'],
        ['@progbits', 'annotation'],
      ],
      [
        ['1', 'type.identifier'],
        [':', 'delimiter'],
        ['jmp', 'keyword'],
        ['1b', 'type.identifier'],
      ],
      [],
    ]);
  });

  it('tells preprocessor lines of .S files from # comments, and reads // and /* */ comments', () => {
    expect(lines('#include <asm/unistd.h>\n# plain comment\n#define SIZE 0x4000 // bytes\n/* a\n b */ nop\n')).toEqual([
      [
        ['#include', 'keyword.directive'],
        ['<asm/unistd.h>', 'string'],
      ],
      [['# plain comment', 'comment']],
      [
        ['#define', 'keyword.directive'],
        ['SIZE', 'identifier'],
        ['0x4000', 'number.hex'],
        ['// bytes', 'comment'],
      ],
      [['/* a', 'comment']],
      [
        [' b */', 'comment'],
        ['nop', 'keyword'],
      ],
      [],
    ]);
  });

  it('reads numbers in their notations and ARM immediates', () => {
    expect(lines('\t.long 42, 0b1010, 0ffh, 0x1F\n\tldr x0, [sp, #16]\n').slice(0, 2)).toEqual([
      [
        ['.long', 'keyword'],
        ['42', 'number'],
        [',', 'delimiter'],
        ['0b1010', 'number.binary'],
        [',', 'delimiter'],
        ['0ffh', 'number.hex'],
        [',', 'delimiter'],
        ['0x1F', 'number.hex'],
      ],
      [
        ['ldr', 'keyword'],
        ['x0', 'variable.predefined'],
        [',', 'delimiter'],
        ['[', 'delimiter.square'],
        ['sp', 'variable.predefined'],
        [',', 'delimiter'],
        ['#16', 'number'],
        [']', 'delimiter.square'],
      ],
    ]);
  });

  it('tokenizes a real boot stub without invalid tokens', () => {
    const file = `/* Multiboot entry for a Solo5-style unikernel. */
#include "multiboot.h"
#define STACK_SIZE 0x4000

	.section .multiboot, "a"
	.align 4
	.long MULTIBOOT_MAGIC, MULTIBOOT_FLAGS, -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

	.text
	.globl _start
	.type _start, @function
_start:
	cli
	movl $(stack + STACK_SIZE), %esp   # set up the stack
	pushl %ebx
	call kernel_main
1:	hlt
	jmp 1b
	.size _start, . - _start

	.bss
	.lcomm stack, STACK_SIZE
`;
    expect(asm.invalid(file)).toEqual([]);
  });
});
