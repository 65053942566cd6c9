/* x86 port I/O: the only way this kernel talks to its devices (UART, RTC, isa-debug-exit). */
#ifndef C_HELLO_PORT_IO_H
#define C_HELLO_PORT_IO_H

#include <stdint.h>

/* volatile and "memory": the compiler must neither drop nor reorder device accesses. */
static inline void outb(uint16_t port, uint8_t value)
{
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port) : "memory");
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t value;
    __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port) : "memory");
    return value;
}

#endif
