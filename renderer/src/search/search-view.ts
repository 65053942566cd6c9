// The Search side-bar view: find text across the workspace, results grouped by file, each opening at its line.
import type { SearchMatch, SearchResult } from '../../../main/api';
import type { BackendClient } from '../transport/backend-client';
import { el, icon } from '../workbench/element';
import type { View } from '../workbench/view';

export interface SearchHost {
  openAt(path: string, line: number, column: number, length: number): void;
}

const TYPING_DELAY_MS = 300;

export class SearchView implements View {
  readonly id = 'search';
  readonly title = 'Search';
  readonly icon = 'search';
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly summary: HTMLElement;
  private readonly results: HTMLElement;
  private readonly toggles = { caseSensitive: false, wholeWord: false, isRegex: false };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly backend: BackendClient,
    private readonly host: SearchHost,
  ) {
    this.input = el('input', { className: 'search-input', type: 'search', placeholder: 'Search', 'aria-label': 'Search text in files', spellcheck: 'false' });
    this.input.addEventListener('input', () => this.schedule());
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        void this.run();
      }
    });
    const toggle = (key: keyof typeof this.toggles, label: string, codicon: string) => {
      const button = el('button', { className: 'icon-button toggle', 'aria-label': label, title: label, 'aria-pressed': 'false' }, icon(codicon));
      button.addEventListener('click', () => {
        this.toggles[key] = !this.toggles[key];
        button.setAttribute('aria-pressed', String(this.toggles[key]));
        void this.run();
      });
      return button;
    };
    this.summary = el('div', { className: 'search-summary', role: 'status', 'aria-live': 'polite' });
    this.results = el('div', { className: 'search-results', role: 'tree', 'aria-label': 'Search results' });
    this.element = el(
      'div',
      { className: 'search-view' },
      el('div', { className: 'search-box' }, this.input, toggle('caseSensitive', 'Match Case', 'case-sensitive'), toggle('wholeWord', 'Match Whole Word', 'whole-word'), toggle('isRegex', 'Use Regular Expression', 'regex')),
      this.summary,
      this.results,
    );
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), TYPING_DELAY_MS);
  }

  async run(): Promise<void> {
    clearTimeout(this.timer);
    const pattern = this.input.value;
    const generation = ++this.generation;
    if (!pattern) {
      this.summary.textContent = '';
      this.results.replaceChildren();
      return;
    }
    this.summary.textContent = 'Searching…';
    let result: SearchResult;
    try {
      result = await this.backend.request('search/text', { pattern, ...this.toggles });
    } catch (error) {
      if (generation === this.generation) {
        this.summary.textContent = (error as Error).message;
        this.results.replaceChildren();
      }
      return;
    }
    if (generation !== this.generation) return;
    this.render(result);
  }

  private render(result: SearchResult): void {
    const byFile = new Map<string, SearchMatch[]>();
    for (const match of result.matches) {
      const list = byFile.get(match.path) ?? [];
      list.push(match);
      byFile.set(match.path, list);
    }
    const count = result.matches.length;
    this.summary.textContent =
      count === 0
        ? `No results found in ${result.filesSearched} files.`
        : `${count}${result.truncated ? '+' : ''} result${count === 1 ? '' : 's'} in ${byFile.size} file${byFile.size === 1 ? '' : 's'}${result.truncated ? ' (stopped early: refine the search)' : ''}`;
    this.results.replaceChildren(
      ...[...byFile.entries()].map(([path, matches]) =>
        el(
          'div',
          { className: 'search-file', role: 'treeitem', 'aria-expanded': 'true', 'aria-label': `${path}, ${matches.length} results` },
          el('div', { className: 'search-file-name', title: path }, icon('file'), el('span', {}, path), el('span', { className: 'badge' }, String(matches.length))),
          el(
            'div',
            { role: 'group' },
            ...matches.map((match) =>
              el(
                'button',
                {
                  className: 'search-match',
                  role: 'treeitem',
                  'aria-label': `Line ${match.line}: ${match.preview.trim()}`,
                  title: `${path}:${match.line}:${match.column}`,
                  onclick: () => this.host.openAt(match.path, match.line, match.column, match.length),
                },
                el('span', { className: 'search-line' }, String(match.line)),
                ...highlight(match),
              ),
            ),
          ),
        ),
      ),
    );
  }
}

/** The preview with the match emphasised, leading indentation dropped. */
function highlight(match: SearchMatch): (HTMLElement | string)[] {
  const { preview, previewColumn: at } = match;
  const end = Math.min(preview.length, at + match.length);
  return [preview.slice(0, at).trimStart(), el('mark', {}, preview.slice(at, end)), preview.slice(end)];
}
