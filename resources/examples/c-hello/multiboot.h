/* The parts of the Multiboot v1 boot information that this kernel reads (spec section 3.3). */
#ifndef C_HELLO_MULTIBOOT_H
#define C_HELLO_MULTIBOOT_H

#include <stdint.h>

/* What a Multiboot loader (QEMU's -kernel, GRUB) leaves in eax; anything else means we were not booted by one. */
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002u

#define MULTIBOOT_INFO_MEMORY  (1u << 0)
#define MULTIBOOT_INFO_CMDLINE (1u << 2)

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower_kib;
    uint32_t mem_upper_kib;
    uint32_t boot_device;
    uint32_t cmdline;
    /* Later fields (modules, symbols, memory map, ...) are not used here. */
};

#endif
