// Parses a Wireshark-style display filter (names, comparisons, and/or/not, parentheses) into a predicate over dissections.
import type { FieldValue } from '../dissect/dissection';
import { resolveFilterName, type FieldKind } from './filter-fields';
import { FilterSyntaxError, tokenize, type Token } from './filter-lexer';
import { ipv4ToNumber, parseLiteral, type FilterLiteral } from './filter-literal';

/** What a filter looks at: the protocols present and the values of the fields it asked for. */
export interface FilterSubject {
  readonly protocols: readonly string[];
  readonly fields: ReadonlyMap<string, FieldValue[]> | undefined;
}

export interface DisplayFilter {
  readonly text: string;
  /** Fields the dissector must record for `matches` to see them. */
  readonly fields: ReadonlySet<string>;
  matches(subject: FilterSubject): boolean;
}

export type FilterCompileResult = { ok: true; filter: DisplayFilter } | { ok: false; message: string; column: number };

type Comparison = '==' | '!=' | '>' | '<' | '>=' | '<=' | 'contains' | 'matches';
type Node =
  | { type: 'and' | 'or'; left: Node; right: Node }
  | { type: 'not'; operand: Node }
  | { type: 'protocol'; name: string }
  | { type: 'exists'; name: string }
  | { type: 'compare'; name: string; kind: FieldKind; operator: Comparison; literal: FilterLiteral; pattern?: RegExp };

const WORD_OPERATORS: Record<string, Comparison> = { eq: '==', ne: '!=', gt: '>', lt: '<', ge: '>=', le: '<=', contains: 'contains', matches: 'matches', '~': 'matches' };

export function compileDisplayFilter(text: string): FilterCompileResult {
  try {
    const fields = new Set<string>();
    const parser = new Parser(tokenize(text), fields);
    const root = parser.parse();
    return { ok: true, filter: { text, fields, matches: (subject) => evaluate(root, subject) } };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, message: error.message, column: error.column };
    throw error;
  }
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly fields: Set<string>,
  ) {}

  parse(): Node {
    if (this.peek().type === 'end') throw new FilterSyntaxError('the filter is empty', 1);
    const node = this.or();
    const rest = this.peek();
    if (rest.type !== 'end') throw new FilterSyntaxError(`unexpected "${rest.text}"; expected "and", "or" or the end`, rest.column);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private isWord(...words: string[]): boolean {
    const token = this.peek();
    return (token.type === 'word' || token.type === 'operator') && words.includes(token.text);
  }

  private or(): Node {
    let node = this.and();
    while (this.isWord('||', 'or')) {
      this.index++;
      node = { type: 'or', left: node, right: this.and() };
    }
    return node;
  }

  private and(): Node {
    let node = this.unary();
    while (this.isWord('&&', 'and')) {
      this.index++;
      node = { type: 'and', left: node, right: this.unary() };
    }
    return node;
  }

  private unary(): Node {
    if (this.isWord('!', 'not')) {
      this.index++;
      return { type: 'not', operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): Node {
    const token = this.peek();
    if (token.type === 'lparen') {
      this.index++;
      const node = this.or();
      const close = this.peek();
      if (close.type !== 'rparen') throw new FilterSyntaxError(`expected ")" to close the "(" at column ${token.column}`, close.column);
      this.index++;
      return node;
    }
    if (token.type === 'end') throw new FilterSyntaxError('the filter ends where a field or protocol was expected', token.column);
    if (token.type !== 'word') throw new FilterSyntaxError(`unexpected "${token.text}"; expected a field or protocol`, token.column);
    const resolved = resolveFilterName(token.text);
    if (!resolved) throw new FilterSyntaxError(`"${token.text}" is neither a field nor a protocol name`, token.column);
    this.index++;
    const operatorToken = this.peek();
    const operator = operatorToken.type === 'operator' || operatorToken.type === 'word' ? (WORD_OPERATORS[operatorToken.text] ?? (['==', '!=', '>', '<', '>=', '<='].includes(operatorToken.text) ? (operatorToken.text as Comparison) : undefined)) : undefined;
    if (!operator) {
      if (resolved.kind !== 'protocol') this.fields.add(resolved.name);
      return resolved.kind === 'protocol' ? { type: 'protocol', name: resolved.name } : { type: 'exists', name: resolved.name };
    }
    if (resolved.kind === 'protocol') throw new FilterSyntaxError(`"${token.text}" is a protocol; it cannot be compared with ${operatorToken.text}`, operatorToken.column);
    this.index++;
    const valueToken = this.peek();
    if (valueToken.type !== 'word' && valueToken.type !== 'string') throw new FilterSyntaxError(`expected a value after "${operatorToken.text}"`, valueToken.column);
    this.index++;
    if ((operator === 'contains' || operator === 'matches') && resolved.kind !== 'string') throw new FilterSyntaxError(`"${operatorToken.text}" needs a text field; ${resolved.name} is not one`, operatorToken.column);
    const literal = parseLiteral(resolved.kind, valueToken.text, valueToken.type === 'string');
    if (typeof literal === 'string') throw new FilterSyntaxError(literal, valueToken.column);
    if (literal.kind === 'ipv4' && operator !== '==' && operator !== '!=') throw new FilterSyntaxError(`addresses can only be compared with == or !=`, operatorToken.column);
    this.fields.add(resolved.name);
    const node: Node = { type: 'compare', name: resolved.name, kind: resolved.kind, operator, literal };
    if (operator === 'matches' && literal.kind === 'text') {
      try {
        node.pattern = new RegExp(literal.value, 'i');
      } catch {
        throw new FilterSyntaxError(`"${literal.value}" is not a valid regular expression`, valueToken.column);
      }
    }
    return node;
  }
}

function evaluate(node: Node, subject: FilterSubject): boolean {
  switch (node.type) {
    case 'and':
      return evaluate(node.left, subject) && evaluate(node.right, subject);
    case 'or':
      return evaluate(node.left, subject) || evaluate(node.right, subject);
    case 'not':
      return !evaluate(node.operand, subject);
    case 'protocol':
      return subject.protocols.includes(node.name);
    case 'exists':
      return (subject.fields?.get(node.name)?.length ?? 0) > 0;
    case 'compare': {
      const values = subject.fields?.get(node.name) ?? [];
      // Since Wireshark 3.6, "a != b" means "not (a == b)": no value of the field equals b.
      if (node.operator === '!=') return values.length > 0 && !values.some((value) => compare(node, '==', value));
      return values.some((value) => compare(node, node.operator, value));
    }
  }
}

function compare(node: Extract<Node, { type: 'compare' }>, operator: Comparison, value: FieldValue): boolean {
  const literal = node.literal;
  if (literal.kind === 'ipv4') {
    if (typeof value !== 'string') return false;
    return ((ipv4ToNumber(value.split('.').map(Number)) & literal.mask) >>> 0) === literal.address;
  }
  if (operator === 'contains') return typeof value === 'string' && literal.kind === 'text' && value.includes(literal.value);
  if (operator === 'matches') return typeof value === 'string' && node.pattern!.test(value);
  const right = literal.value;
  // Addresses are normalised on both sides (lowercase, compressed); strings compare exactly, as in Wireshark.
  const left = typeof right === 'number' ? Number(value) : String(value);
  const target = right;
  switch (operator) {
    case '==':
      return left === target;
    case '>':
      return left > target;
    case '<':
      return left < target;
    case '>=':
      return left >= target;
    case '<=':
      return left <= target;
    default:
      return false;
  }
}
