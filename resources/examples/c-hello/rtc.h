/* Wall-clock time from the CMOS real-time clock, the only clock a PC guest has before it sets up timers. */
#ifndef C_HELLO_RTC_H
#define C_HELLO_RTC_H

#include <stdbool.h>

struct rtc_time {
    unsigned year, month, day, hour, minute, second;
};

/* false when the RTC answers with values that cannot be a date (no RTC, or a board that leaves it unset). */
bool rtc_read(struct rtc_time *out);

#endif
