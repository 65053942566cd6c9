// Unit tests of the MirageOS log line parser in both mirage-logs formats.
import { describe, expect, it } from 'vitest';
import { parseMirageLogLine } from '../../../renderer/src/log/mirage-log-parser';

describe('parseMirageLogLine', () => {
  it('reads the mirage-logs < 2.0 format', () => {
    expect(parseMirageLogLine('2018-06-21 12:24:46 -00:00: INF [netif] Plugging into 0 with mac 3a:40:76:41:5d:b0')).toEqual({
      time: '2018-06-21 12:24:46 -00:00',
      level: 'info',
      source: 'netif',
      message: 'Plugging into 0 with mac 3a:40:76:41:5d:b0',
      messageOffset: 40,
      tags: {},
    });
    expect(['APP', 'ERR', 'WRN', 'INF', 'DBG'].map((level) => parseMirageLogLine(`2018-06-21 12:24:46 -00:00: ${level} [x] m`)?.level)).toEqual(['app', 'error', 'warning', 'info', 'debug']);
  });

  it('reads the mirage-logs ≥ 2.0 format with and without tags', () => {
    expect(parseMirageLogLine('2024-04-14T14:15:22+02:00: [INFO] [application] hello')).toEqual({
      time: '2024-04-14T14:15:22+02:00', level: 'info', source: 'application', message: 'hello', messageOffset: 48, tags: {},
    });
    expect(parseMirageLogLine('2024-04-14T14:15:22-05:30: id=42 peer=10.0.0.2:80 [WARNING] [tcp.pcb] retransmit')).toMatchObject({
      level: 'warning', source: 'tcp.pcb', message: 'retransmit', tags: { id: '42', peer: '10.0.0.2:80' },
    });
    expect(['APP', 'ERROR', 'WARNING', 'INFO', 'DEBUG'].map((level) => parseMirageLogLine(`2024-04-14T14:15:22Z: [${level}] [x] m`)?.level)).toEqual(['app', 'error', 'warning', 'info', 'debug']);
  });

  it('leaves other lines alone', () => {
    for (const line of ['Solo5: Bindings version v0.7.5', 'hello', '', '2024-04-14T14:15:22+02:00: [NOTICE] [x] m', '2018-06-21 12:24:46 -00:00: INFO [x] m', 'x 2024-04-14T14:15:22+02:00: [INFO] [a] b']) {
      expect(parseMirageLogLine(line), line).toBeNull();
    }
  });
});
