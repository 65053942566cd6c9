// Recognises a notebook magic cell: `%%file PATH` with a body, or lines of `%build`, `%run ...`, `%targets`, `%doctor`.
import { splitMagicArguments } from './magic-arguments';

export interface MagicLine {
  name: string;
  args: string[];
  /** 1-based line in the cell, for error positions. */
  line: number;
}

export type MagicCell =
  | { kind: 'cell-magic'; name: string; args: string[]; body: string }
  | { kind: 'line-magics'; lines: MagicLine[] }
  /** Looks like magics but is not well formed: the message says what is wrong and where. */
  | { kind: 'invalid'; line: number; message: string };

/** Null for an OCaml cell (the toplevel runs it). */
export function parseMagicCell(code: string): MagicCell | null {
  const lines = code.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0 || !lines[first]!.trimStart().startsWith('%')) return null;
  const head = lines[first]!.trim();
  try {
    if (head.startsWith('%%')) {
      const [name = '', ...args] = splitMagicArguments(head.slice(2));
      return { kind: 'cell-magic', name, args, body: lines.slice(first + 1).join('\n') };
    }
    const magics: MagicLine[] = [];
    for (const [index, text] of lines.entries()) {
      const line = text.trim();
      if (line === '') continue;
      if (!line.startsWith('%') || line.startsWith('%%')) {
        return { kind: 'invalid', line: index + 1, message: 'a cell of line magics holds only magics, one per line (put OCaml code in a cell of its own; a cell magic such as %%file goes on the first line)' };
      }
      const [name = '', ...args] = splitMagicArguments(line.slice(1));
      magics.push({ name, args, line: index + 1 });
    }
    return { kind: 'line-magics', lines: magics };
  } catch (error) {
    return { kind: 'invalid', line: first + 1, message: (error as Error).message };
  }
}
