// The Packets feature: opens capture files in the panel, follows the live capture of a run started with "capture": true,
// and keeps that capture browsable after the run (the adapter that holds it goes away with the run).
import type { LaunchArguments } from '../../../main/api';
import type { DapClient } from '../debug/dap-client';
import type { RunRecord } from '../debug/run-controller';
import type { BackendClient } from '../transport/backend-client';
import type { Notifications } from '../workbench/notifications';
import type { QuickInput } from '../workbench/quick-input';
import { BackendPacketSource } from './backend-packet-source';
import { isCaptureFile } from './capture-file-kind';
import { DapPacketSource } from './dap-packet-source';
import { PacketsView } from './packets-view';

export interface PacketsFeatureHost {
  backend: BackendClient;
  notifications: Notifications;
  quickInput: QuickInput;
  showPanel(id: string, focus?: boolean): void;
  /** The panel grows to this height when a capture opens (a packet list, a tree and bytes need room). */
  ensurePanelHeight(height: number): void;
  workspaceRoot(): string | null;
}

/** Where a run's capture is kept when the run ends, inside the workspace. */
export const RUN_CAPTURES_FOLDER = '.mirador/captures';
/** Share of the window the panel takes when a capture opens in it (unless it is already taller). */
const PANEL_SHARE = 0.5;

export class PacketsFeature {
  readonly view: PacketsView;
  /** Live captures by session, while their runs last. */
  private readonly runs = new Map<DapClient, DapPacketSource>();

  constructor(private readonly host: PacketsFeatureHost) {
    this.view = new PacketsView({
      notifications: host.notifications,
      quickInput: host.quickInput,
      checkFilter: (filter) => host.backend.request('displayFilter/check', { filter }),
      openCaptureFile: () => void this.pickAndOpen(),
      openPath: (path) => void this.openFile(path),
    });
  }

  /** Opens a .pcap/.pcapng (workspace-relative or absolute) in the Packets panel. */
  async openFile(path: string): Promise<void> {
    this.showPanel();
    try {
      const source = await BackendPacketSource.open(this.host.backend, path);
      this.view.open(source);
      this.view.focus();
    } catch (error) {
      this.host.notifications.error(`Could not open ${path} as a capture: ${(error as Error).message}`);
    }
  }

  /** "Open Capture File…": the workspace's capture files to pick from, or a path typed in. */
  async pickAndOpen(): Promise<void> {
    const TYPE_PATH = '\u0000type-a-path';
    const files = this.host.workspaceRoot()
      ? this.host.backend.request('fs/listFiles').then((list) => list.paths.filter(isCaptureFile), () => [] as string[])
      : Promise.resolve([] as string[]);
    const items = files.then((paths) => [
      ...paths.map((path) => ({ label: path.slice(path.lastIndexOf('/') + 1), description: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '', value: path })),
      { label: 'Type the path of a capture file…', description: 'absolute, or relative to the workspace', value: TYPE_PATH },
    ]);
    let path = await this.host.quickInput.pick(items, { title: 'Open Capture File', placeholder: 'A .pcap or .pcapng file to open in the Packets panel' });
    if (path === TYPE_PATH) {
      path = await this.host.quickInput.prompt({
        title: 'Open Capture File',
        placeholder: '/tmp/run.pcapng',
        prompt: 'Path of a .pcap or .pcapng file on the machine running Mirador, then Enter.',
        validate: (value) => (value.trim() ? null : 'Give the path of a capture file.'),
      });
    }
    if (path) await this.openFile(path.trim());
  }

  /** A run started: if it captures, the panel follows its frames as they arrive. */
  followRun(client: DapClient, record: RunRecord, configuration: LaunchArguments): void {
    const source = new DapPacketSource(client, record.name);
    this.runs.set(client, source);
    client.onEnd(() => this.runs.delete(client));
    if (configuration.capture) this.showRun(source);
    else {
      // A target may capture without being asked (a plan with a capture source): follow it when frames show up.
      const first = source.onUpdate(() => {
        first.dispose();
        // The run's end reaches listeners too: a run that never captured leaves the panel the user was reading.
        if (source.announced && this.view.current !== source) this.showRun(source);
      });
    }
  }

  /**
   * The run ended and its adapter is about to go: the capture it holds is written to the workspace and reopened from
   * there, so the panel keeps showing it (with its filter) instead of going blank.
   */
  async keepRunCapture(client: DapClient, record: RunRecord): Promise<void> {
    const source = this.runs.get(client);
    const root = this.host.workspaceRoot();
    if (!source || !source.announced || this.view.current !== source || !root) return;
    const stamp = new Date(record.startedAt).toISOString().replace(/[:.]/g, '-');
    const safeName = record.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
    const file = `${RUN_CAPTURES_FOLDER}/${safeName}-${stamp}.pcapng`;
    try {
      await this.host.backend.request('fs/createDirectory', { path: '.mirador' }).catch(() => undefined);
      await this.host.backend.request('fs/createDirectory', { path: RUN_CAPTURES_FOLDER }).catch(() => undefined);
      const exported = await source.exportCapture({ path: `${root}/${file}`, format: 'pcapng', filtered: false });
      if (this.view.current !== source) return;
      const saved = await BackendPacketSource.open(this.host.backend, file);
      this.view.open(saved, { keepSelection: true, label: `${record.name} (ended)` });
      this.host.notifications.info(`${record.name} ended; its ${exported.frames} captured frames stay in the Packets panel, saved as ${file}.`);
    } catch (error) {
      this.host.notifications.warn(`The capture of ${record.name} could not be kept after the run: ${(error as Error).message}`);
    }
  }

  private showRun(source: DapPacketSource): void {
    this.view.open(source);
    this.showPanel();
  }

  private showPanel(): void {
    this.host.showPanel('packets', false);
    this.host.ensurePanelHeight(Math.round(window.innerHeight * PANEL_SHARE));
  }
}
