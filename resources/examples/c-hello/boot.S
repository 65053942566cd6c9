/* Entry point: the Multiboot v1 header QEMU's -kernel looks for, a stack, and the call into kernel_main. */

#define MULTIBOOT_HEADER_MAGIC 0x1BADB002
/* Bit 0: align modules on pages; bit 1: give us the memory sizes. No bit 16: QEMU reads our ELF headers instead. */
#define MULTIBOOT_HEADER_FLAGS 0x00000003
#define STACK_SIZE 16384

/* link.ld puts this section first, because loaders only search the first 8 KiB of the file for the header. */
    .section .multiboot, "a"
    .p2align 2
multiboot_header:
    .long MULTIBOOT_HEADER_MAGIC
    .long MULTIBOOT_HEADER_FLAGS
    .long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

    .section .bss
    .p2align 4
stack_bottom:
    .skip STACK_SIZE
    .global stack_top
stack_top:

    .section .text
    .global _start
    .type _start, @function
/* The loader leaves us in 32-bit protected mode, paging and interrupts off, eax = magic, ebx = boot information. */
_start:
    mov $stack_top, %esp
    xor %ebp, %ebp          /* a zero frame pointer ends gdb's backtraces here */
    push %ebx               /* cdecl: arguments pushed right to left */
    push %eax
    call kernel_main
    /* kernel_main returns only if it could not end the run: stop the CPU for good. */
halt:
    cli
    hlt
    jmp halt
    .size _start, . - _start

/* Tell the linker this object needs no executable stack (else ld warns). */
    .section .note.GNU-stack, "", @progbits
