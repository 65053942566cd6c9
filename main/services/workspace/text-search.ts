// Searches the text of every workspace file, one file at a time so memory stays bounded on big trees.
import { promises as fs } from 'node:fs';
import type { SearchMatch, SearchQuery, SearchResult } from '../../api/workspace-protocol';
import { looksBinary } from './binary-sniff';
import { compileSearchPattern } from './search-pattern';
import { walkWorkspaceFiles } from './workspace-walker';
import type { WorkspaceRoot } from './workspace-root';

/** Larger files are mostly generated or data; skipping them keeps a search from stalling on one. */
const MAX_SEARCHED_FILE_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_RESULTS = 2000;
const PREVIEW_CHARS = 200;
/** Context kept before the match when a long line has to be cut. */
const PREVIEW_LEAD_CHARS = 40;

export class TextSearch {
  constructor(private readonly root: WorkspaceRoot) {}

  async search(query: SearchQuery, signal?: AbortSignal): Promise<SearchResult> {
    const pattern = compileSearchPattern(query);
    const maxResults = query.maxResults ?? DEFAULT_MAX_RESULTS;
    const matches: SearchMatch[] = [];
    let filesSearched = 0;
    if (query.pattern === '') return { matches, filesSearched, truncated: false };
    for await (const file of walkWorkspaceFiles(this.root)) {
      signal?.throwIfAborted();
      const text = await readSearchableText(file.abs);
      if (text === undefined) continue;
      filesSearched++;
      if (!collectMatches(text, file.rel, pattern, matches, maxResults)) {
        return { matches, filesSearched, truncated: true };
      }
    }
    return { matches, filesSearched, truncated: false };
  }
}

/** The file's text, or undefined when it is too big, binary or unreadable. */
async function readSearchableText(abs: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(abs);
    if (!stat.isFile() || stat.size > MAX_SEARCHED_FILE_BYTES) return undefined;
    const bytes = await fs.readFile(abs);
    return bytes.length > MAX_SEARCHED_FILE_BYTES || looksBinary(bytes) ? undefined : bytes.toString('utf8');
  } catch {
    return undefined; // vanished or unreadable since the walk saw it
  }
}

/** Appends the matches in `text`; returns false once one more match than `maxResults` has been seen. */
function collectMatches(text: string, rel: string, pattern: RegExp, matches: SearchMatch[], maxResults: number): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    pattern.lastIndex = 0;
    for (let found = pattern.exec(line); found !== null; found = pattern.exec(line)) {
      if (found[0].length === 0) {
        // Empty matches (`a*`, `^`) highlight nothing; step past them so the loop ends.
        pattern.lastIndex++;
        continue;
      }
      if (matches.length === maxResults) return false;
      matches.push({
        path: rel,
        line: index + 1,
        column: found.index + 1,
        length: found[0].length,
        ...previewAround(line, found.index),
      });
    }
  }
  return true;
}

/** A window of the line around the match; very long matches are cut too, the editor shows them whole. */
function previewAround(line: string, start: number): { preview: string; previewColumn: number } {
  if (line.length <= PREVIEW_CHARS) return { preview: line, previewColumn: start };
  const from = Math.max(0, Math.min(start - PREVIEW_LEAD_CHARS, line.length - PREVIEW_CHARS));
  const to = from + PREVIEW_CHARS;
  const lead = from > 0 ? '…' : '';
  return { preview: `${lead}${line.slice(from, to)}${to < line.length ? '…' : ''}`, previewColumn: start - from + lead.length };
}
