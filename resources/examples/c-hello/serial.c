/* 16550 UART driver for COM1, polled: no interrupts, so it works from the first instruction of kernel_main. */
#include "serial.h"
#include "port-io.h"

#define COM1 0x3f8

/* Register offsets from the UART's base port. */
#define UART_DATA        0 /* THR on write; divisor low byte when DLAB is set */
#define UART_INT_ENABLE  1 /* divisor high byte when DLAB is set */
#define UART_FIFO_CTRL   2
#define UART_LINE_CTRL   3
#define UART_MODEM_CTRL  4
#define UART_LINE_STATUS 5

#define LINE_CTRL_DLAB      0x80
#define LINE_CTRL_8N1       0x03
#define LINE_STATUS_THR_EMPTY 0x20

void serial_init(void)
{
    outb(COM1 + UART_INT_ENABLE, 0x00); /* polled: we never take interrupts */
    outb(COM1 + UART_LINE_CTRL, LINE_CTRL_DLAB);
    /* Divisor 1 = 115200 baud. QEMU ignores the rate, real hardware and serial cables do not. */
    outb(COM1 + UART_DATA, 0x01);
    outb(COM1 + UART_INT_ENABLE, 0x00);
    outb(COM1 + UART_LINE_CTRL, LINE_CTRL_8N1);
    outb(COM1 + UART_FIFO_CTRL, 0xc7);  /* enable and clear FIFOs, 14-byte threshold */
    outb(COM1 + UART_MODEM_CTRL, 0x03); /* DTR + RTS: some terminals wait for them */
}

void serial_putc(char c)
{
    while ((inb(COM1 + UART_LINE_STATUS) & LINE_STATUS_THR_EMPTY) == 0) {
        /* The transmitter is still busy with the previous byte. */
    }
    outb(COM1 + UART_DATA, (uint8_t)c);
}

void serial_puts(const char *s)
{
    for (; *s != '\0'; s++) {
        /* A serial line is a terminal: it needs CR LF, like Linux's serial console sends. */
        if (*s == '\n') {
            serial_putc('\r');
        }
        serial_putc(*s);
    }
}
