// The project templates Mirador ships (resources/templates/<name>/template.json), and making a project from one.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { MiradorErrorCode } from '../../api/errors';
import { MiradorError } from '../mirador-error';
import { copyTemplateInto, type CreatedProject } from './project-creation';
import { TEMPLATE_MANIFEST, readTemplateManifest } from './template-manifest';

export interface ProjectTemplate {
  /** Folder name, what `mirador new NAME DIR` takes, e.g. `mirage-hello`. */
  name: string;
  description: string;
}

export class TemplateCatalog {
  /** `templatesRoot` holds one folder per template; `source` links in manifests may reach its parent (resources/). */
  constructor(readonly templatesRoot: string) {}

  /** The catalog of an installed Mirador (the folder holding package.json and resources/). */
  static forApp(appRoot: string): TemplateCatalog {
    return new TemplateCatalog(path.join(appRoot, 'resources', 'templates'));
  }

  async list(): Promise<ProjectTemplate[]> {
    const names = await this.names();
    const templates: ProjectTemplate[] = [];
    for (const name of names) {
      const manifest = await readTemplateManifest(path.join(this.templatesRoot, name), this.resourcesRoot);
      templates.push({ name, description: manifest.description });
    }
    return templates;
  }

  /** Refuses an unknown template (naming the known ones) and an existing folder that is not empty. */
  async createProject(template: string, directory: string): Promise<CreatedProject> {
    const names = await this.names();
    if (!names.includes(template)) {
      throw new MiradorError(MiradorErrorCode.notFound, `unknown template "${template}"; the templates are: ${names.join(', ')}`);
    }
    const manifest = await readTemplateManifest(path.join(this.templatesRoot, template), this.resourcesRoot);
    return copyTemplateInto(template, manifest.sourceDir, directory);
  }

  private get resourcesRoot(): string {
    return path.dirname(this.templatesRoot);
  }

  /** Folders with a manifest, sorted; anything else in the folder (a README, a stray file) is not a template. */
  private async names(): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(this.templatesRoot, { withFileTypes: true });
    } catch (error) {
      throw new MiradorError(MiradorErrorCode.notFound, `no templates at ${this.templatesRoot} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); is Mirador installed completely?`);
    }
    const names: string[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const manifest = await readdir(path.join(this.templatesRoot, entry.name)).then((files) => files.includes(TEMPLATE_MANIFEST));
      if (manifest) names.push(entry.name);
    }
    return names.sort();
  }
}
