// Recognises MirageOS log lines (mirage-logs < 2.0 `... -00:00: INF [src] msg` and ≥ 2.0 `...+02:00: [INFO] [src] msg`).

export type LogLevel = 'app' | 'error' | 'warning' | 'info' | 'debug';

export const LOG_LEVELS: readonly LogLevel[] = ['app', 'error', 'warning', 'info', 'debug'];

export interface MirageLogFields {
  /** As the guest wrote it: the two formats differ and the guest's clock is its own, so it is shown, not converted. */
  time: string;
  level: LogLevel;
  source: string;
  message: string;
  /** Where the message starts in the line, so styled runs can be cut at the same place. */
  messageOffset: number;
  /** mirage-logs ≥ 2.0 prints Logs tags as ` k=v` between the time and the level. */
  tags: Record<string, string>;
}

const LEVEL_NAMES: Record<string, LogLevel> = {
  APP: 'app',
  ERR: 'error',
  ERROR: 'error',
  WRN: 'warning',
  WARNING: 'warning',
  INF: 'info',
  INFO: 'info',
  DBG: 'debug',
  DEBUG: 'debug',
};

const OLD_FORMAT = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{2}:\d{2}): (APP|ERR|WRN|INF|DBG) \[([^\]]*)\] ?/;
const NEW_FORMAT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})):((?: [^\s=[\]]+=\S*)*) \[(APP|ERROR|WARNING|INFO|DEBUG)\] \[([^\]]*)\] ?/;

/** Parses one line (without its line ending); null when it is not a MirageOS log line. */
export function parseMirageLogLine(line: string): MirageLogFields | null {
  const old = OLD_FORMAT.exec(line);
  if (old) return fields(line, old[0].length, old[1]!, old[2]!, old[3]!, '');
  const current = NEW_FORMAT.exec(line);
  if (current) return fields(line, current[0].length, current[1]!, current[3]!, current[4]!, current[2]!);
  return null;
}

export function levelLabel(level: LogLevel): string {
  return level.toUpperCase();
}

function fields(line: string, messageOffset: number, time: string, level: string, source: string, tagText: string): MirageLogFields {
  const tags: Record<string, string> = {};
  for (const tag of tagText.split(' ')) {
    const equals = tag.indexOf('=');
    if (equals > 0) tags[tag.slice(0, equals)] = tag.slice(equals + 1);
  }
  return { time, level: LEVEL_NAMES[level]!, source, message: line.slice(messageOffset), messageOffset, tags };
}
