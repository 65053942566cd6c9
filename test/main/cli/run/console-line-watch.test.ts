// --until matching: whole lines only, across chunks, CR LF and colour codes ignored, and where the printed text must stop.
import { describe, expect, it } from 'vitest';
import { ConsoleLineWatch } from '../../../../main/cli/run/console-line-watch';

describe('ConsoleLineWatch', () => {
  it('matches a line split across chunks, and says where the matching line ends in the last chunk', () => {
    const watch = new ConsoleLineWatch(/^ready$/);
    expect(watch.push('boot\nrea')).toBe(-1);
    expect(watch.push('dy\nmore\n')).toBe(3);
  });

  it('waits for the end of a line before matching it', () => {
    const watch = new ConsoleLineWatch(/ready$/);
    expect(watch.push('ready')).toBe(-1);
    expect(watch.push(' now\n')).toBe(-1);
  });

  it('ignores the CR of serial CR LF line ends and SGR colour codes', () => {
    const watch = new ConsoleLineWatch(/= 6765 ok$/);
    expect(watch.push('fib = 6765 \x1b[32mok\x1b[0m\r\nnext\r\n')).toBe(24);
  });

  it('counts a last line without newline once the console ended', () => {
    const watch = new ConsoleLineWatch(/^bye$/);
    expect(watch.push('hello\nbye')).toBe(-1);
    expect(watch.finish()).toBe(true);
  });
});
