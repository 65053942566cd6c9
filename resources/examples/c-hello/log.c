/* Formats and writes MirageOS-style log lines to the serial console, stamped with the RTC's time. */
#include "log.h"
#include "format.h"
#include "rtc.h"
#include "serial.h"

static const char *const level_names[] = {
    [LOG_APP] = "APP", [LOG_ERROR] = "ERROR", [LOG_WARNING] = "WARNING", [LOG_INFO] = "INFO", [LOG_DEBUG] = "DEBUG",
};

/*
 * The timestamp is real: QEMU's RTC runs in UTC unless started with -rtc base=localtime, so the offset is +00:00,
 * written the way mirage-logs writes offsets ("2024-04-14T14:15:22+02:00"), which any MirageOS log parser accepts.
 * When the RTC gives no valid date we print the Unix epoch rather than invent a time: it reads as "unknown" to people
 * and still parses.
 */
static void put_timestamp(void)
{
    struct rtc_time t;
    char stamp[32];
    if (!rtc_read(&t)) {
        t = (struct rtc_time){ 1970, 1, 1, 0, 0, 0 };
    }
    format(stamp, sizeof stamp, "%04u-%02u-%02uT%02u:%02u:%02u+00:00", t.year, t.month, t.day, t.hour, t.minute,
           t.second);
    serial_puts(stamp);
}

void log_msg(enum log_level level, const char *source, const char *fmt, ...)
{
    char message[256];
    char head[64];
    va_list args;

    va_start(args, fmt);
    format_v(message, sizeof message, fmt, args);
    va_end(args);
    format(head, sizeof head, ": [%s] [%s] ", level_names[level], source);

    put_timestamp();
    serial_puts(head);
    serial_puts(message);
    serial_puts("\n");
}
