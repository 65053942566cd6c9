// Wires the network helper into the workbench, and turns a run that failed on its tap device into the fix.
import './network.css';
import type { RunRecord } from '../debug/run-controller';
import type { Workbench } from '../workbench/workbench';
import type { NetworkTarget } from './network-plan';
import { NetworkView } from './network-view';
import { diagnoseTapFailure } from './tap-failure';

export class NetworkFeature {
  readonly view: NetworkView;

  constructor(private readonly workbench: Workbench) {
    this.view = new NetworkView(workbench.backend, {
      copy: (text) => void navigator.clipboard?.writeText(text).catch(() => workbench.notifications.warn('The browser did not allow copying; select the command and copy it by hand.')),
      typeIntoTerminal: (command) =>
        void workbench.newTerminal(command).then(() => workbench.notifications.info('The command is typed into a new terminal but not run: read it, then press Enter.')),
    });
    workbench.addSideView(this.view);
    workbench.commands.register({ id: 'workbench.view.network', title: 'Show Network Helper', category: 'View', run: () => void this.show() });
  }

  show(prefill?: { target?: NetworkTarget; device?: string }): void {
    this.workbench.showSideView('network');
    if (prefill) this.view.prefill(prefill);
  }

  /**
   * When a run failed because its VMM could not open the tap, says why with the exact fix and opens the helper on that
   * tap; returns false for every other failure, which the workbench reports as usual.
   */
  explainRunFailure(record: RunRecord): boolean {
    const failure = diagnoseTapFailure([record.message ?? '', ...(record.stderrTail ?? [])].join('\n'));
    if (!failure) return false;
    const target = (['hvt', 'spt', 'xen'] as const).find((id) => id === record.target) ?? 'virtio';
    this.show({ target, ...(failure.tap ? { device: failure.tap } : {}) });
    this.workbench.notifications.error(`${record.name} failed: ${failure.explanation} Fix: ${failure.fix}`, [
      { label: 'Copy Fix', run: () => void navigator.clipboard?.writeText(failure.fix).catch(() => undefined) },
      { label: 'Network Helper', run: () => this.show({ target, ...(failure.tap ? { device: failure.tap } : {}) }) },
    ]);
    return true;
  }
}
