// Reads a template's template.json: its one-line description, and where its files are when they live elsewhere.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MiradorErrorCode } from '../../api/errors';
import { MiradorError } from '../mirador-error';

/** The file in each template folder that makes it a template; it describes the template and is never copied. */
export const TEMPLATE_MANIFEST = 'template.json';

export interface TemplateManifest {
  description: string;
  /** Absolute folder whose files make the project: the template folder itself, or its `source` (e.g. an example). */
  sourceDir: string;
}

/**
 * `resourcesRoot` bounds `source`: a template may reuse an example shipped with Mirador (so its files exist once in
 * the repository), but never point at arbitrary places on the disk.
 */
export async function readTemplateManifest(templateDir: string, resourcesRoot: string): Promise<TemplateManifest> {
  const file = path.join(templateDir, TEMPLATE_MANIFEST);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new MiradorError(MiradorErrorCode.internal, `template ${path.basename(templateDir)} is broken: ${file}: ${(error as Error).message}`);
  }
  const manifest = raw as { description?: unknown; source?: unknown };
  if (typeof manifest.description !== 'string' || manifest.description === '') {
    throw new MiradorError(MiradorErrorCode.internal, `template ${path.basename(templateDir)} is broken: ${file} needs a "description" string`);
  }
  if (manifest.source === undefined) return { description: manifest.description, sourceDir: templateDir };
  const sourceDir = typeof manifest.source === 'string' ? path.resolve(templateDir, manifest.source) : '';
  const inside = path.relative(resourcesRoot, sourceDir);
  if (sourceDir === '' || inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
    throw new MiradorError(MiradorErrorCode.internal, `template ${path.basename(templateDir)} is broken: "source" must be a folder inside ${resourcesRoot}`);
  }
  return { description: manifest.description, sourceDir };
}
