// Markdown (CommonMark's common part plus GitHub tables) to a small syntax tree; raw HTML stays text, nothing is ever markup.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em' | 'strike'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'image'; src: string; alt: string }
  | { type: 'break' };

export type Alignment = '' | 'left' | 'center' | 'right';

export type Block =
  | { type: 'heading'; level: number; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'code'; language: string; text: string }
  | { type: 'quote'; blocks: Block[] }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'rule' }
  | { type: 'table'; align: Alignment[]; header: Inline[][]; rows: Inline[][][] };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+(.*)|$)/;
const TABLE_DIVIDER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const INDENTED_CODE = /^( {4}|\t)(.*)$/;

export function parseMarkdown(text: string): Block[] {
  return parseBlocks(text.replace(/\r\n?/g, '\n').split('\n'));
}

function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.trim() === '') {
      index += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      index += 1;
      while (index < lines.length && !new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`).test(lines[index]!)) body.push(lines[index++]!);
      index += 1;
      blocks.push({ type: 'code', language: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]!.length, children: parseInline(heading[2] ?? '') });
      index += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      index += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (index < lines.length && lines[index]!.trim() !== '') {
        const quoted = QUOTE.exec(lines[index]!);
        body.push(quoted ? quoted[1]! : lines[index]!);
        index += 1;
      }
      blocks.push({ type: 'quote', blocks: parseBlocks(body) });
      continue;
    }
    if (LIST_ITEM.test(line)) {
      index = parseList(lines, index, blocks);
      continue;
    }
    if (INDENTED_CODE.test(line)) {
      const body: string[] = [];
      while (index < lines.length && (INDENTED_CODE.test(lines[index]!) || lines[index]!.trim() === '')) body.push(lines[index++]!.replace(/^( {4}|\t)/, ''));
      while (body.at(-1)?.trim() === '') body.pop();
      blocks.push({ type: 'code', language: '', text: body.join('\n') });
      continue;
    }
    if (line.includes('|') && index + 1 < lines.length && TABLE_DIVIDER.test(lines[index + 1]!) && lines[index + 1]!.includes('-')) {
      index = parseTable(lines, index, blocks);
      continue;
    }
    const paragraph: string[] = [];
    while (index < lines.length && lines[index]!.trim() !== '' && !startsBlock(lines[index]!)) {
      const next = lines[index + 1];
      if (next !== undefined && /^ {0,3}(=+|-+)\s*$/.test(next) && !LIST_ITEM.test(lines[index]!)) {
        paragraph.push(lines[index]!);
        blocks.push({ type: 'heading', level: next.trim()[0] === '=' ? 1 : 2, children: parseInline(paragraph.join('\n').trim()) });
        paragraph.length = 0;
        index += 2;
        break;
      }
      paragraph.push(lines[index++]!);
    }
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseInline(paragraph.map((text) => text.replace(/^ {0,3}/, '')).join('\n')) });
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || LIST_ITEM.test(line);
}

function parseList(lines: string[], start: number, blocks: Block[]): number {
  const first = LIST_ITEM.exec(lines[start]!)!;
  const ordered = /\d/.test(first[2]!);
  const items: Block[][] = [];
  let index = start;
  while (index < lines.length) {
    const item = LIST_ITEM.exec(lines[index]!);
    if (!item || /\d/.test(item[2]!) !== ordered) break;
    const contentIndent = item[1]!.length + item[2]!.length + Math.max(1, (item[3] ?? ' ').length - (item[4] ?? '').length);
    const body = [item[4] ?? ''];
    index += 1;
    while (index < lines.length) {
      const line = lines[index]!;
      if (line.trim() === '') {
        // A blank line ends the item unless the next line is indented into it.
        const next = lines[index + 1];
        if (next !== undefined && next.trim() !== '' && leadingSpaces(next) >= contentIndent) {
          body.push('');
          index += 1;
          continue;
        }
        break;
      }
      if (leadingSpaces(line) >= contentIndent) body.push(line.slice(contentIndent));
      else if (LIST_ITEM.test(line) || startsBlock(line)) break;
      else body.push(line);
      index += 1;
    }
    items.push(parseBlocks(body));
    if (index < lines.length && lines[index]!.trim() === '' && LIST_ITEM.test(lines[index + 1] ?? '')) index += 1;
  }
  blocks.push({ type: 'list', ordered, start: ordered ? Number.parseInt(first[2]!, 10) : 1, items });
  return index;
}

function parseTable(lines: string[], start: number, blocks: Block[]): number {
  const header = splitRow(lines[start]!);
  const align = splitRow(lines[start + 1]!).map((cell): Alignment => {
    const left = cell.startsWith(':');
    const right = cell.endsWith(':');
    return left && right ? 'center' : right ? 'right' : left ? 'left' : '';
  });
  const rows: Inline[][][] = [];
  let index = start + 2;
  while (index < lines.length && lines[index]!.trim() !== '' && lines[index]!.includes('|')) {
    const cells = splitRow(lines[index]!);
    rows.push(header.map((_, column) => parseInline(cells[column] ?? '')));
    index += 1;
  }
  blocks.push({ type: 'table', align: header.map((_, column) => align[column] ?? ''), header: header.map((cell) => parseInline(cell)), rows });
  return index;
}

function splitRow(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function leadingSpaces(line: string): number {
  return /^ */.exec(line)![0].length;
}

const ESCAPABLE = /[\\`*_{}[\]()#+\-.!|~<>"']/;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ type: 'text', text: plain });
    plain = '';
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '\\' && index + 1 < text.length) {
      if (text[index + 1] === '\n') {
        flush();
        out.push({ type: 'break' });
        index += 2;
        continue;
      }
      if (ESCAPABLE.test(text[index + 1]!)) {
        plain += text[index + 1];
        index += 2;
        continue;
      }
    }
    if (char === '\n') {
      if (/ {2,}$/.test(plain)) {
        plain = plain.replace(/ +$/, '');
        flush();
        out.push({ type: 'break' });
      } else plain += '\n';
      index += 1;
      continue;
    }
    if (char === '`') {
      const run = /^`+/.exec(text.slice(index))![0];
      const close = text.indexOf(run, index + run.length);
      if (close > 0) {
        flush();
        const code = text.slice(index + run.length, close).replace(/\n/g, ' ');
        out.push({ type: 'code', text: /^ .* $/.test(code) ? code.slice(1, -1) : code });
        index = close + run.length;
        continue;
      }
      plain += run;
      index += run.length;
      continue;
    }
    if (char === '!' && text[index + 1] === '[') {
      const link = linkAt(text, index + 1);
      if (link) {
        flush();
        out.push({ type: 'image', src: link.href, alt: link.label });
        index = link.end;
        continue;
      }
    }
    if (char === '[') {
      const link = linkAt(text, index);
      if (link) {
        flush();
        out.push({ type: 'link', href: link.href, children: parseInline(link.label) });
        index = link.end;
        continue;
      }
    }
    if (char === '<') {
      const autolink = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/.exec(text.slice(index));
      if (autolink) {
        flush();
        out.push({ type: 'link', href: autolink[1]!, children: [{ type: 'text', text: autolink[1]!.replace(/^mailto:/, '') }] });
        index += autolink[0].length;
        continue;
      }
    }
    if (char === '*' || char === '_' || char === '~') {
      const emphasis = emphasisAt(text, index);
      if (emphasis) {
        flush();
        out.push(emphasis.node);
        index = emphasis.end;
        continue;
      }
    }
    plain += char;
    index += 1;
  }
  flush();
  return out;
}

function linkAt(text: string, open: number): { label: string; href: string; end: number } | undefined {
  let depth = 0;
  let close = -1;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index += 1;
    else if (char === '[') depth += 1;
    else if (char === ']' && --depth === 0) {
      close = index;
      break;
    }
  }
  if (close < 0 || text[close + 1] !== '(') return undefined;
  const target = /^\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+("[^"]*"|'[^']*'))?\s*\)/.exec(text.slice(close + 1));
  if (!target) return undefined;
  return { label: text.slice(open + 1, close), href: target[1]!.replace(/^<|>$/g, ''), end: close + 1 + target[0].length };
}

function emphasisAt(text: string, index: number): { node: Inline; end: number } | undefined {
  const char = text[index]!;
  const double = text[index + 1] === char;
  if (char === '~' && !double) return undefined;
  const marker = double ? char + char : char;
  const after = text[index + marker.length];
  if (after === undefined || /\s/.test(after)) return undefined;
  // Intraword underscores (snake_case names) are not emphasis.
  if (char === '_' && index > 0 && /\w/.test(text[index - 1]!)) return undefined;
  let search = index + marker.length;
  for (;;) {
    const close = text.indexOf(marker, search);
    if (close < 0) return undefined;
    const isolated = double || (text[close + 1] !== char && text[close - 1] !== char);
    const before = text[close - 1]!;
    const wordAfter = char === '_' && /\w/.test(text[close + marker.length] ?? '');
    if (close > index + marker.length && isolated && !/\s/.test(before) && !wordAfter) {
      const children = parseInline(text.slice(index + marker.length, close));
      const type = char === '~' ? 'strike' : double ? 'strong' : 'em';
      return { node: { type, children }, end: close + marker.length };
    }
    search = close + 1;
  }
}
