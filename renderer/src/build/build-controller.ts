// Runs the workspace's build from the IDE: output to the Output panel, progress in the status bar, problems as markers.
import type { BuildFinishedEvent, BuildProgressEvent, BuildTask } from '../../../main/api';
import type { BackendClient } from '../transport/backend-client';
import type { Notifications } from '../workbench/notifications';
import type { StatusItem } from '../workbench/status-bar';

export interface BuildHost {
  appendOutput(text: string): void;
  clearOutput(): void;
  showOutput(): void;
  setProgress(step: number, total: number, message: string): void;
  clearProgress(): void;
  onFinished(event: BuildFinishedEvent): void;
}

export class BuildController {
  private buildId: number | undefined;
  /** Events that arrive before the start response names the build (the backend streams at once): replayed after. */
  private early: { buildId: number; replay(): void }[] = [];
  private starting = false;
  private task: BuildTask = 'build';
  /** Set while a launch waits for its build (preLaunchTask): it hears the end and tells the user itself. */
  private launchWaiting: ((event: BuildFinishedEvent) => void) | undefined;

  constructor(
    private readonly backend: BackendClient,
    private readonly notifications: Notifications,
    private readonly status: StatusItem,
    private readonly host: BuildHost,
  ) {
    status.setVisible(false);
    backend.on('build/output', (event) => this.route(event.buildId, () => host.appendOutput(event.text)));
    backend.on('build/progress', (event) => this.route(event.buildId, () => this.onProgress(event)));
    backend.on('build/finished', (event) => this.route(event.buildId, () => this.onFinished(event)));
  }

  get running(): boolean {
    return this.buildId !== undefined;
  }

  /**
   * The build a launch runs first ("preLaunchTask": "mirador: build"): resolves with how it ended, or undefined when it
   * could not start (the user was told why). Its end gets no notification here: the launch says what follows.
   */
  async buildForLaunch(target: string): Promise<BuildFinishedEvent | undefined> {
    if (this.running || this.starting) {
      this.notifications.info('A build is already running: let it finish (or cancel it from the status bar), then start again.');
      return undefined;
    }
    const finished = new Promise<BuildFinishedEvent>((resolve) => (this.launchWaiting = resolve));
    if (await this.start(target)) return finished;
    this.launchWaiting = undefined;
    return undefined;
  }

  /**
   * `depends` installs what the build needs without building (MirageOS: `make depends`), with the same output and
   * progress. Resolves false when the build could not start (the user was told why).
   */
  async start(target?: string, task: BuildTask = 'build'): Promise<boolean> {
    if (this.running || this.starting) {
      this.notifications.info('A build is already running; cancel it from the status bar first.');
      return false;
    }
    this.host.clearOutput();
    this.host.showOutput();
    this.starting = true;
    this.task = task;
    try {
      const started = await this.backend.request('build/start', { ...(target ? { target } : {}), ...(task === 'depends' ? { task } : {}) });
      this.buildId = started.buildId;
      this.status.setVisible(true);
      this.status.set(task === 'depends' ? '⟳ Installing dependencies' : '⟳ Building', 'Click to cancel the build');
      this.host.appendOutput(`${started.buildSystem}: ${started.steps.join(' → ')}\n`);
      return true;
    } catch (error) {
      this.notifications.error(`Cannot build: ${(error as Error).message}`);
      return false;
    } finally {
      this.starting = false;
      for (const event of this.early.splice(0)) if (event.buildId === this.buildId) event.replay();
    }
  }

  async cancel(): Promise<void> {
    if (this.buildId !== undefined) await this.backend.request('build/cancel', { buildId: this.buildId });
  }

  private route(buildId: number, handle: () => void): void {
    if (this.starting) this.early.push({ buildId, replay: handle });
    else if (buildId === this.buildId) handle();
  }

  private onProgress(event: BuildProgressEvent): void {
    this.status.set(`⟳ ${this.task === 'depends' ? 'Installing dependencies' : 'Building'} ${event.step}/${event.total}`, `${event.message} — click to cancel`);
    this.host.setProgress(event.step, event.total, event.message);
    this.host.appendOutput(`\n> ${event.message}\n`);
  }

  private onFinished(event: BuildFinishedEvent): void {
    this.buildId = undefined;
    this.status.setVisible(false);
    this.host.clearProgress();
    this.host.appendOutput(`\n${event.message}\n`);
    this.host.onFinished(event);
    const launch = this.launchWaiting;
    this.launchWaiting = undefined;
    if (launch) return launch(event);
    const counts = countProblems(event);
    if (event.task === 'depends') {
      if (event.outcome === 'succeeded') this.notifications.info('Dependencies installed: Build (Ctrl+Shift+B) next.');
      else if (event.outcome === 'failed') this.notifications.error(`Installing the dependencies failed: ${event.message}${counts}`, [{ label: 'Show Output', run: () => this.host.showOutput() }]);
      else this.notifications.info('Installing the dependencies was cancelled.');
      return;
    }
    if (event.outcome === 'succeeded') this.notifications.info(`Build succeeded${event.image ? `: ${event.image}` : ''}${counts}.`);
    else if (event.outcome === 'failed') this.notifications.error(`Build failed: ${event.message}${counts}`, [{ label: 'Show Output', run: () => this.host.showOutput() }]);
    else this.notifications.info('Build cancelled.');
  }
}

/** " (1 error, 2 warnings)", or nothing when the build reported no problem. */
export function countProblems(event: BuildFinishedEvent): string {
  const errors = event.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = event.problems.filter((problem) => problem.severity === 'warning').length;
  return errors + warnings === 0 ? '' : ` (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
}
