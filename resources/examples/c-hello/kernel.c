/* The application: logs each boot phase and a few application lines, then ends the QEMU run with an exit code. */
#include <stdint.h>
#include "command-line.h"
#include "debug-exit.h"
#include "log.h"
#include "multiboot.h"
#include "serial.h"

/* SGR colour codes, the same escape sequences OCaml's Fmt uses for styled output on a terminal. */
#define GREEN "\033[32m"
#define RESET "\033[0m"

extern char stack_top[]; /* defined in boot.S */

static const char *boot_command_line(const struct multiboot_info *mbi)
{
    if (mbi == 0 || !(mbi->flags & MULTIBOOT_INFO_CMDLINE)) {
        return 0;
    }
    return (const char *)(uintptr_t)mbi->cmdline;
}

static unsigned exit_code_requested(const char *cmdline)
{
    unsigned code = 0;
    switch (command_line_exit_code(cmdline, &code)) {
    case EXIT_OPTION_VALID:
        return code;
    case EXIT_OPTION_INVALID:
        log_msg(LOG_WARNING, "boot", "ignoring the exit= option: it takes a number from 0 to %u", EXIT_CODE_MAX);
        return 0;
    case EXIT_OPTION_ABSENT:
    default:
        return 0;
    }
}

static unsigned fibonacci(unsigned n)
{
    unsigned a = 0, b = 1;
    while (n-- > 0) {
        unsigned next = a + b;
        a = b;
        b = next;
    }
    return a;
}

/* Called by _start with the registers a Multiboot loader sets: eax = magic, ebx = boot information. */
void kernel_main(uint32_t magic, const struct multiboot_info *mbi)
{
    /* Nothing can be printed before the UART is set up, so the entry is logged right after. */
    serial_init();
    if (magic == MULTIBOOT_BOOTLOADER_MAGIC) {
        log_msg(LOG_INFO, "boot", "multiboot entry");
    } else {
        log_msg(LOG_ERROR, "boot", "not started by a Multiboot loader (eax=0x%08x): boot information ignored", magic);
        mbi = 0;
    }
    log_msg(LOG_INFO, "boot", "serial ready");
    if (mbi != 0 && (mbi->flags & MULTIBOOT_INFO_MEMORY)) {
        log_msg(LOG_INFO, "boot", "memory: %u KiB low, %u KiB high", mbi->mem_lower_kib, mbi->mem_upper_kib);
    }
    const char *cmdline = boot_command_line(mbi);
    log_msg(LOG_INFO, "boot", "command line: \"%s\"", cmdline ? cmdline : "");
    unsigned exit_code = exit_code_requested(cmdline);

    log_msg(LOG_INFO, "application", "hello from a C unikernel");
    log_msg(LOG_INFO, "application", "kernel_main at 0x%08x, stack top at 0x%08x", (unsigned)(uintptr_t)kernel_main,
            (unsigned)(uintptr_t)stack_top);
    unsigned fib = fibonacci(20);
    log_msg(LOG_INFO, "application", "self-test: fibonacci(20) = %u %s", fib,
            fib == 6765 ? GREEN "ok" RESET : "\033[31mFAILED" RESET);
    log_msg(LOG_WARNING, "application", "no network device: this example only uses the serial console");
    log_msg(LOG_INFO, "application", "done, exiting with %u", exit_code);

    debug_exit((uint8_t)exit_code);

    /* Still here: QEMU has no isa-debug-exit device, so the write above went nowhere. */
    log_msg(LOG_ERROR, "boot",
            "isa-debug-exit did not end the run: start QEMU with -device isa-debug-exit,iobase=0xf4,iosize=0x04; "
            "halting");
}
