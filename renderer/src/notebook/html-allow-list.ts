// text/html outputs read by a small HTML reader of our own into an allow-listed tree: no browser parser ever sees the markup,
// so nothing in it (scripts, handlers, remote images) is compiled, fetched or run.

export type SafeHtmlNode = string | { tag: string; attributes: Array<[string, string]>; children: SafeHtmlNode[] };

const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q',
  's', 'samp', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul', 'var',
]);
/** Elements whose content is dropped with them; other unknown elements are unwrapped (their text stays). */
const DROPPED_TAGS = new Set(['script', 'style', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'noscript', 'svg', 'math', 'canvas', 'audio', 'video', 'form', 'select', 'textarea', 'title', 'head']);
/** Raw-text elements: their content is not markup, up to the closing tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ALLOWED_ATTRIBUTES = new Set(['title', 'alt', 'colspan', 'rowspan', 'align', 'href', 'src', 'width', 'height', 'start', 'open']);
const SAFE_LINK = /^(https?:|mailto:)/i;
const SAFE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;
const NUMBER = /^\d{1,5}%?$/;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', hellip: '…', mdash: '—', ndash: '–', times: '×', middot: '·', laquo: '«', raquo: '»', deg: '°' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

interface OpenElement {
  tag: string;
  keep: boolean;
  node: { tag: string; attributes: Array<[string, string]>; children: SafeHtmlNode[] };
}

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Reads HTML into the nodes worth showing; anything not allowed is left out (or unwrapped), never passed on as markup. */
export function allowListedHtml(html: string): SafeHtmlNode[] {
  const root: SafeHtmlNode[] = [];
  const stack: OpenElement[] = [];
  /** How many dropped elements we are inside: their content is skipped. */
  let dropped = 0;
  const children = () => {
    for (let index = stack.length - 1; index >= 0; index--) if (stack[index]!.keep) return stack[index]!.node.children;
    return root;
  };
  const text = (value: string) => {
    if (dropped > 0 || value === '') return;
    const list = children();
    const decoded = decodeEntities(value);
    if (typeof list.at(-1) === 'string') list[list.length - 1] = `${list.at(-1) as string}${decoded}`;
    else list.push(decoded);
  };
  let position = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open < 0) {
      text(html.slice(position));
      break;
    }
    text(html.slice(position, open));
    const rest = html.slice(open);
    if (rest.startsWith('<!--')) {
      const end = html.indexOf('-->', open + 4);
      position = end < 0 ? html.length : end + 3;
      continue;
    }
    if (/^<[!?]/.test(rest)) {
      const end = html.indexOf('>', open);
      position = end < 0 ? html.length : end + 1;
      continue;
    }
    const tag = TAG.exec(rest);
    if (!tag) {
      text('<');
      position = open + 1;
      continue;
    }
    position = open + tag[0].length;
    const name = tag[2]!.toLowerCase();
    if (tag[1]) {
      // A closing tag closes the innermost open element of that name, and any left open inside it.
      const at = stack.map((entry) => entry.tag).lastIndexOf(name);
      if (at >= 0) {
        for (const closed of stack.splice(at)) if (DROPPED_TAGS.has(closed.tag)) dropped -= 1;
      }
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, position);
      const content = html.slice(position, end < 0 ? html.length : end);
      position = end < 0 ? html.length : html.indexOf('>', end) + 1 || html.length;
      if (!DROPPED_TAGS.has(name) && dropped === 0) text(content);
      continue;
    }
    const isDropped = DROPPED_TAGS.has(name);
    const keep = !isDropped && ALLOWED_TAGS.has(name) && dropped === 0;
    const node = { tag: name, attributes: keep ? safeAttributes(name, tag[3] ?? '') : [], children: [] as SafeHtmlNode[] };
    if (keep && name === 'img' && !node.attributes.some(([attribute]) => attribute === 'src')) {
      // An image we will not load (remote, or not an image): say what it was.
      const alt = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag[3] ?? '');
      text(`[image${alt ? `: ${alt[1] ?? alt[2]}` : ''}]`);
      continue;
    }
    if (keep) children().push(node);
    if (VOID_TAGS.has(name) || tag[4]) continue;
    if (isDropped) dropped += 1;
    stack.push({ tag: name, keep, node });
  }
  return root;
}

function safeAttributes(tag: string, source: string): Array<[string, string]> {
  const attributes: Array<[string, string]> = [];
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    const value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '').trim();
    if (!ALLOWED_ATTRIBUTES.has(name)) continue;
    if (name === 'href' && !(tag === 'a' && SAFE_LINK.test(value))) continue;
    if (name === 'src' && !(tag === 'img' && SAFE_IMAGE.test(value))) continue;
    if (['width', 'height', 'colspan', 'rowspan', 'start'].includes(name) && !NUMBER.test(value)) continue;
    attributes.push([name, value]);
  }
  if (tag === 'a' && attributes.some(([name]) => name === 'href')) attributes.push(['target', '_blank'], ['rel', 'noopener noreferrer']);
  return attributes;
}
