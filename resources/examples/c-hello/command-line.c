/* Command line parsing without libc: split on spaces, match "exit=", read a small decimal number. */
#include "command-line.h"
#include <stdbool.h>

static bool starts_word(const char *cmdline, const char *p)
{
    return p == cmdline || p[-1] == ' ';
}

static bool has_prefix(const char *s, const char *prefix)
{
    for (; *prefix != '\0'; s++, prefix++) {
        if (*s != *prefix) {
            return false;
        }
    }
    return true;
}

enum exit_option command_line_exit_code(const char *cmdline, unsigned *code)
{
    if (cmdline == 0) {
        return EXIT_OPTION_ABSENT;
    }
    for (const char *p = cmdline; *p != '\0'; p++) {
        if (!starts_word(cmdline, p) || !has_prefix(p, "exit=")) {
            continue;
        }
        const char *digits = p + 5;
        unsigned value = 0;
        const char *q = digits;
        for (; *q >= '0' && *q <= '9'; q++) {
            value = value * 10 + (unsigned)(*q - '0');
            if (value > EXIT_CODE_MAX) {
                return EXIT_OPTION_INVALID;
            }
        }
        if (q == digits || (*q != '\0' && *q != ' ')) {
            return EXIT_OPTION_INVALID;
        }
        *code = value;
        return EXIT_OPTION_VALID;
    }
    return EXIT_OPTION_ABSENT;
}
