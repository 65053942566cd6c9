// Types for the two Monaco-internal Monarch modules the grammar tests run directly (Monaco ships no .d.ts for them).
declare module 'monaco-editor/editor/standalone/common/monarch/monarchCompile' {
  /** A compiled Monarch lexer; opaque to the tests. */
  export interface CompiledLexer {
    readonly languageId: string;
    readonly tokenPostfix: string;
  }
  export function compile(languageId: string, json: unknown): CompiledLexer;
}

declare module 'monaco-editor/editor/standalone/common/monarch/monarchLexer' {
  import type { CompiledLexer } from 'monaco-editor/editor/standalone/common/monarch/monarchCompile';

  export interface MonarchLineState {
    readonly __monarchLineState: never;
  }
  export interface MonarchToken {
    readonly offset: number;
    readonly type: string;
    readonly language: string;
  }
  export class MonarchTokenizer {
    constructor(
      languageService: unknown,
      standaloneThemeService: unknown,
      languageId: string,
      lexer: CompiledLexer,
      configurationService: unknown,
    );
    getInitialState(): MonarchLineState;
    tokenize(line: string, hasEOL: boolean, state: MonarchLineState): { tokens: MonarchToken[]; endState: MonarchLineState };
    dispose(): void;
  }
}
