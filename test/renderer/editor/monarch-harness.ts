// Runs Monaco's real Monarch compiler and lexer under Node, so grammar tests see the tokens the editor would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from 'monaco-editor/editor/standalone/common/monarch/monarchCompile';
import { MonarchTokenizer } from 'monaco-editor/editor/standalone/common/monarch/monarchLexer';

/** One token as Monaco reports it: adjacent tokens of the same type are already merged. */
export interface TokenSpan {
  text: string;
  /** The token type without the grammar's postfix, e.g. `keyword` rather than `keyword.ocaml`. */
  type: string;
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** A grammar from the repository's extensions folder, e.g. `ocaml/syntaxes/ocaml.monarch.json`. */
export function readGrammar(relativePath: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(repoRoot, 'extensions', relativePath), 'utf8')) as Record<string, unknown>;
}

/*
 * The lexer needs three services. Only the configuration service is used on the plain `tokenize` path (for the
 * maximum line length); the language and theme services matter for embedded languages and encoded tokens, which
 * these grammars do not use. No DOM is touched, so no shim is needed.
 */
const configurationService = {
  getValue: (): number => 20_000,
  onDidChangeConfiguration: () => ({ dispose: () => {} }),
};

export class MonarchHarness {
  private readonly tokenizer: MonarchTokenizer;
  private readonly postfix: string;

  constructor(languageId: string, grammar: Record<string, unknown>) {
    // compile() annotates its input, so give it a copy.
    const lexer = compile(languageId, structuredClone(grammar));
    this.postfix = lexer.tokenPostfix;
    this.tokenizer = new MonarchTokenizer({}, {}, languageId, lexer, configurationService);
  }

  /** Tokens per line, carrying the lexer state from line to line as the editor does. */
  tokenize(text: string): TokenSpan[][] {
    const lines = text.split('\n');
    let state = this.tokenizer.getInitialState();
    return lines.map((line, index) => {
      const result = this.tokenizer.tokenize(line, index < lines.length - 1, state);
      state = result.endState;
      return result.tokens.map((token, i) => ({
        text: line.slice(token.offset, result.tokens[i + 1]?.offset ?? line.length),
        type: token.type.endsWith(this.postfix) ? token.type.slice(0, -this.postfix.length) : token.type,
      }));
    });
  }

  /** Tokens of a single line as `[text, type]` pairs, whitespace left out. */
  line(text: string): [string, string][] {
    return this.tokenize(text)[0].filter((token) => token.type !== 'white').map((token) => [token.text, token.type]);
  }

  /** Every token of `text` whose type is or starts with `invalid`, or carries `.invalid` (e.g. `string.escape.invalid`). */
  invalid(text: string): TokenSpan[] {
    return this.tokenize(text)
      .flat()
      .filter((token) => token.type === 'invalid' || token.type.startsWith('invalid.') || token.type.includes('.invalid'));
  }
}
