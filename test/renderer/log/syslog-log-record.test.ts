// Syslog messages from the network as Log panel fields: what logs-syslog (MirageOS), busybox syslogd -R and RFC 5424
// senders write, levels from the priority.
import { describe, expect, it } from 'vitest';
import type { SyslogMessage } from '../../../main/api';
import { syslogLogFields } from '../../../renderer/src/log/syslog-log-record';

const message = (text: string, facility = 3, level = 6): SyslogMessage => ({ frame: 1, facility, level, text, sender: '10.0.2.15', info: `INFO LINE ${text}` });

describe('syslogLogFields', () => {
  it('reads what logs-syslog sends: RFC 3164 time, the host left aside, the Logs source as the tag', () => {
    expect(syslogLogFields(message('Nov 21 17:00:00 unikernel dhcp: lease 10.0.2.15 acquired'))).toEqual({
      time: 'Nov 21 17:00:00',
      level: 'info',
      source: 'dhcp',
      message: 'lease 10.0.2.15 acquired',
      text: 'INFO LINE Nov 21 17:00:00 unikernel dhcp: lease 10.0.2.15 acquired',
    });
  });

  it('reads a relay that leaves the host out (busybox syslogd -R), a tag with a process id, and drops a trailing newline', () => {
    expect(syslogLogFields(message('Nov 21 17:33:37 0: mirador-tick 2\\n', 1, 5))).toMatchObject({ time: 'Nov 21 17:33:37', level: 'info', source: '0', message: 'mirador-tick 2' });
    expect(syslogLogFields(message('Nov  1 07:00:00 host sshd[123]: accepted', 4, 4))).toMatchObject({ time: 'Nov  1 07:00:00', level: 'warning', source: 'sshd', message: 'accepted' });
  });

  it('reads RFC 5424: timestamp, app name as the source, structured data and the BOM left out', () => {
    expect(syslogLogFields(message('1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"] BOMAn application event log entry', 20, 5))).toMatchObject({
      time: '2003-10-11T22:14:15.003Z',
      level: 'info',
      source: 'evntslog',
      message: 'An application event log entry',
    });
    expect(syslogLogFields(message('1 - - - - - - no fields', 3, 3))).toMatchObject({ time: null, level: 'error', source: null, message: 'no fields' });
  });

  it('maps the eight levels onto the Log panel’s, and keeps a message without priority or header whole', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((level) => syslogLogFields(message('x', 1, level)).level)).toEqual(['error', 'error', 'error', 'error', 'warning', 'info', 'info', 'debug']);
    expect(syslogLogFields(message('no priority at all', -1, -1))).toEqual({ time: null, level: null, source: null, message: 'no priority at all', text: 'INFO LINE no priority at all' });
  });
});
