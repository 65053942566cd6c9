// A syslog message the guest sent over the network (logs-syslog, UDP 514) as the Log panel's fields: level from its
// priority, time, source (the RFC 3164 tag or RFC 5424 app name) and message out of its header.
import type { SyslogMessage } from '../../../main/api';
import type { LogLevel } from './mirage-log-parser';

export interface SyslogLogFields {
  time: string | null;
  level: LogLevel | null;
  source: string | null;
  message: string;
  /** The frame's line as the Packets panel shows it (`DAEMON.INFO: ...`), for search, copy and save. */
  text: string;
}

/** RFC 5424: version 1, timestamp, host, app, process id, message id, structured data (`-` or `[...]`), message. */
const RFC5424 = /^1 (\S+) (\S+) (\S+) \S+ \S+ (?:-|(?:\[(?:[^\]\\]|\\.)*\])+)(?: (.*))?$/s;
/**
 * RFC 3164: `Mmm dd hh:mm:ss host tag[pid]: message` (what logs-syslog sends: the tag is the Logs source); a relay
 * such as busybox syslogd -R leaves the host out.
 */
const RFC3164 = /^([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) (.*)$/s;
const HOST = /^\S+ (.*)$/s;
const TAG = /^([^\s:[\]]{1,48})(?:\[[^\]]*\])?: ?(.*)$/s;

export function syslogLogFields(syslog: SyslogMessage): SyslogLogFields {
  const level = syslog.level < 0 ? null : syslog.level <= 3 ? 'error' : syslog.level === 4 ? 'warning' : syslog.level === 7 ? 'debug' : 'info';
  const text = syslog.info;
  const modern = RFC5424.exec(syslog.text);
  if (modern) return { time: dash(modern[1]!), level, source: dash(modern[3]!), message: withoutLineEnd((modern[4] ?? '').replace(/^(?:\uFEFF|BOM)/, '')), text };
  const classic = RFC3164.exec(syslog.text);
  if (classic) {
    const afterHost = HOST.exec(classic[2]!)?.[1];
    const tagged = TAG.exec(classic[2]!) ?? (afterHost === undefined ? null : TAG.exec(afterHost));
    return { time: classic[1]!, level, source: tagged ? tagged[1]! : null, message: withoutLineEnd(tagged ? tagged[2]! : (afterHost ?? classic[2]!)), text };
  }
  return { time: null, level, source: null, message: withoutLineEnd(syslog.text), text };
}

/** Senders often end a message with a newline, shown escaped (`\n`): a log row has no use for it. */
function withoutLineEnd(message: string): string {
  return message.replace(/(?:\\[nr]|[\r\n])+$/, '');
}

function dash(field: string): string | null {
  return field === '-' ? null : field;
}
