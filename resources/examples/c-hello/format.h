/* A tiny printf-style formatter, because a freestanding kernel has no libc: %s %u %d %x %c %%, with widths like %02u. */
#ifndef C_HELLO_FORMAT_H
#define C_HELLO_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Writes at most size - 1 characters and always terminates; returns how many were written. */
size_t format_v(char *buf, size_t size, const char *fmt, va_list args);
size_t format(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
