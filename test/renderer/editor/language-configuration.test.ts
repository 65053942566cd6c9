// toLanguageConfiguration: JSON strings become RegExp and VS Code-style enter actions become Monaco's enum values.
import { describe, expect, it } from 'vitest';
import { toLanguageConfiguration } from '../../../renderer/src/editor/language-configuration';

/** Monaco's IndentAction values (None 0, Indent 1, IndentOutdent 2, Outdent 3). */
const IndentAction = { None: 0, Indent: 1, IndentOutdent: 2, Outdent: 3 } as const;

describe('toLanguageConfiguration', () => {
  it('converts the word pattern and indentation rules and keeps the rest', () => {
    const configuration = toLanguageConfiguration(
      {
        comments: { blockComment: ['(*', '*)'] },
        brackets: [['(', ')']],
        wordPattern: "[A-Za-z_][\\w']*",
        indentationRules: { increaseIndentPattern: '\\bstruct\\s*$', decreaseIndentPattern: { pattern: '^\\s*END', flags: 'i' } },
      },
      IndentAction as never,
    );
    expect(configuration.comments).toEqual({ blockComment: ['(*', '*)'] });
    expect(configuration.brackets).toEqual([['(', ')']]);
    expect(configuration.wordPattern).toEqual(/[A-Za-z_][\w']*/);
    expect(configuration.indentationRules?.increaseIndentPattern).toEqual(/\bstruct\s*$/);
    expect(configuration.indentationRules?.decreaseIndentPattern).toEqual(/^\s*END/i);
    expect(configuration.indentationRules?.decreaseIndentPattern.test('  end')).toBe(true);
  });

  it('converts enter rules and folding markers', () => {
    const configuration = toLanguageConfiguration(
      {
        onEnterRules: [{ beforeText: '^\\s*\\(\\*\\*', afterText: '\\*\\)$', action: { indent: 'indentOutdent', appendText: ' ' } }],
        folding: { offSide: false, markers: { start: '^\\s*\\(\\* region', end: '^\\s*\\(\\* endregion' } },
      },
      IndentAction as never,
    );
    expect(configuration.onEnterRules).toEqual([
      { beforeText: /^\s*\(\*\*/, afterText: /\*\)$/, action: { indentAction: 2, appendText: ' ' } },
    ]);
    expect(configuration.folding).toEqual({ offSide: false, markers: { start: /^\s*\(\* region/, end: /^\s*\(\* endregion/ } });
  });

  it('throws on a pattern that is not a regular expression', () => {
    expect(() => toLanguageConfiguration({ wordPattern: '(' }, IndentAction as never)).toThrow(SyntaxError);
  });
});
