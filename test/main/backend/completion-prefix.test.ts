// What is completed at the cursor: module paths and identifiers, never expressions or numbers.
import { describe, expect, it } from 'vitest';
import { completionPrefix } from '../../../main/backend/completion-prefix';

const at = (code: string) => completionPrefix(code.replace('|', ''), code.indexOf('|'));

describe('completionPrefix', () => {
  it.each([
    ['let x = List.ma|', { from: 13, prefix: 'List.ma' }],
    ['Lwt_io.|', { from: 7, prefix: 'Lwt_io.' }],
    ['Lwt.Infix.(>|', { from: 12, prefix: '' }],
    ['print_e|', { from: 0, prefix: 'print_e' }],
    ['f (Stdlib.List.le|) x', { from: 15, prefix: 'Stdlib.List.le' }],
    ['record.fi|', { from: 9, prefix: '' }],
    ['(f x).y|', { from: 7, prefix: '' }],
    ['1.5|', { from: 3, prefix: '' }],
    ['let x = |', { from: 8, prefix: '' }],
    ["x'|", { from: 0, prefix: "x'" }],
  ])('%s', (code, expected) => {
    expect(at(code)).toEqual(expected);
  });
});
