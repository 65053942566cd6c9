/* Reads this kernel's options from the Multiboot command line (QEMU: -append "exit=3"). */
#ifndef C_HELLO_COMMAND_LINE_H
#define C_HELLO_COMMAND_LINE_H

enum exit_option { EXIT_OPTION_ABSENT, EXIT_OPTION_VALID, EXIT_OPTION_INVALID };

/* The highest exit code that survives QEMU's (value << 1) | 1 in an 8-bit process status. */
#define EXIT_CODE_MAX 127u

/*
 * Looks for a word "exit=N". QEMU passes "<kernel path> <-append text>", so the option is rarely the first word.
 * On EXIT_OPTION_VALID, *code is N (0..EXIT_CODE_MAX).
 */
enum exit_option command_line_exit_code(const char *cmdline, unsigned *code);

#endif
