// Lists what copying a template makes, refusing up front any symbolic link that would lead out of the template.
import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { MiradorErrorCode } from '../../api/errors';
import { MiradorError } from '../mirador-error';
import { TEMPLATE_MANIFEST } from './template-manifest';

export type TemplateEntry =
  | { kind: 'directory'; relative: string }
  | { kind: 'file'; relative: string; mode: number }
  /** Recreated with the same relative link text, never followed: it points inside the template by construction. */
  | { kind: 'symlink'; relative: string; target: string };

/** Build outputs a template folder may hold when someone built it in place (the c-hello example): not project files. */
const SKIPPED_AT_TOP = new Set([TEMPLATE_MANIFEST, '_build', 'dist']);

const isInside = (root: string, candidate: string) => {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** Entries in copy order (a directory before its contents); relative paths use '/'. */
export async function planTemplateCopy(sourceDir: string): Promise<TemplateEntry[]> {
  const realRoot = await realpath(sourceDir);
  const entries: TemplateEntry[] = [];
  const walk = async (relative: string) => {
    const names = (await readdir(path.join(sourceDir, relative))).sort();
    for (const name of names) {
      if (relative === '' && SKIPPED_AT_TOP.has(name)) continue;
      const childRelative = relative === '' ? name : `${relative}/${name}`;
      const full = path.join(sourceDir, childRelative);
      const stats = await lstat(full);
      if (stats.isSymbolicLink()) {
        const target = await readlink(full);
        const lexical = path.resolve(path.dirname(full), target);
        let real: string | undefined;
        try {
          real = await realpath(full);
        } catch {
          real = undefined;
        }
        if (path.isAbsolute(target) || !isInside(path.resolve(sourceDir), lexical) || real === undefined || !isInside(realRoot, real)) {
          throw new MiradorError(MiradorErrorCode.outsideWorkspace, `the template's ${childRelative} is a symbolic link to ${target}, outside the template (or dangling); it is not copied, so nothing was created`);
        }
        entries.push({ kind: 'symlink', relative: childRelative, target });
      } else if (stats.isDirectory()) {
        entries.push({ kind: 'directory', relative: childRelative });
        await walk(childRelative);
      } else if (stats.isFile()) {
        entries.push({ kind: 'file', relative: childRelative, mode: stats.mode & 0o777 });
      }
      // Sockets, fifos and devices have no place in a template: skipped.
    }
  };
  await walk('');
  return entries;
}
