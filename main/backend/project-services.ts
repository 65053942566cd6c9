// The backend's project requests: templates and new projects, and the tutorial notebook copied where it can be edited.
import { realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CreatedProjectInfo, PreparedTutorial, TemplateList, TutorialDestination } from '../api';
import { MiradorError } from '../services/mirador-error';
import { TemplateCatalog } from '../services/templates/template-catalog';
import { projectFolder } from '../services/templates/new-project-location';
import { TUTORIAL_NOTEBOOK, copyTutorialOnce, shippedTutorial } from '../services/tutorials/tutorial-notebook';

export interface ProjectServices {
  listTemplates(): Promise<TemplateList>;
  createProject(template: string, parent: string, name: string): Promise<CreatedProjectInfo>;
  prepareTutorial(destination: TutorialDestination): Promise<PreparedTutorial>;
}

/** Inside a project the tutorial goes to its own folder, so it sits apart from the project's sources. */
const TUTORIAL_IN_WORKSPACE = `tutorials/${TUTORIAL_NOTEBOOK}`;

export function projectServices(appRoot: string, userDataDir: string, workspaceFolder: () => string | null): ProjectServices {
  const catalog = TemplateCatalog.forApp(appRoot);
  return {
    async listTemplates() {
      return { templates: await catalog.list(), defaultParent: os.homedir() };
    },
    async createProject(template, parent, name) {
      const created = await catalog.createProject(template, projectFolder(parent, name));
      // The workspace is opened by its real path: answer with the same, so the window can tell it is the new project.
      return { folder: await realpath(created.directory), files: created.files, readme: created.files.includes('README.md') ? 'README.md' : null };
    },
    async prepareTutorial(destination) {
      if (destination === 'workspace') {
        const folder = workspaceFolder();
        if (folder === null) throw new MiradorError('no-workspace', 'No folder is open to copy the tutorial into; open it in the tutorials folder instead.');
        return { folder, notebook: TUTORIAL_IN_WORKSPACE, copied: await copyTutorialOnce(shippedTutorial(appRoot), folder, TUTORIAL_IN_WORKSPACE) };
      }
      // Mirador's user data folder is writable and ours; the copy there survives reinstalling Mirador.
      const folder = path.join(userDataDir, 'tutorials');
      const copied = await copyTutorialOnce(shippedTutorial(appRoot), folder, TUTORIAL_NOTEBOOK);
      return { folder: await realpath(folder), notebook: TUTORIAL_NOTEBOOK, copied };
    },
  };
}
