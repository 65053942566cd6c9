// The Unikernel side-bar view: what config.ml declares (devices, packages, keys), make depends, and the keys form.
import type { LaunchArguments, UnikernelDescription, UnikernelKey } from '../../../main/api';
import type { BackendClient } from '../transport/backend-client';
import { CollapsibleSection } from '../workbench/collapsible-section';
import { el, icon } from '../workbench/element';
import type { Notifications } from '../workbench/notifications';
import type { View } from '../workbench/view';
import { argumentsWithKeys, keyValueProblem, runtimeKeys, valuesFromArguments, type KeyValues } from './key-arguments';

/** MirageOS's targets (`mirage configure -t`), in the order a newcomer meets them; Mirador's `qemu` is not one. */
export const MIRAGE_TARGETS = ['unix', 'hvt', 'spt', 'virtio', 'xen', 'qubes', 'muen', 'genode', 'unikraft-qemu', 'unikraft-firecracker', 'macosx'];

export interface UnikernelViewHost {
  activeTarget(): string;
  setActiveTarget(id: string): void;
  installDependencies(): void;
  build(): void;
  newProject(): void;
}

export class UnikernelView implements View {
  readonly id = 'unikernel';
  readonly title = 'Unikernel';
  readonly icon = 'package';
  readonly element: HTMLElement;
  readonly actions = [{ label: 'Refresh Unikernel', icon: 'refresh', run: () => void this.refresh() }];
  private readonly summary: HTMLElement;
  private readonly devices: HTMLElement;
  private readonly packages: HTMLElement;
  private readonly keysForm: HTMLElement;
  private readonly configureKeys: HTMLElement;
  private readonly sections: HTMLElement;
  private description: UnikernelDescription | null = null;
  private configurations: LaunchArguments[] = [];
  private loaded = false;

  constructor(
    private readonly backend: BackendClient,
    private readonly notifications: Notifications,
    private readonly host: UnikernelViewHost,
  ) {
    this.summary = el('div', { className: 'unikernel-summary' });
    this.devices = el('ul', { className: 'unikernel-list', 'aria-label': 'Devices' });
    this.packages = el('ul', { className: 'unikernel-list', 'aria-label': 'Packages' });
    this.keysForm = el('div', { className: 'unikernel-keys' });
    this.configureKeys = el('ul', { className: 'unikernel-list', 'aria-label': 'Configure keys' });
    this.sections = el(
      'div',
      { className: 'unikernel-sections' },
      new CollapsibleSection('Devices', this.devices).element,
      new CollapsibleSection('Keys', this.keysForm).element,
      new CollapsibleSection('Configure Keys', this.configureKeys, { expanded: false }).element,
      new CollapsibleSection('Packages', this.packages, { expanded: false }).element,
    );
    this.element = el('div', { className: 'unikernel-view' }, this.summary, this.sections);
  }

  onShow(): void {
    if (!this.loaded) void this.refresh();
  }

  async refresh(): Promise<void> {
    this.loaded = true;
    this.summary.replaceChildren(el('p', { className: 'empty-message' }, icon('loading codicon-modifier-spin'), ' Reading config.ml…'));
    try {
      const [description, { configurations }] = await Promise.all([
        this.backend.request('mirage/describe', { target: this.host.activeTarget() }),
        this.backend.request('run/configurations'),
      ]);
      this.description = description;
      this.configurations = configurations;
    } catch (error) {
      this.summary.replaceChildren(el('p', { className: 'run-problem', role: 'alert' }, `Could not read the project: ${(error as Error).message}`));
      this.sections.hidden = true;
      return;
    }
    this.render();
  }

  private render(): void {
    const description = this.description;
    this.sections.hidden = description === null;
    if (description === null) {
      this.summary.replaceChildren(
        el('div', { className: 'empty-state' },
          el('p', {}, 'This folder has no config.ml, so it is not a MirageOS project.'),
          el('button', { className: 'primary-button', onclick: () => this.host.newProject() }, 'New MirageOS Project…')),
      );
      return;
    }
    const target = this.host.activeTarget();
    this.summary.replaceChildren(
      el('div', { className: 'unikernel-title' },
        el('strong', {}, description.name ?? 'unnamed unikernel'),
        description.main ? el('code', {}, description.main) : null),
      el('p', { className: `unikernel-notice${description.source === 'config.ml' ? ' best-effort' : ''}`, role: 'note' }, icon('info'), ` ${description.notice}`),
      ...description.problems.map((problem) => el('p', { className: 'run-problem' }, icon('warning'), ` ${problem}`)),
      el('p', { className: 'unikernel-target' }, `Target: ${target}`, el('span', { className: 'welcome-muted' }, ' (change it in the status bar)')),
      ...(MIRAGE_TARGETS.includes(target)
        ? []
        : [el('div', { className: 'run-problem', role: 'status' },
            icon('warning'),
            ' Pick a MirageOS target: ',
            ...['unix', 'hvt', 'virtio'].map((id) => el('button', { className: 'link-button unikernel-target-choice', onclick: () => (this.host.setActiveTarget(id), void this.refresh()) }, `Use ${id}`)))]),
      el('div', { className: 'unikernel-actions' },
        el('button', { className: 'primary-button', title: `mirage configure -t ${target}, then make depends`, onclick: () => this.host.installDependencies() }, 'Install Dependencies'),
        el('button', { className: 'welcome-secondary', title: 'Build (Ctrl+Shift+B)', onclick: () => this.host.build() }, 'Build')),
    );
    this.devices.replaceChildren(
      ...(description.devices.length === 0
        ? [el('li', { className: 'empty-message' }, 'No devices found.')]
        : description.devices.map((device) =>
            el('li', { className: 'unikernel-item', 'aria-label': `${device.name}: ${device.type ? `${device.type}, ` : ''}${device.detail}` },
              el('span', {}, el('strong', {}, device.name), device.type ? el('span', { className: 'welcome-muted' }, ` : ${device.type}`) : null),
              el('code', {}, device.detail)))),
    );
    this.packages.replaceChildren(
      ...(description.packages.length === 0
        ? [el('li', { className: 'empty-message' }, 'No packages named in config.ml.')]
        : description.packages.map((item) => el('li', { className: 'unikernel-item' }, el('code', {}, item.name), item.constraint ? el('span', { className: 'welcome-muted' }, ` ${item.constraint}`) : null))),
    );
    const configure = description.keys.filter((key) => key.stage === 'configure');
    this.configureKeys.replaceChildren(
      el('li', { className: 'empty-message' }, 'Given to mirage configure, not to the image; Mirador passes -t from the active target.'),
      ...configure.map((key) => el('li', { className: 'unikernel-item' }, el('code', {}, `--${key.name}${key.defaultValue ? `=${key.defaultValue}` : ''}`), key.doc ? el('span', { className: 'welcome-muted' }, key.doc) : null)),
    );
    this.renderKeysForm(runtimeKeys(description));
  }

  private renderKeysForm(keys: UnikernelKey[]): void {
    const picker = el('select', { className: 'run-picker', 'aria-label': 'Run configuration to write the keys into' });
    const usable = this.configurations.filter((configuration) => configuration.name !== undefined);
    if (usable.length === 0) {
      this.keysForm.replaceChildren(el('p', { className: 'empty-message' }, 'No named run configuration yet: add one in .mirador/launch.json (Run and Debug › gear), then set its keys here.'));
      return;
    }
    const target = this.host.activeTarget();
    picker.append(...usable.map((configuration, index) => el('option', { value: String(index) }, configuration.name!)));
    const preferred = usable.findIndex((configuration) => configuration.target === target);
    picker.value = String(Math.max(0, preferred));
    const fields = el('div', { className: 'unikernel-fields' });
    const preview = el('code', { className: 'unikernel-preview', 'aria-live': 'polite' });
    const save = el('button', { type: 'submit', className: 'primary-button' }, 'Save to Run Configuration');
    const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
    const selected = () => usable[Number(picker.value)]!;
    const values = (): KeyValues => Object.fromEntries([...inputs].map(([name, input]) => [name, input instanceof HTMLInputElement && input.type === 'checkbox' ? (input.checked ? 'true' : '') : input.value]));
    const update = () => {
      let valid = true;
      for (const key of keys) {
        const input = inputs.get(key.name)!;
        const problem = keyValueProblem(key, input instanceof HTMLInputElement && input.type === 'checkbox' ? '' : input.value);
        const message = fields.querySelector<HTMLElement>(`#key-problem-${key.name}`)!;
        message.textContent = problem ?? '';
        input.setAttribute('aria-invalid', String(problem !== null));
        valid &&= problem === null;
      }
      preview.textContent = JSON.stringify(argumentsWithKeys(keys, values(), selected().args));
      save.disabled = !valid;
    };
    const fill = () => {
      const current = valuesFromArguments(keys, selected().args);
      for (const [name, input] of inputs) {
        if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = current[name] === 'true';
        else input.value = current[name] ?? '';
      }
      update();
    };
    fields.replaceChildren(...keys.map((key) => this.keyField(key, inputs, update)));
    picker.addEventListener('change', fill);
    const form = el('form', { className: 'unikernel-form', 'aria-label': 'Unikernel keys' },
      el('label', { className: 'welcome-label' }, 'Write into', picker),
      fields,
      el('div', { className: 'unikernel-preview-row' }, el('span', { className: 'welcome-muted' }, 'args: '), preview),
      save);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.saveKeys(selected(), argumentsWithKeys(keys, values(), selected().args));
    });
    this.keysForm.replaceChildren(el('p', { className: 'empty-message' }, 'Arguments of the image at boot (after -- for Solo5, in -append for virtio). Empty means the default.'), form);
    fill();
  }

  private keyField(key: UnikernelKey, inputs: Map<string, HTMLInputElement | HTMLSelectElement>, update: () => void): HTMLElement {
    const id = `key-${key.name}`;
    let input: HTMLInputElement | HTMLSelectElement;
    if (key.kind === 'flag') {
      input = el('input', { type: 'checkbox', id, onchange: update });
    } else if (key.valueType === 'bool') {
      input = el('select', { id, className: 'run-picker', onchange: update },
        el('option', { value: '' }, `default${key.defaultValue ? ` (${key.defaultValue})` : ''}`),
        el('option', { value: 'true' }, 'true'),
        el('option', { value: 'false' }, 'false'));
    } else {
      input = el('input', { type: 'text', id, className: 'welcome-input', spellcheck: 'false', placeholder: key.defaultValue ? `default: ${key.defaultValue}` : 'not set', oninput: update });
    }
    input.setAttribute('aria-describedby', `key-doc-${key.name} key-problem-${key.name}`);
    inputs.set(key.name, input);
    return el('div', { className: 'unikernel-field' },
      el('label', { for: id }, el('code', {}, `--${key.name}`), key.valueType ? el('span', { className: 'welcome-muted' }, ` ${key.valueType}`) : null),
      input,
      el('div', { className: 'welcome-muted unikernel-doc', id: `key-doc-${key.name}` }, `${key.doc ?? ''}${key.origin ? ` (${key.origin})` : ''}`),
      el('div', { className: 'welcome-error', id: `key-problem-${key.name}`, role: 'status' }));
  }

  private async saveKeys(configuration: LaunchArguments, args: string[]): Promise<void> {
    try {
      await this.backend.request('run/setArguments', { name: configuration.name!, args });
      configuration.args = args;
      this.notifications.info(`Saved ${args.length === 0 ? 'no arguments' : args.join(' ')} to "${configuration.name}" in .mirador/launch.json.`);
    } catch (error) {
      this.notifications.error(`Could not save the keys: ${(error as Error).message}`);
    }
  }
}
