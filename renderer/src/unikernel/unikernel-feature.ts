// Wires MirageOS projects into the workbench: the Unikernel view, make depends, and a run configuration for a fresh image.
import './unikernel.css';
import type { BuildFinishedEvent } from '../../../main/api';
import type { Workbench } from '../workbench/workbench';
import { hasConfigurationFor, runConfigurationForImage } from './image-run-configuration';
import { UnikernelView } from './unikernel-view';

export class UnikernelFeature {
  readonly view: UnikernelView;

  constructor(private readonly workbench: Workbench) {
    this.view = new UnikernelView(workbench.backend, workbench.notifications, {
      activeTarget: () => workbench.activeTarget,
      setActiveTarget: (id) => workbench.setActiveTarget(id),
      installDependencies: () => void this.installDependencies(),
      build: () => void workbench.commands.run('workbench.action.tasks.build'),
      newProject: () => void workbench.commands.run('mirador.welcome.newProject'),
    });
    workbench.addSideView(this.view);
    workbench.commands.register({ id: 'workbench.view.unikernel', title: 'Show Unikernel', category: 'View', run: () => void workbench.showSideView('unikernel') });
    workbench.commands.register({
      id: 'mirador.unikernel.installDependencies',
      title: 'Install Dependencies (make depends)',
      category: 'Build',
      run: () => this.installDependencies(),
    });
    workbench.backend.on('build/finished', (event) => void this.offerRunConfiguration(event));
    // Changing the target changes what mirage reports (packages, the image suffix): read again when shown next.
    workbench.backend.on('fs/changed', ({ changes }) => {
      if (changes.some((change) => /^(config\.ml|unikernel\.ml|\.mirador\/launch\.json)$/.test(change.path))) void this.refreshIfShown();
    });
  }

  private async refreshIfShown(): Promise<void> {
    if (this.workbench.sideBar.active?.id === 'unikernel') await this.view.refresh();
  }

  private async installDependencies(): Promise<void> {
    if (!this.workbench.workspace.root) return this.workbench.notifications.info('Open a MirageOS project first (a folder with a config.ml).');
    await this.workbench.builds?.start(this.workbench.activeTarget, 'depends');
  }

  /** After a MirageOS build, an image in dist/ with no configuration for it gets an offer to add one. */
  private async offerRunConfiguration(event: BuildFinishedEvent): Promise<void> {
    const { image, target } = event;
    if (event.outcome !== 'succeeded' || event.task === 'depends' || !image?.startsWith('dist/') || !target || !this.workbench.workspace.root) return;
    const [description, { configurations }] = await Promise.all([
      this.workbench.backend.request('mirage/describe', { target }).catch(() => null),
      this.workbench.backend.request('run/configurations').catch(() => ({ configurations: [], problems: [] })),
    ]);
    if (description === null || hasConfigurationFor(configurations, image, target)) return;
    const configuration = runConfigurationForImage(image, target, description, configurations.flatMap((item) => (item.name === undefined ? [] : [item.name])));
    this.workbench.notifications.info(`Built ${image} for ${target}. No run configuration boots it yet.`, [
      {
        label: 'Add Run Configuration',
        run: () =>
          void this.workbench.backend.request('run/addConfiguration', { configuration }).then(
            () => {
              this.workbench.notifications.info(`Added "${configuration.name}" to .mirador/launch.json; pick it in Run and Debug and press Run (Ctrl+F5).`);
              void this.workbench.loadRunConfigurations();
            },
            (error: Error) => this.workbench.notifications.error(`Could not add the run configuration: ${error.message}`),
          ),
      },
    ]);
  }
}
