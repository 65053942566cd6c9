// MI input lines: quoting of parameters and option values, `--` before parameters that look like options, raw CLI words.
import { describe, expect, it } from 'vitest';
import { miCommandLine, miQuote } from '../../../../main/debug/gdb/mi-command-line';

describe('miQuote', () => {
  it('leaves plain words bare', () => {
    for (const word of ['kernel_main', '0x0010001e', '*0x10000c', '/src/c-hello/kernel.c', 'kernel.c:63', '$pc+8', 'i386:x86-64']) expect(miQuote(word)).toBe(word);
  });

  it('quotes blanks, quotes, backslashes, line breaks, control bytes, a leading dash and the empty string', () => {
    expect(miQuote('/my project/kernel.c')).toBe('"/my project/kernel.c"');
    expect(miQuote('source[0] == \'a\'')).toBe('"source[0] == \'a\'"');
    expect(miQuote('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
    expect(miQuote('one\ntwo\r\tthree')).toBe('"one\\ntwo\\r\\tthree"');
    expect(miQuote('\u0001\u007f')).toBe('"\\001\\177"');
    expect(miQuote('-1')).toBe('"-1"');
    expect(miQuote('')).toBe('""');
    expect(miQuote('ünï')).toBe('"ünï"');
  });
});

describe('miCommandLine', () => {
  it('writes the token, the operation, flags and quoted option values', () => {
    expect(miCommandLine(7, { operation: '-break-insert', options: ['-t', '-h', ['-c', 'i > 3']], parameters: ['kernel_main'] })).toBe('7-break-insert -t -h -c "i > 3" kernel_main');
    expect(miCommandLine(8, { operation: '-break-insert', options: [['--source', '/a b/k.c'], ['--line', '63']] })).toBe('8-break-insert --source "/a b/k.c" --line 63');
    expect(miCommandLine(1, { operation: '-exec-continue' })).toBe('1-exec-continue');
  });

  it('puts -- before a parameter that starts with a dash, or always when asked, never when told not to', () => {
    expect(miCommandLine(2, { operation: '-break-delete', parameters: ['-1'] })).toBe('2-break-delete -- "-1"');
    expect(miCommandLine(3, { operation: '-data-disassemble', options: [['-s', '0x10000c'], ['-e', '0x100020']], parameters: ['5'], separator: 'always' })).toBe('3-data-disassemble -s 0x10000c -e 0x100020 -- 5');
    expect(miCommandLine(4, { operation: '-data-evaluate-expression', parameters: ['-x'], separator: 'never' })).toBe('4-data-evaluate-expression "-x"');
    expect(miCommandLine(5, { operation: '-interpreter-exec', options: [['--thread', '1'], ['--frame', '0']], parameters: ['console', 'info registers eip'], separator: 'never' })).toBe(
      '5-interpreter-exec --thread 1 --frame 0 console "info registers eip"',
    );
  });

  it('writes raw words for CLI-backed commands, refusing a line break', () => {
    expect(miCommandLine(6, { operation: '-gdb-set', parameters: ['tdesc', 'filename', '/tmp/my runs/x.xml'], separator: 'never', raw: true })).toBe('6-gdb-set tdesc filename /tmp/my runs/x.xml');
    expect(() => miCommandLine(6, { operation: '-gdb-set', parameters: ['x', 'a\nb'], raw: true })).toThrow('a parameter holds a line break');
  });

  it('refuses what is not an operation or a flag (nothing can smuggle a second command)', () => {
    expect(() => miCommandLine(1, { operation: 'break-insert' })).toThrow('not an MI operation');
    expect(() => miCommandLine(1, { operation: '-exec-continue\n-gdb-exit' })).toThrow('not an MI operation');
    expect(() => miCommandLine(1, { operation: '-break-insert', options: ['x'] })).toThrow('not an MI option');
    expect(() => miCommandLine(1, { operation: '-break-insert', options: [['-c\n', 'x']] })).toThrow('not an MI option');
  });
});
