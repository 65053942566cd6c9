// Turns a search query (literal or regex, case, whole word) into one global RegExp, or an error the user can fix.
import { MiradorErrorCode } from '../../api/errors';
import type { SearchQuery } from '../../api/workspace-protocol';
import { MiradorError } from '../mirador-error';

export function compileSearchPattern(query: SearchQuery): RegExp {
  if (typeof query.pattern !== 'string') {
    throw new MiradorError(MiradorErrorCode.invalidParams, 'The search pattern must be a string.');
  }
  let source = query.isRegex ? query.pattern : escapeRegExp(query.pattern);
  // Lookarounds rather than \b, so patterns that start or end with punctuation still get sensible word edges.
  if (query.wholeWord) source = `(?<!\\w)(?:${source})(?!\\w)`;
  const flags = query.caseSensitive ? 'g' : 'gi';
  try {
    return new RegExp(source, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MiradorError(
      MiradorErrorCode.invalidParams,
      `The search pattern is not a valid regular expression (${reason}). Fix the pattern, or turn off regular expressions to search for the text as typed.`,
    );
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
