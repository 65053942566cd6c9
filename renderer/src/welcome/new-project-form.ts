// The welcome page's "New Project" form: a template with its description, a parent folder and a name, then create.
import { PROJECT_NAME_MAX_LENGTH, PROJECT_NAME_PATTERN, type CreatedProjectInfo, type TemplateInfo } from '../../../main/api';
import type { BackendClient } from '../transport/backend-client';
import { el } from '../workbench/element';

export interface NewProjectHost {
  backend: BackendClient;
  /** Whether a native folder dialog exists (Electron); browser mode types the path. */
  hasFolderPicker(): boolean;
  /** The template to preselect: the one that can build and boot on this machine. */
  preferredTemplate(templates: TemplateInfo[]): Promise<string | undefined>;
  onCreated(project: CreatedProjectInfo, template: string): void;
  onCancel(): void;
}

/** A short reason the name cannot be used, or null; the backend checks again and explains in full. */
export function projectNameHint(name: string): string | null {
  if (name === '') return 'Give the project a name.';
  if (name.length > PROJECT_NAME_MAX_LENGTH) return `At most ${PROJECT_NAME_MAX_LENGTH} characters.`;
  if (name.includes('/') || name.includes('\\')) return 'A folder name, not a path: the parent folder is chosen above.';
  if (!PROJECT_NAME_PATTERN.test(name)) return 'Letters, digits, ".", "-" and "_" only.';
  return null;
}

export function joinFolder(parent: string, name: string): string {
  return `${parent.replace(/\/+$/, '') || ''}/${name}`;
}

export class NewProjectForm {
  readonly element: HTMLFormElement;
  private readonly templateList: HTMLElement;
  private readonly parentInput: HTMLInputElement;
  private readonly nameInput: HTMLInputElement;
  private readonly preview: HTMLElement;
  private readonly error: HTMLElement;
  private readonly createButton: HTMLButtonElement;
  private nameEdited = false;
  private busy = false;

  constructor(private readonly host: NewProjectHost) {
    this.templateList = el('div', { className: 'welcome-templates' }, el('p', { className: 'welcome-muted' }, 'Loading templates…'));
    this.parentInput = el('input', { type: 'text', className: 'welcome-input', spellcheck: 'false', id: 'new-project-parent', oninput: () => this.update() });
    this.nameInput = el('input', { type: 'text', className: 'welcome-input', spellcheck: 'false', id: 'new-project-name', oninput: () => ((this.nameEdited = true), this.update()) });
    this.preview = el('p', { className: 'welcome-muted', 'aria-live': 'polite' });
    this.error = el('p', { className: 'welcome-error', role: 'alert', hidden: true });
    this.createButton = el('button', { type: 'submit', className: 'primary-button welcome-button' }, 'Create Project');
    const browse = host.hasFolderPicker()
      ? el('button', { type: 'button', className: 'welcome-secondary', onclick: () => void this.browse() }, 'Browse…')
      : null;
    this.element = el(
      'form',
      { className: 'welcome-form', 'aria-label': 'New Project' },
      el('h2', {}, 'New Project'),
      el('fieldset', { className: 'welcome-fieldset' }, el('legend', {}, 'Template'), this.templateList),
      el('label', { className: 'welcome-label', for: 'new-project-parent' }, 'Parent folder'),
      el('div', { className: 'welcome-row' }, this.parentInput, browse),
      el('label', { className: 'welcome-label', for: 'new-project-name' }, 'Project name'),
      this.nameInput,
      this.preview,
      this.error,
      el('div', { className: 'welcome-row' },
        this.createButton,
        el('button', { type: 'button', className: 'welcome-secondary', onclick: () => host.onCancel() }, 'Cancel')),
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.create();
    });
  }

  async load(): Promise<void> {
    let templates: TemplateInfo[];
    let defaultParent: string;
    try {
      ({ templates, defaultParent } = await this.host.backend.request('templates/list'));
    } catch (error) {
      this.templateList.replaceChildren(el('p', { className: 'welcome-error', role: 'alert' }, `Could not list the templates: ${(error as Error).message}`));
      return;
    }
    if (this.parentInput.value === '') this.parentInput.value = defaultParent;
    const preferred = (await this.host.preferredTemplate(templates).catch(() => undefined)) ?? templates[0]?.name;
    this.templateList.replaceChildren(
      ...templates.map((template) => {
        const radio = el('input', { type: 'radio', name: 'template', value: template.name, onchange: () => this.onTemplate(template.name) });
        radio.checked = template.name === preferred;
        return el('label', { className: 'welcome-template' }, radio, el('span', { className: 'welcome-template-text' }, el('strong', {}, template.name), el('span', { className: 'welcome-muted' }, template.description)));
      }),
    );
    if (preferred) this.onTemplate(preferred);
  }

  focus(): void {
    (this.templateList.querySelector<HTMLInputElement>('input:checked') ?? this.nameInput).focus();
  }

  private get template(): string | undefined {
    return this.templateList.querySelector<HTMLInputElement>('input[name="template"]:checked')?.value;
  }

  private onTemplate(name: string): void {
    if (!this.nameEdited) this.nameInput.value = name;
    this.update();
  }

  private update(): void {
    const parent = this.parentInput.value.trim();
    const name = this.nameInput.value.trim();
    const problem = !this.template ? 'Choose a template.' : !parent.startsWith('/') ? 'The parent folder is an absolute path (it starts with /).' : projectNameHint(name);
    this.preview.textContent = problem ?? `Creates ${joinFolder(parent, name)}`;
    this.preview.classList.toggle('welcome-invalid', problem !== null);
    this.createButton.disabled = problem !== null || this.busy;
  }

  private async browse(): Promise<void> {
    const picked = await this.host.backend.request('host/pickFolder').catch(() => ({ path: null }));
    if (picked.path) {
      this.parentInput.value = picked.path;
      this.update();
    }
  }

  private async create(): Promise<void> {
    const template = this.template;
    if (!template || this.busy) return;
    this.busy = true;
    this.error.hidden = true;
    this.createButton.textContent = 'Creating…';
    this.update();
    try {
      const created = await this.host.backend.request('templates/create', { template, parent: this.parentInput.value.trim(), name: this.nameInput.value.trim() });
      this.host.onCreated(created, template);
    } catch (error) {
      this.error.textContent = `Could not create the project: ${(error as Error).message}`;
      this.error.hidden = false;
    } finally {
      this.busy = false;
      this.createButton.textContent = 'Create Project';
      this.update();
    }
  }
}
