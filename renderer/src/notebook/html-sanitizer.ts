// text/html outputs as DOM: the allow-listed tree built element by element, text always as text.
import { allowListedHtml, type SafeHtmlNode } from './html-allow-list';

export function sanitizeHtml(html: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const node of allowListedHtml(html)) fragment.append(toDom(node));
  return fragment;
}

function toDom(node: SafeHtmlNode): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const element = document.createElement(node.tag);
  for (const [name, value] of node.attributes) element.setAttribute(name, value);
  for (const child of node.children) element.append(toDom(child));
  return element;
}
