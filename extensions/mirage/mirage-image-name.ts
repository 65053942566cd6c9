// Reads the unikernel's name from config.ml (`register "hello" [...]`), best effort: MirageOS names the image after it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** `register "name"`, possibly after labelled arguments: `register ~packages "name" [...]`. */
const REGISTER = /\bregister\b[^"[\]]*?"((?:[^"\\]|\\.)+)"/;

/** Removes OCaml comments (they nest) so a commented-out `register` is not taken; string literals are left alone. */
export function withoutOcamlComments(source: string): string {
  let out = '';
  let depth = 0;
  let index = 0;
  while (index < source.length) {
    const two = source.slice(index, index + 2);
    if (two === '(*') {
      depth += 1;
      index += 2;
    } else if (two === '*)' && depth > 0) {
      depth -= 1;
      index += 2;
    } else if (depth === 0 && source[index] === '"') {
      const close = stringEnd(source, index);
      out += source.slice(index, close);
      index = close;
    } else {
      if (depth === 0) out += source[index];
      index += 1;
    }
  }
  return out;
}

function stringEnd(source: string, open: number): number {
  let index = open + 1;
  while (index < source.length && source[index] !== '"') index += source[index] === '\\' ? 2 : 1;
  return Math.min(index + 1, source.length);
}

export function registeredName(configMl: string): string | undefined {
  return REGISTER.exec(withoutOcamlComments(configMl))?.[1];
}

export async function readRegisteredName(folder: string): Promise<string | undefined> {
  try {
    return registeredName(await readFile(path.join(folder, 'config.ml'), 'utf8'));
  } catch {
    return undefined;
  }
}
