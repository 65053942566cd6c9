/* MC146818 CMOS RTC reader: consistent snapshots, BCD or binary, 12- or 24-hour, with the century register. */
#include "rtc.h"
#include "port-io.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71

#define REG_SECONDS  0x00
#define REG_MINUTES  0x02
#define REG_HOURS    0x04
#define REG_DAY      0x07
#define REG_MONTH    0x08
#define REG_YEAR     0x09
#define REG_STATUS_A 0x0a
#define REG_STATUS_B 0x0b
#define REG_CENTURY  0x32 /* where QEMU and most PC firmware keep it (the ACPI FADT can say otherwise) */

#define STATUS_A_UPDATING  0x80
#define STATUS_B_24_HOUR   0x02
#define STATUS_B_BINARY    0x04
#define HOURS_PM           0x80

static unsigned cmos_read(unsigned reg)
{
    /* Bit 7 of the index port masks NMIs on real hardware: keep it set while we poke the CMOS. */
    outb(CMOS_INDEX, (uint8_t)(0x80 | reg));
    return inb(CMOS_DATA);
}

static unsigned from_bcd(unsigned v)
{
    return (v & 0x0f) + (v >> 4) * 10;
}

static void read_raw(unsigned raw[7])
{
    /* The RTC updates once a second; reading during an update can mix two seconds. */
    while (cmos_read(REG_STATUS_A) & STATUS_A_UPDATING) {
    }
    raw[0] = cmos_read(REG_SECONDS);
    raw[1] = cmos_read(REG_MINUTES);
    raw[2] = cmos_read(REG_HOURS);
    raw[3] = cmos_read(REG_DAY);
    raw[4] = cmos_read(REG_MONTH);
    raw[5] = cmos_read(REG_YEAR);
    raw[6] = cmos_read(REG_CENTURY);
}

bool rtc_read(struct rtc_time *out)
{
    unsigned a[7], b[7];
    bool same;
    int tries = 0;

    /* Two equal snapshots in a row cannot straddle an update. */
    read_raw(a);
    do {
        for (int i = 0; i < 7; i++) {
            b[i] = a[i];
        }
        read_raw(a);
        same = true;
        for (int i = 0; i < 7; i++) {
            same = same && a[i] == b[i];
        }
    } while (!same && ++tries < 5);

    unsigned status_b = cmos_read(REG_STATUS_B);
    bool pm = (a[2] & HOURS_PM) != 0;
    a[2] &= ~(unsigned)HOURS_PM;
    if (!(status_b & STATUS_B_BINARY)) {
        for (int i = 0; i < 7; i++) {
            a[i] = from_bcd(a[i]);
        }
    }
    if (!(status_b & STATUS_B_24_HOUR)) {
        a[2] = (a[2] % 12) + (pm ? 12 : 0);
    }
    unsigned century = (a[6] >= 19 && a[6] <= 99) ? a[6] : 20;

    out->second = a[0];
    out->minute = a[1];
    out->hour = a[2];
    out->day = a[3];
    out->month = a[4];
    out->year = century * 100 + a[5];
    return out->month >= 1 && out->month <= 12 && out->day >= 1 && out->day <= 31 && out->hour < 24 &&
           out->minute < 60 && out->second < 61;
}
