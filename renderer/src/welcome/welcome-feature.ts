// Wires the welcome page into the workbench: when it shows, its commands, the tutorial, new projects and the tour.
import './welcome.css';
import type { CreatedProjectInfo, TutorialDestination } from '../../../main/api';
import type { Workbench } from '../workbench/workbench';
import { GuidedTour } from './guided-tour';
import { rememberAfterReload, takePendingAfterReload, type PendingAfterReload } from './pending-after-reload';
import { tourSteps } from './tour-steps';
import { WelcomePage } from './welcome-page';

/** Set once the welcome page has been shown: "first start" is the first start in this profile. */
const SEEN_KEY = 'mirador.welcome.seen';
/** "true" when the user asked for the welcome page at every start, not only without a folder. */
const ON_STARTUP_KEY = 'mirador.welcome.onStartup';

export class WelcomeFeature {
  readonly page: WelcomePage;
  readonly tour: GuidedTour;
  private pending: PendingAfterReload | undefined;

  constructor(private readonly workbench: Workbench) {
    this.page = new WelcomePage({
      backend: workbench.backend,
      hasFolderPicker: () => workbench.host.nativeFolderPicker,
      openFolderCommand: () => void workbench.commands.run('workbench.action.files.openFolder'),
      openFolder: (folder) => void workbench.openFolder(folder),
      openTutorial: () => void this.openTutorial(),
      startTour: () => this.startTour(),
      copy: (text) => void navigator.clipboard?.writeText(text).then(
        () => workbench.notifications.info('Copied. Paste it into a terminal and run it.'),
        () => workbench.notifications.warn('The browser did not allow copying; select the command and copy it by hand.'),
      ),
      runInTerminal: (command) => void this.typeIntoTerminal(command),
      onProjectCreated: (project, template) => void this.openCreatedProject(project, template),
      close: () => this.page.hide(),
      showOnStartup: {
        get: () => localStorage.getItem(ON_STARTUP_KEY) === 'true',
        set: (show) => localStorage.setItem(ON_STARTUP_KEY, String(show)),
      },
    });
    // Over the editor area, in the same grid cell (welcome.css), so Monaco loading under it does not disturb it.
    workbench.layout.editorArea.after(this.page.element);
    this.tour = new GuidedTour(document.body);
    this.registerCommands();
  }

  /** At start, once the folder is known: shown without a folder, on the first start, or when the user asked for it. */
  showOnStartup(): void {
    this.pending = takePendingAfterReload(this.workbench.workspace.root);
    const firstStart = localStorage.getItem(SEEN_KEY) === null;
    localStorage.setItem(SEEN_KEY, String(Date.now()));
    if (this.pending?.open) return;
    if (this.workbench.workspace.root === null || firstStart || localStorage.getItem(ON_STARTUP_KEY) === 'true') this.page.show();
  }

  /** Once the editor can open files: finishes what the welcome page started before the window reloaded into a folder. */
  async afterEditorsReady(): Promise<void> {
    // Unsaved work restored from the last session matters more than the welcome page: show it, not the page over it.
    if (this.workbench.editors?.activeDocument) this.page.hide();
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    if (pending.target) this.workbench.setActiveTarget(pending.target);
    if (pending.open) await this.workbench.openEditor(pending.open);
    if (pending.message) {
      this.workbench.notifications.info(pending.message, [
        { label: 'Build', run: () => void this.workbench.commands.run('workbench.action.tasks.build') },
        { label: 'Show Run and Debug', run: () => this.workbench.showSideView('debug') },
      ]);
    }
  }

  /** Opening any editor puts the page away, as opening a file does in VS Code's welcome page. */
  hide(): void {
    this.page.hide();
  }

  private registerCommands(): void {
    const { commands } = this.workbench;
    commands.register({ id: 'mirador.welcome.show', title: 'Welcome', category: 'Help', run: () => this.page.show() });
    commands.register({ id: 'mirador.welcome.newProject', title: 'New Project…', category: 'File', run: () => this.page.showNewProject() });
    commands.register({ id: 'mirador.welcome.openTutorial', title: 'Open the Tutorial Notebook', category: 'Help', run: () => this.openTutorial() });
    commands.register({ id: 'mirador.welcome.tour', title: 'Take the Tour', category: 'Help', run: () => this.startTour() });
  }

  private startTour(): void {
    this.tour.start(
      tourSteps({
        showSideView: (id) => void this.workbench.showSideView(id),
        showPanel: (id) => this.workbench.showPanel(id, false),
        find: (selector) => document.querySelector<HTMLElement>(selector),
      }),
    );
  }

  private async typeIntoTerminal(command: string): Promise<void> {
    await this.workbench.newTerminal(command);
    this.workbench.notifications.info('The command is typed into a new terminal but not run: read it, then press Enter (sudo asks for your password there).');
  }

  private async openCreatedProject(project: CreatedProjectInfo, template: string): Promise<void> {
    const mirage = template.startsWith('mirage-');
    const name = project.folder.slice(project.folder.lastIndexOf('/') + 1);
    rememberAfterReload({
      folder: project.folder,
      open: project.readme ?? undefined,
      // MirageOS has no "qemu" target (the workbench's default); unix is MirageOS's own default.
      target: mirage ? 'unix' : undefined,
      message: mirage
        ? `Created ${name} from ${template}. Next: pick a target, install its dependencies (Unikernel view), Build (Ctrl+Shift+B), Run (Ctrl+F5).`
        : `Created ${name} from ${template}. Next: Build (Ctrl+Shift+B), then Run (Ctrl+F5).`,
    });
    await this.workbench.openFolder(project.folder);
  }

  private async openTutorial(): Promise<void> {
    const { workbench } = this;
    let destination: TutorialDestination = 'tutorials-folder';
    if (workbench.workspace.root !== null) {
      const choice = await workbench.quickInput.pick<TutorialDestination>(
        [
          { label: 'Copy it into this folder', description: 'tutorials/lwt-for-unikernel-developers.ipynb', value: 'workspace' },
          { label: "Open Mirador's tutorials folder", description: 'switches the window to that folder', value: 'tutorials-folder' },
        ],
        { title: 'Open the Tutorial Notebook', placeholder: 'Where should your own copy of the tutorial live?', keepOrder: true },
      );
      if (choice === undefined) return;
      destination = choice;
    }
    try {
      const prepared = await workbench.backend.request('tutorial/prepare', { destination });
      if (prepared.folder === workbench.workspace.root) {
        await workbench.openEditor(prepared.notebook);
        return;
      }
      rememberAfterReload({ folder: prepared.folder, open: prepared.notebook });
      await workbench.openFolder(prepared.folder);
    } catch (error) {
      workbench.notifications.error(`Could not open the tutorial: ${(error as Error).message}`);
    }
  }
}
