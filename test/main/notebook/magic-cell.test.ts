// Which cells are magics, how their words split, and what is refused with the line to point at.
import { describe, expect, it } from 'vitest';
import { splitMagicArguments } from '../../../main/notebook/magic-arguments';
import { parseMagicCell } from '../../../main/notebook/magic-cell';

describe('parseMagicCell', () => {
  it('leaves OCaml cells to the toplevel', () => {
    expect(parseMagicCell('let x = 1')).toBeNull();
    expect(parseMagicCell('\n  \n(* % *) 5 mod 2')).toBeNull();
    expect(parseMagicCell('')).toBeNull();
  });

  it('reads a cell magic with its body', () => {
    expect(parseMagicCell('\n%%file src/main.c\nint main(void) {}\n')).toEqual({ kind: 'cell-magic', name: 'file', args: ['src/main.c'], body: 'int main(void) {}\n' });
  });

  it('reads lines of line magics with their lines', () => {
    expect(parseMagicCell('%build\n\n%run "Run c-hello (QEMU, TCG)" --until \'exiting with 0\' --timeout 30')).toEqual({
      kind: 'line-magics',
      lines: [
        { name: 'build', args: [], line: 1 },
        { name: 'run', args: ['Run c-hello (QEMU, TCG)', '--until', 'exiting with 0', '--timeout', '30'], line: 3 },
      ],
    });
  });

  it('refuses OCaml mixed into a cell of line magics, and unterminated quotes', () => {
    expect(parseMagicCell('%build\nlet x = 1')).toMatchObject({ kind: 'invalid', line: 2 });
    expect(parseMagicCell('%run --until "oops')).toEqual({ kind: 'invalid', line: 1, message: 'unterminated " quote' });
  });
});

describe('splitMagicArguments', () => {
  it('splits like a shell without running one', () => {
    expect(splitMagicArguments(`a "b c" 'd "e"' f\\ g "h\\"i" $(rm -rf) ''`)).toEqual(['a', 'b c', 'd "e"', 'f g', 'h"i', '$(rm', '-rf)', '']);
  });
});
