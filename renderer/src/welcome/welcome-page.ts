// The welcome page over the editor area: start a project, open a folder or the tutorial, recent folders, the toolchain, the tour.
import type { CreatedProjectInfo, DoctorReport, TemplateInfo } from '../../../main/api';
import type { BackendClient } from '../transport/backend-client';
import { el, icon } from '../workbench/element';
import { NewProjectForm } from './new-project-form';
import { renderToolchainFindings } from './toolchain-findings';

export interface WelcomePageHost {
  backend: BackendClient;
  hasFolderPicker(): boolean;
  openFolderCommand(): void;
  openFolder(folder: string): void;
  openTutorial(): void;
  startTour(): void;
  copy(text: string): void;
  runInTerminal(command: string): void;
  onProjectCreated(project: CreatedProjectInfo, template: string): void;
  close(): void;
  showOnStartup: { get(): boolean; set(show: boolean): void };
}

export class WelcomePage {
  readonly element: HTMLElement;
  private readonly start: HTMLElement;
  private readonly startActions: HTMLElement;
  private readonly recent: HTMLElement;
  private readonly toolchain: HTMLElement;
  private form: NewProjectForm | undefined;
  private doctor: Promise<DoctorReport> | undefined;

  constructor(private readonly host: WelcomePageHost) {
    this.recent = el('ul', { className: 'welcome-recent', 'aria-label': 'Recent' });
    this.startActions = el(
      'div',
      {},
      el('h2', {}, 'Start'),
      el('ul', { className: 'welcome-actions' },
        action('add', 'New Project…', 'from a template: MirageOS (hello, network, website) or freestanding C', () => void this.showNewProject()),
        action('folder-opened', 'Open a Folder…', 'a unikernel you already have', () => host.openFolderCommand()),
        action('notebook', 'Open the Tutorial Notebook', 'Lwt for unikernel developers, in a real OCaml toplevel', () => host.openTutorial())),
      el('h2', {}, 'Recent'),
      this.recent,
      el('h2', {}, 'Tour'),
      el('p', { className: 'welcome-muted' }, 'Four stops that point at the real controls: Run, Debug, Packets and Notebook.'),
      el('button', { type: 'button', className: 'welcome-secondary', onclick: () => host.startTour() }, 'Take the Tour'),
    );
    this.start = el('div', { className: 'welcome-column' }, this.startActions);
    this.toolchain = el('div', { 'aria-live': 'polite' });
    const startupBox = el('input', { type: 'checkbox', id: 'welcome-on-startup', onchange: (event) => host.showOnStartup.set((event.target as HTMLInputElement).checked) });
    startupBox.checked = host.showOnStartup.get();
    this.element = el(
      'section',
      { className: 'welcome-page', 'aria-label': 'Welcome', hidden: true },
      el('header', { className: 'welcome-header' },
        el('div', {},
          el('h1', {}, 'Mirador'),
          el('p', { className: 'welcome-muted' }, 'An IDE for unikernels: build, boot, debug and watch MirageOS and Solo5 guests.')),
        el('button', { type: 'button', className: 'icon-button', 'aria-label': 'Close Welcome', title: 'Close Welcome', onclick: () => host.close() }, icon('close'))),
      el('div', { className: 'welcome-columns' },
        this.start,
        el('div', { className: 'welcome-column' },
          el('div', { className: 'welcome-heading-row' },
            el('h2', {}, 'Your toolchain'),
            el('button', { type: 'button', className: 'icon-button', 'aria-label': 'Check the Toolchain Again', title: 'Check again', onclick: () => void this.loadToolchain(true) }, icon('refresh'))),
          this.toolchain)),
      el('footer', { className: 'welcome-footer' }, startupBox, el('label', { for: 'welcome-on-startup' }, 'Show the welcome page on startup')),
    );
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  show(): void {
    this.element.hidden = false;
    void this.loadRecent();
    void this.loadToolchain(false);
  }

  hide(): void {
    this.element.hidden = true;
  }

  async showNewProject(): Promise<void> {
    this.show();
    this.form ??= new NewProjectForm({
      backend: this.host.backend,
      hasFolderPicker: () => this.host.hasFolderPicker(),
      preferredTemplate: (templates) => this.preferredTemplate(templates),
      onCreated: (project, template) => this.host.onProjectCreated(project, template),
      onCancel: () => this.start.replaceChildren(this.startActions),
    });
    this.start.replaceChildren(this.form.element);
    await this.form.load();
    this.form.focus();
  }

  /** A newcomer's first project should build and boot here: c-hello unless the MirageOS tool is installed. */
  private async preferredTemplate(templates: TemplateInfo[]): Promise<string | undefined> {
    const report = await this.doctorReport(false);
    const mirage = report.tools.find((tool) => tool.name === 'mirage');
    const wanted = mirage?.found && !mirage.problem ? 'mirage-hello' : 'c-hello';
    return templates.some((template) => template.name === wanted) ? wanted : undefined;
  }

  private doctorReport(fresh: boolean): Promise<DoctorReport> {
    if (fresh || !this.doctor) {
      this.doctor = this.host.backend.request('toolchain/doctor');
      this.doctor.catch(() => (this.doctor = undefined));
    }
    return this.doctor;
  }

  private async loadRecent(): Promise<void> {
    const folders = await this.host.backend.request('workspace/recent').catch(() => [] as string[]);
    this.recent.replaceChildren(
      ...(folders.length === 0
        ? [el('li', { className: 'welcome-muted' }, 'Folders you open appear here.')]
        : folders.slice(0, 6).map((folder) =>
            el('li', {}, el('button', { type: 'button', className: 'link-button', title: folder, onclick: () => this.host.openFolder(folder) }, folder)))),
    );
  }

  private async loadToolchain(fresh: boolean): Promise<void> {
    this.toolchain.setAttribute('aria-busy', 'true');
    if (fresh || this.toolchain.childElementCount === 0) {
      this.toolchain.replaceChildren(el('p', { className: 'welcome-muted' }, icon('loading codicon-modifier-spin'), ' Checking the tools and the host (a few seconds)…'));
    }
    try {
      const report = await this.doctorReport(fresh);
      this.toolchain.replaceChildren(renderToolchainFindings(report, { copy: (fix) => this.host.copy(fix), runInTerminal: (fix) => this.host.runInTerminal(fix) }));
    } catch (error) {
      this.toolchain.replaceChildren(el('p', { className: 'welcome-error', role: 'alert' }, `Could not check the toolchain: ${(error as Error).message}. Try again with the refresh button.`));
    } finally {
      this.toolchain.removeAttribute('aria-busy');
    }
  }
}

function action(codicon: string, label: string, description: string, run: () => void): HTMLElement {
  return el('li', { className: 'welcome-action' },
    icon(codicon),
    el('button', { type: 'button', className: 'link-button', onclick: run }, label),
    el('span', { className: 'welcome-muted' }, description));
}
