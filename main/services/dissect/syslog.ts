// Syslog over UDP (port 514, RFC 3164 and 5424), as a MirageOS unikernel sends its logs with logs-syslog: the
// `<PRI>` turned into facility and level, the message shown as tshark 4.0 shows it (`USER.INFO: Nov 21 ... mirage: ...`).
import { fieldFilter } from './field-filter';
import type { Dissection } from './dissection';
import { wiresharkText } from './wireshark-text';

export const SYSLOG_PORT = 514;

/** Facility codes 0–23: tshark's short name, and the long one of its tree. */
const FACILITIES: readonly (readonly [string, string])[] = [
  ['KERN', 'kernel messages'],
  ['USER', 'random user-level messages'],
  ['MAIL', 'mail system'],
  ['DAEMON', 'system daemons'],
  ['AUTH', 'security/authorization messages'],
  ['SYSLOG', 'messages generated internally by syslogd'],
  ['LPR', 'line printer subsystem'],
  ['NEWS', 'network news subsystem'],
  ['UUCP', 'UUCP subsystem'],
  ['CRON', 'clock daemon'],
  ['AUTHPRIV', 'security/authorization messages (private)'],
  ['FTP', 'ftp daemon'],
  ['NTP', 'ntp subsystem'],
  ['LOGAUDIT', 'log audit'],
  ['LOGALERT', 'log alert'],
  ['CRON', 'clock daemon (Solaris)'],
  ...Array.from({ length: 8 }, (_, local) => [`LOCAL${local}`, 'reserved for local use'] as const),
];
const LEVELS: readonly (readonly [string, string])[] = [
  ['EMERG', 'system is unusable'],
  ['ALERT', 'action must be taken immediately'],
  ['CRIT', 'critical conditions'],
  ['ERR', 'error conditions'],
  ['WARNING', 'warning conditions'],
  ['NOTICE', 'normal but significant condition'],
  ['INFO', 'informational'],
  ['DEBUG', 'debug-level messages'],
];
/** tshark reads at most three digits of the priority. */
const MAX_PRIORITY_DIGITS = 3;

export function dissectSyslog(d: Dissection, offset: number, end: number): void {
  const bytes = d.data;
  d.columns('Syslog', '');
  let at = offset;
  let priority = -1;
  if (at < end && bytes[at] === 0x3c) {
    at++;
    priority = 0;
    while (at < end && at - offset <= MAX_PRIORITY_DIGITS && bytes[at]! >= 0x30 && bytes[at]! <= 0x39) priority = priority * 10 + bytes[at++]! - 0x30;
    if (at < end && bytes[at] === 0x3e) at++;
  }
  if (at >= end) {
    // tshark gives up on a priority with no message after it (or no message at all) before it adds the protocol: the
    // packet is malformed, and no `syslog` filter matches it.
    d.markMalformed('Syslog', 'no message', at);
    return;
  }
  const message = wiresharkText(bytes, at, end);
  const facility = priority >> 3;
  const level = priority & 7;
  const heading = priority < 0 ? message : `${FACILITIES[facility]?.[0] ?? 'UNKNOWN'}.${LEVELS[level]![0]}: ${message}`;
  d.columns('Syslog', heading);
  if (d.quoteDepth === 0) d.logMessage = { facility: priority < 0 ? -1 : facility, level: priority < 0 ? -1 : level, text: message };
  const tree = d.layer('syslog', d.tree ? `Syslog message: ${priority < 0 ? `(unknown): ${message}` : heading}` : '', offset, end - offset);
  if (priority >= 0) {
    d.field('syslog.facility', facility);
    d.field('syslog.level', level);
    if (tree) {
      const facilityText = FACILITIES[facility] ? `${FACILITIES[facility]![0]} - ${FACILITIES[facility]![1]}` : 'Unknown';
      d.item(tree, `Facility: ${facilityText} (${facility})`, offset, at - offset, false, fieldFilter('syslog.facility', facility));
      d.item(tree, `Level: ${LEVELS[level]![0]} - ${LEVELS[level]![1]} (${level})`, offset, at - offset, false, fieldFilter('syslog.level', level));
    }
  }
  // The field is the text itself (a filter matches what was sent); the columns and the tree show it escaped.
  if (d.wants('syslog.msg')) d.field('syslog.msg', bytes.toString('utf8', at, end));
  if (tree) d.item(tree, `Message: ${message}`, at, end - at, false, fieldFilter('syslog.msg', bytes.toString('utf8', at, end), true));
}
