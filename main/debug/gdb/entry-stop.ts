// Reads a launch's `stopOnEntry` into where the first stop should be: nowhere, the reset vector, the ELF entry, a symbol.

export type EntryStop = { kind: 'none' } | { kind: 'reset' } | { kind: 'entry' } | { kind: 'symbol'; name: string };

/** Returns null for values that mean nothing (a number, an object): the launch is refused with the accepted forms. */
export function parseEntryStop(value: unknown): EntryStop | null {
  if (value === undefined || value === false || value === '') return { kind: 'none' };
  if (value === true || value === 'reset') return { kind: 'reset' };
  if (value === 'entry') return { kind: 'entry' };
  if (typeof value === 'string' && value.trim() !== '') return { kind: 'symbol', name: value.trim() };
  return null;
}

export const ENTRY_STOP_FORMS = '"stopOnEntry" takes true or "reset" (the reset vector), "entry" (the ELF entry point), or a symbol name such as "kernel_main"';
