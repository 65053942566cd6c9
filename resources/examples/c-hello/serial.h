/* The serial console: a 16550 UART on COM1, which QEMU connects to -serial (stdio, a socket, a file). */
#ifndef C_HELLO_SERIAL_H
#define C_HELLO_SERIAL_H

void serial_init(void);
void serial_putc(char c);
void serial_puts(const char *s);

#endif
