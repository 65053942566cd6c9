// Writes gdb/MI input lines: `TOKEN-operation options -- parameters`, quoting what gdb would otherwise split or misread.

/**
 * An MI parameter: bare when it is a plain word, else a C string. gdb splits bare text at blanks and reads `"` and `\`
 * specially, and a line break would end the command, so those are escaped; other bytes go through as UTF-8.
 */
export function miQuote(parameter: string): string {
  if (parameter !== '' && /^[\w./:+*@$%^&=<>!?~-]+$/.test(parameter) && !parameter.startsWith('-')) return parameter;
  let quoted = '"';
  for (const char of parameter) {
    if (char === '"') quoted += '\\"';
    else if (char === '\\') quoted += '\\\\';
    else if (char === '\n') quoted += '\\n';
    else if (char === '\r') quoted += '\\r';
    else if (char === '\t') quoted += '\\t';
    else if (char.charCodeAt(0) < 0x20 || char === '\x7f') quoted += `\\${char.charCodeAt(0).toString(8).padStart(3, '0')}`;
    else quoted += char;
  }
  return `${quoted}"`;
}

/** A flag (`-t`) or a flag with its value (`['-c', 'i > 3']`, the value quoted). */
export type MiOption = string | [flag: string, value: string];

export interface MiCommand {
  operation: string;
  options?: MiOption[];
  parameters?: string[];
  /**
   * `--` before the parameters: `auto` when one starts with `-` (an expression like `-1` would otherwise be taken for
   * an option), `always` for commands that need it (`-data-disassemble ... -- 5`), `never` for commands that do not
   * parse options at all (`-interpreter-exec`, `-gdb-set`), where `--` would be read as a parameter.
   */
  separator?: 'auto' | 'always' | 'never';
  /**
   * Parameters written as they are, for commands gdb hands to its CLI with the rest of the line (`-gdb-set tdesc
   * filename /a path/with blanks`): the CLI would keep C-string quotes as part of the value.
   */
  raw?: boolean;
}

/** One command line, with its token so the answer can be matched to it. */
export function miCommandLine(token: number, command: MiCommand): string {
  const { operation, options = [], parameters = [], separator = 'auto' } = command;
  if (!/^-[a-z][a-z0-9-]*$/.test(operation)) throw new Error(`not an MI operation: ${operation}`);
  const words = [`${token}${operation}`];
  for (const option of options) {
    if (typeof option === 'string') words.push(checkedFlag(option));
    else words.push(checkedFlag(option[0]), miQuote(option[1]));
  }
  if (separator === 'always' || (separator === 'auto' && parameters.some((parameter) => parameter.startsWith('-')))) words.push('--');
  if (command.raw) {
    if (parameters.some((parameter) => /[\r\n]/.test(parameter))) throw new Error(`${operation}: a parameter holds a line break`);
    words.push(...parameters);
  } else words.push(...parameters.map(miQuote));
  return words.join(' ');
}

function checkedFlag(flag: string): string {
  if (!/^--?[a-z][a-z0-9-]*$/.test(flag)) throw new Error(`not an MI option: ${flag}`);
  return flag;
}
