// Builds the DOM of a markdown cell from its syntax tree: elements made one by one, text always as text, only safe link and image targets.
import { el } from '../workbench/element';
import { parseMarkdown, type Block, type Inline } from './markdown-parser';

export interface MarkdownContext {
  /** A cell attachment (`attachment:name`) as a data URL, when the cell has it. */
  attachment(name: string): string | undefined;
}

const SAFE_LINK = /^(https?:|mailto:)/i;
const SAFE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;

export function renderMarkdown(text: string, context: MarkdownContext): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const block of parseMarkdown(text)) fragment.append(blockNode(block, context));
  return fragment;
}

function blockNode(block: Block, context: MarkdownContext): Node {
  switch (block.type) {
    case 'heading':
      return el(`h${Math.min(6, Math.max(1, block.level))}` as 'h1', {}, ...inlines(block.children, context));
    case 'paragraph':
      return el('p', {}, ...inlines(block.children, context));
    case 'code':
      return el('pre', { className: 'markdown-code' }, el('code', block.language ? { 'data-language': block.language } : {}, block.text));
    case 'quote':
      return el('blockquote', {}, ...block.blocks.map((inner) => blockNode(inner, context)));
    case 'list': {
      const list = block.ordered ? el('ol', block.start !== 1 ? { start: block.start } : {}) : el('ul');
      for (const item of block.items) {
        // A one-paragraph item shows as its text, without the paragraph's margins (a "tight" list).
        const only = item.length === 1 && item[0]!.type === 'paragraph' ? inlines(item[0]!.children, context) : item.map((inner) => blockNode(inner, context));
        list.append(el('li', {}, ...only));
      }
      return list;
    }
    case 'rule':
      return el('hr');
    case 'table':
      return el(
        'table',
        {},
        el('thead', {}, el('tr', {}, ...block.header.map((cell, column) => el('th', alignment(block.align[column]), ...inlines(cell, context))))),
        el('tbody', {}, ...block.rows.map((row) => el('tr', {}, ...row.map((cell, column) => el('td', alignment(block.align[column]), ...inlines(cell, context)))))),
      );
  }
}

function alignment(align: string | undefined): Record<string, string> {
  return align ? { style: `text-align: ${align}` } : {};
}

function inlines(nodes: Inline[], context: MarkdownContext): Node[] {
  return nodes.map((node) => inlineNode(node, context));
}

function inlineNode(node: Inline, context: MarkdownContext): Node {
  switch (node.type) {
    case 'text':
      return document.createTextNode(node.text);
    case 'code':
      return el('code', {}, node.text);
    case 'strong':
      return el('strong', {}, ...inlines(node.children, context));
    case 'em':
      return el('em', {}, ...inlines(node.children, context));
    case 'strike':
      return el('del', {}, ...inlines(node.children, context));
    case 'break':
      return el('br');
    case 'link':
      if (!SAFE_LINK.test(node.href)) return el('span', { className: 'markdown-inert-link', title: node.href }, ...inlines(node.children, context));
      return el('a', { href: node.href, target: '_blank', rel: 'noopener noreferrer', title: node.href }, ...inlines(node.children, context));
    case 'image': {
      const source = node.src.startsWith('attachment:') ? context.attachment(node.src.slice('attachment:'.length)) : node.src;
      if (source && SAFE_IMAGE.test(source)) return el('img', { src: source, alt: node.alt });
      // Remote images are not fetched (the page allows only its own and data: images): say what would be there.
      return el('span', { className: 'markdown-image-placeholder', title: node.src }, `[image: ${node.alt || node.src}]`);
    }
  }
}
