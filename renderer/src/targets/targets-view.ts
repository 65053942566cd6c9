// The Targets side-bar view: every target with whether it runs here, why not, and the exact fix; pick the active one.
import type { DoctorReport, TargetInfo } from '../../../main/api';
import type { BackendClient } from '../transport/backend-client';
import { el, icon } from '../workbench/element';
import type { View } from '../workbench/view';

export interface TargetsHost {
  activeTarget(): string;
  setActiveTarget(id: string): void;
}

export class TargetsView implements View {
  readonly id = 'targets';
  readonly title = 'Targets';
  readonly icon = 'server-environment';
  readonly element: HTMLElement;
  readonly actions = [{ label: 'Refresh Targets', icon: 'refresh', run: () => void this.refresh() }];
  private readonly list: HTMLElement;
  private readonly tools: HTMLElement;
  private loaded = false;

  constructor(
    private readonly backend: BackendClient,
    private readonly host: TargetsHost,
  ) {
    this.list = el('ul', { className: 'target-list', 'aria-label': 'Targets' });
    this.tools = el('ul', { className: 'tool-list', 'aria-label': 'Toolchain' });
    this.element = el('div', { className: 'targets-view' }, this.list, el('h3', { className: 'section-title' }, 'Toolchain'), this.tools);
  }

  onShow(): void {
    if (!this.loaded) void this.refresh();
  }

  async refresh(): Promise<void> {
    this.loaded = true;
    this.list.replaceChildren(el('li', { className: 'empty-message' }, 'Checking targets and tools…'));
    let targets: TargetInfo[];
    let doctor: DoctorReport;
    try {
      [targets, doctor] = await Promise.all([this.backend.request('targets/list'), this.backend.request('toolchain/doctor')]);
    } catch (error) {
      this.list.replaceChildren(el('li', { className: 'run-problem', role: 'alert' }, `Could not check the targets: ${(error as Error).message}`));
      return;
    }
    this.renderTargets(targets);
    this.renderTools(doctor);
  }

  private renderTargets(targets: TargetInfo[]): void {
    const active = this.host.activeTarget();
    this.list.replaceChildren(
      ...targets.map((target) =>
        el(
          'li',
          { className: `target-row${target.id === active ? ' active' : ''}`, 'aria-label': `${target.label}: ${target.available ? 'available' : 'not available'}${target.id === active ? ', active' : ''}` },
          el('div', { className: 'target-head' },
            icon(target.available ? 'pass' : 'circle-slash'),
            el('span', { className: 'target-label' }, target.label),
            el('code', { className: 'target-id' }, target.id),
            target.id === active
              ? el('span', { className: 'badge' }, 'active')
              : el('button', { className: 'link-button', 'aria-label': `Use ${target.label} as the active target`, onclick: () => (this.host.setActiveTarget(target.id), this.renderTargets(targets)) }, 'Use'),
          ),
          el('div', { className: 'target-description' }, target.description),
          target.reason ? el('div', { className: 'target-reason' }, target.reason) : null,
          target.fix ? fixLine(target.fix) : null,
        ),
      ),
    );
  }

  private renderTools(doctor: DoctorReport): void {
    this.tools.replaceChildren(
      ...doctor.tools.map((tool) => {
        const ready = tool.found && !tool.problem;
        const state = !tool.found ? 'missing' : tool.problem ? `found with a problem: ${tool.problem}` : `found${tool.version ? `, ${tool.version}` : ''}`;
        return el('li', { className: 'tool-row', 'aria-label': `${tool.name}: ${state}` },
          el('div', { className: 'target-head' },
            icon(ready ? 'pass' : tool.found ? 'warning' : 'circle-slash'),
            el('span', {}, tool.name),
            el('span', { className: 'tool-version', title: tool.problem ?? tool.path ?? '' }, tool.version ?? (tool.found ? '' : 'not found'))),
          tool.problem && tool.found ? el('div', { className: 'target-reason' }, tool.problem) : null,
          !ready && tool.fix ? fixLine(tool.fix) : null,
        );
      }),
      ...doctor.capabilities.map((capability) =>
        el('li', { className: 'tool-row', 'aria-label': `${capability.name}: ${capability.available ? 'available' : 'not available'}` },
          el('div', { className: 'target-head' }, icon(capability.available ? 'pass' : 'circle-slash'), el('span', {}, capability.name), el('span', { className: 'tool-version', title: capability.detail }, capability.detail)),
          !capability.available && capability.fix ? fixLine(capability.fix) : null,
        ),
      ),
    );
  }
}

function fixLine(fix: string): HTMLElement {
  return el('div', { className: 'fix-line' },
    el('code', {}, fix),
    el('button', { className: 'icon-button', 'aria-label': `Copy: ${fix}`, title: 'Copy command', onclick: () => void navigator.clipboard?.writeText(fix).catch(() => undefined) }, icon('copy')),
  );
}
