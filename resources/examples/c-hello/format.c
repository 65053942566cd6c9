/* The formatter behind the log lines: 32-bit arithmetic only, since there is no libgcc to do 64-bit division. */
#include "format.h"
#include <stdint.h>

struct out {
    char *buf;
    size_t size;
    size_t len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size) {
        o->buf[o->len++] = c;
    }
}

static void put_unsigned(struct out *o, uint32_t v, unsigned base, unsigned width, char pad)
{
    char digits[32];
    unsigned n = 0;
    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v != 0);
    while (width > n) {
        put(o, pad);
        width--;
    }
    while (n > 0) {
        put(o, digits[--n]);
    }
}

size_t format_v(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = { buf, size, 0 };
    for (const char *p = fmt; *p != '\0'; p++) {
        if (*p != '%') {
            put(&o, *p);
            continue;
        }
        p++;
        char pad = ' ';
        unsigned width = 0;
        if (*p == '0') {
            pad = '0';
            p++;
        }
        while (*p >= '0' && *p <= '9') {
            width = width * 10 + (unsigned)(*p++ - '0');
        }
        switch (*p) {
        case 's': {
            const char *s = va_arg(args, const char *);
            for (s = s ? s : "(null)"; *s != '\0'; s++) {
                put(&o, *s);
            }
            break;
        }
        case 'u':
            put_unsigned(&o, va_arg(args, unsigned), 10, width, pad);
            break;
        case 'd': {
            int v = va_arg(args, int);
            if (v < 0) {
                put(&o, '-');
                put_unsigned(&o, -(uint32_t)v, 10, width, pad);
            } else {
                put_unsigned(&o, (uint32_t)v, 10, width, pad);
            }
            break;
        }
        case 'x':
            put_unsigned(&o, va_arg(args, unsigned), 16, width, pad);
            break;
        case 'c':
            put(&o, (char)va_arg(args, int));
            break;
        case '%':
            put(&o, '%');
            break;
        case '\0':
            p--; /* a lone % at the end: stop at the terminator next time round */
            break;
        default:
            put(&o, '%');
            put(&o, *p);
            break;
        }
    }
    if (size > 0) {
        buf[o.len] = '\0';
    }
    return o.len;
}

size_t format(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    size_t n = format_v(buf, size, fmt, args);
    va_end(args);
    return n;
}
