// Scores how well a typed query matches a label, VS Code style: letters in order, bonuses for word starts and runs.

export interface FuzzyMatch {
  score: number;
  /** Indices of the matched characters in the label, for highlighting. */
  positions: number[];
}

const WORD_SEPARATORS = new Set(['/', '\\', '-', '_', '.', ' ', ':']);

export function fuzzyMatch(query: string, label: string): FuzzyMatch | null {
  if (query.length === 0) return { score: 0, positions: [] };
  const lowerQuery = query.toLowerCase();
  const lowerLabel = label.toLowerCase();
  const positions: number[] = [];
  let score = 0;
  let labelIndex = 0;
  let previousMatch = -2;
  for (const char of lowerQuery) {
    if (char === ' ') continue;
    const found = lowerLabel.indexOf(char, labelIndex);
    if (found < 0) return null;
    let points = 1;
    if (found === previousMatch + 1) points += 5;
    if (found === 0 || WORD_SEPARATORS.has(label[found - 1])) points += 8;
    else if (label[found] !== lowerLabel[found] && label[found - 1] === lowerLabel[found - 1]) points += 6;
    positions.push(found);
    score += points;
    previousMatch = found;
    labelIndex = found + 1;
  }
  // Prefer matches in the file name over those in the folders, and shorter labels.
  const lastSlash = label.lastIndexOf('/');
  if (positions.length > 0 && positions[0] > lastSlash) score += 10;
  score -= label.length * 0.01;
  return { score, positions };
}
