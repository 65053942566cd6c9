// The Run and Debug side-bar view: pick a configuration, Start Debugging (F5), Run (Ctrl+F5) or Stop; debug sections and runs.
import type { LaunchArguments } from '../../../main/api';
import { CollapsibleSection } from '../workbench/collapsible-section';
import { el, icon } from '../workbench/element';
import type { View } from '../workbench/view';
import type { RunRecord } from './run-controller';

export interface RunViewHost {
  run(configuration: LaunchArguments): void;
  debug(configuration: LaunchArguments): void;
  stop(): void;
  createConfiguration(): void;
  openConfigurationFile(): void;
}

export class RunView implements View {
  readonly id = 'debug';
  readonly title = 'Run and Debug';
  readonly icon = 'debug-alt';
  readonly element: HTMLElement;
  readonly actions = [{ label: 'Open launch.json', icon: 'gear', run: () => this.host.openConfigurationFile() }];
  private readonly picker: HTMLSelectElement;
  private readonly runButton: HTMLButtonElement;
  private readonly debugButton: HTMLButtonElement;
  private readonly sections: HTMLElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly problems: HTMLElement;
  private readonly emptyState: HTMLElement;
  private readonly history: HTMLElement;
  private shown: { runs: readonly RunRecord[]; active: RunRecord | undefined } = { runs: [], active: undefined };
  private debugPaused = false;
  private tick: number | undefined;
  private configurations: LaunchArguments[] = [];
  onShow?: () => void;

  constructor(private readonly host: RunViewHost) {
    this.picker = el('select', { className: 'run-picker', 'aria-label': 'Run configuration' });
    this.debugButton = el(
      'button',
      { className: 'icon-button debug-start-button', 'aria-label': 'Start Debugging', title: 'Start Debugging (F5)', onclick: () => this.debugSelected() },
      icon('debug-start'),
    );
    this.runButton = el('button', { className: 'icon-button run-button', 'aria-label': 'Run Without Debugging', title: 'Run Without Debugging (Ctrl+F5)', onclick: () => this.runSelected() }, icon('run'));
    this.stopButton = el('button', { className: 'icon-button', 'aria-label': 'Stop', title: 'Stop (Shift+F5)', disabled: true, onclick: () => this.host.stop() }, icon('debug-stop'));
    this.problems = el('div', { className: 'run-problems', role: 'status' });
    this.emptyState = el(
      'div',
      { className: 'empty-state' },
      el('p', {}, 'No run configuration yet. Mirador reads .mirador/launch.json and the entries of type "mirador" in .vscode/launch.json.'),
      el('button', { className: 'primary-button', onclick: () => this.host.createConfiguration() }, 'Create a run configuration'),
    );
    this.history = el('ul', { className: 'run-history', 'aria-label': 'Run history' });
    this.sections = el('div', { className: 'run-sections' });
    this.element = el(
      'div',
      { className: 'run-view' },
      el('div', { className: 'run-toolbar' }, this.debugButton, this.picker, this.runButton, this.stopButton),
      this.problems,
      this.emptyState,
      this.sections,
    );
    this.addSection(new CollapsibleSection('Runs', this.history));
    this.setConfigurations([], []);
    this.showRuns([], undefined);
  }

  get selected(): LaunchArguments | undefined {
    return this.configurations[Number(this.picker.value)];
  }

  setConfigurations(configurations: LaunchArguments[], problems: string[]): void {
    const previous = this.selected?.name;
    this.configurations = configurations;
    this.picker.replaceChildren(...configurations.map((configuration, index) => el('option', { value: String(index) }, configuration.name ?? `${configuration.target}: ${configuration.kernel ?? ''}`)));
    const keep = configurations.findIndex((configuration) => configuration.name === previous);
    if (keep >= 0) this.picker.value = String(keep);
    const none = configurations.length === 0;
    this.picker.disabled = none;
    this.runButton.disabled = none;
    this.debugButton.disabled = none;
    this.emptyState.hidden = !none;
    this.problems.replaceChildren(...problems.map((problem) => el('p', { className: 'run-problem' }, icon('warning'), ` ${problem}`)));
  }

  /** Debug sections (Variables, Watch, Call Stack, Breakpoints) go above the runs. */
  addSection(section: CollapsibleSection): void {
    const runs = this.sections.lastElementChild;
    if (runs && section.title !== 'Runs') this.sections.insertBefore(section.element, runs);
    else this.sections.append(section.element);
  }

  debugSelected(): void {
    const configuration = this.selected;
    if (configuration) this.host.debug(configuration);
  }

  runSelected(): void {
    const configuration = this.selected;
    if (configuration) this.host.run(configuration);
  }

  /**
   * The debugger stopped the active debug run (at a breakpoint, a step): its line says "paused", not "running". While a
   * run is live its time ticks each second.
   */
  setDebugPaused(paused: boolean): void {
    if (this.debugPaused === paused) return;
    this.debugPaused = paused;
    this.showRuns(this.shown.runs, this.shown.active);
  }

  showRuns(runs: readonly RunRecord[], active: RunRecord | undefined): void {
    this.shown = { runs, active };
    this.stopButton.disabled = active === undefined;
    this.tick ??= window.setInterval(() => this.shown.active && this.showRuns(this.shown.runs, this.shown.active), 1000);
    if (!active) {
      window.clearInterval(this.tick);
      this.tick = undefined;
    }
    this.history.replaceChildren(
      ...runs.slice(0, 50).map((run) => {
        const running = run.state === 'starting' || run.state === 'running' || run.state === 'stopping';
        const paused = run.id === active?.id && run.mode === 'debug' && run.state === 'running' && this.debugPaused;
        const outcome = paused ? 'paused' : running ? run.state : run.state === 'failed' ? `failed: ${run.message ?? ''}` : run.exitCode !== undefined ? `exit ${run.exitCode}` : (run.message ?? run.state);
        const seconds = (((run.endedAt ?? Date.now()) - run.startedAt) / 1000).toFixed(1);
        const glyph = paused ? 'debug-pause' : running ? 'loading codicon-modifier-spin' : run.state === 'failed' || (run.exitCode ?? 0) !== 0 ? 'error' : 'pass';
        return el(
          'li',
          { className: `run-record run-${run.state}`, 'aria-label': `${run.name}: ${outcome}` },
          icon(glyph),
          el('span', { className: 'run-name' }, run.name),
          el('span', { className: 'run-outcome', title: run.message ?? '' }, `${run.mode === 'debug' ? 'debug · ' : ''}${outcome} · ${seconds} s · ${new Date(run.startedAt).toLocaleTimeString()}`),
        );
      }),
    );
    if (runs.length === 0) this.history.append(el('li', { className: 'empty-message' }, 'No runs yet: Start Debugging (F5) or Run Without Debugging (Ctrl+F5).'));
  }
}
