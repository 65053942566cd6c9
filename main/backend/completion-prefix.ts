// The (possibly qualified) OCaml identifier before the cursor, which the toplevel is asked to complete.

/** Identifier characters plus `.` for module paths (`Lwt_io.pri`); OCaml identifiers also allow `'`. */
const PATH_CHARACTER = /[A-Za-z0-9_'.]/;

/**
 * `prefix` is what the toplevel completes (`List.ma`); `from` is where the replaced word starts (after the last `.`).
 * An empty word with no module path gives an empty prefix: listing the whole environment helps nobody.
 */
export function completionPrefix(code: string, offset: number): { from: number; prefix: string } {
  const end = Math.max(0, Math.min(offset, code.length));
  let start = end;
  while (start > 0 && PATH_CHARACTER.test(code[start - 1]!)) start -= 1;
  // A leading dot follows an expression (`(f x).field`): a record field, which the toplevel cannot list.
  if (code[start] === '.') return { from: end, prefix: '' };
  const prefix = code.slice(start, end);
  const from = start + prefix.lastIndexOf('.') + 1;
  if (!/^([A-Z][A-Za-z0-9_']*\.)*[A-Za-z_]?[A-Za-z0-9_']*$/.test(prefix)) return { from: end, prefix: '' };
  if (from === end && !prefix.includes('.')) return { from, prefix: '' };
  return { from, prefix };
}
