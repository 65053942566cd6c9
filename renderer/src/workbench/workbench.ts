// Composes the workbench: parts, views, commands and keybindings, wired to the backend; the editor joins when Monaco loads.
import type { Contributions, HostInfo, WorkspaceInfo } from '../../../main/api';
import { DocumentManager } from '../editor/document-manager';
import { EditorArea } from '../editor/editor-area';
import { registerLanguages } from '../editor/language-registration';
import { loadMonaco } from '../editor/monaco-loader';
import { ExplorerView } from '../explorer/explorer-view';
import { OutputView } from '../output/output-view';
import { ProblemsView } from '../problems/problems-view';
import { SearchView } from '../search/search-view';
import { TerminalPanel } from '../terminal/terminal-panel';
import type { BackendClient } from '../transport/backend-client';
import { NotebookFeature } from '../notebook/notebook-feature';
import { registerNotebookCommands } from '../notebook/notebook-commands';
import { ConsoleView } from '../console/console-view';
import { LogView } from '../log/log-view';
import { PacketsFeature } from '../packets/packets-feature';
import { registerPacketsCommands } from '../packets/packets-commands';
import { isCaptureFile } from '../packets/capture-file-kind';
import { RunController, type RunRecord } from '../debug/run-controller';
import { RunView } from '../debug/run-view';
import { DebugFeature } from '../debug/debug-feature';
import { registerDebugCommands } from '../debug/debug-commands';
import { TargetsView } from '../targets/targets-view';
import { launchTemplate } from '../debug/launch-template';
import { BuildController, countProblems } from '../build/build-controller';
import { BuildProblems } from '../build/build-problems';
import { WelcomeFeature } from '../welcome/welcome-feature';
import { UnikernelFeature } from '../unikernel/unikernel-feature';
import { NetworkFeature } from '../network/network-feature';
import { BUILD_TASK, SYSLOG_EVENT, type LaunchArguments, type SyslogEventBody } from '../../../main/api';
import { ActivityBar } from './activity-bar';
import { CommandRegistry } from './command-registry';
import { el } from './element';
import { installKeybindings } from './keybinding-dispatcher';
import { Notifications } from './notifications';
import { QuickInput } from './quick-input';
import { StatusBar } from './status-bar';
import { TabbedContainer } from './tabbed-container';
import { Theme } from './theme';
import type { View } from './view';
import { WorkbenchLayout } from './workbench-layout';
import { registerWorkbenchCommands } from './workbench-commands';

export class Workbench {
  readonly commands = new CommandRegistry();
  readonly theme = new Theme();
  readonly notifications: Notifications;
  readonly quickInput: QuickInput;
  readonly statusBar = new StatusBar();
  readonly activityBar: ActivityBar;
  readonly sideBar = new TabbedContainer({ label: 'Side Bar', className: 'side-bar', showTabs: false });
  readonly panel: TabbedContainer;
  readonly layout: WorkbenchLayout;
  readonly explorer: ExplorerView;
  readonly search: SearchView;
  readonly output = new OutputView();
  readonly console = new ConsoleView();
  readonly log = new LogView();
  readonly packets: PacketsFeature;
  readonly runs: RunController;
  readonly runView: RunView;
  readonly debug: DebugFeature;
  readonly targetsView: TargetsView;
  readonly notebooks: NotebookFeature;
  readonly problems: ProblemsView;
  readonly terminalView: View;
  readonly welcome: WelcomeFeature;
  readonly unikernel: UnikernelFeature;
  readonly network: NetworkFeature;
  terminals: TerminalPanel | undefined;
  editors: EditorArea | undefined;
  builds: BuildController | undefined;
  documents: DocumentManager | undefined;
  host: HostInfo = { version: '', nativeFolderPicker: false, platform: '' };
  workspace: WorkspaceInfo = { root: null, name: '' };
  private readonly sideViews = new Map<string, View>();
  private editorsReady: Promise<EditorArea> | undefined;

  private readonly status = {
    workspace: this.statusBar.add('workspace', 'left', () => void this.commands.run('workbench.action.files.openFolder')),
    problems: this.statusBar.add('problems', 'left', () => this.showPanel('problems')),
    connection: this.statusBar.add('connection', 'left'),
    target: this.statusBar.add('target', 'left', () => this.showSideView('targets')),
    build: this.statusBar.add('build', 'left', () => void this.builds?.cancel()),
    debug: this.statusBar.add('debug', 'left', () => this.showSideView('debug')),
    cursor: this.statusBar.add('cursor', 'right'),
    language: this.statusBar.add('language', 'right'),
    version: this.statusBar.add('version', 'right'),
  };

  constructor(
    root: HTMLElement,
    readonly backend: BackendClient,
  ) {
    this.notifications = new Notifications(document.body);
    this.quickInput = new QuickInput(document.body);
    this.activityBar = new ActivityBar((id) => this.toggleSideView(id));
    const panelClose = el('button', { className: 'icon-button', 'aria-label': 'Hide Panel', title: 'Hide Panel (Ctrl+J)', onclick: () => this.layout.setPanelVisible(false) }, el('span', { className: 'codicon codicon-close', 'aria-hidden': 'true' }));
    this.panel = new TabbedContainer({ label: 'Panel', className: 'panel', showTabs: true, trailing: [panelClose] });
    this.layout = new WorkbenchLayout(root, {
      activityBar: this.activityBar.element,
      sideBar: this.sideBar.element,
      panel: this.panel.element,
      statusBar: this.statusBar.element,
    });

    this.explorer = new ExplorerView(backend, this.notifications, this.quickInput, {
      openFile: (path) => void this.openEditor(path),
      openFolder: () => void this.commands.run('workbench.action.files.openFolder'),
      openRecent: (folder) => void this.openFolder(folder),
      forget: (path) => this.editors?.forget(path),
    });
    this.search = new SearchView(backend, { openAt: (path, line, column, length) => void this.openEditor(path, { line, column, length }) });
    this.problems = new ProblemsView({
      openAt: (path, line, column) => void this.openEditor(path, { line, column }),
      onCount: (errors, warnings) => {
        this.status.problems.set(`⊗ ${errors}  ⚠ ${warnings}`, `${errors} errors, ${warnings} warnings`);
        this.panel.setBadge('problems', errors + warnings, `${errors} errors, ${warnings} warnings`);
      },
    });
    const terminalElement = el('div', { className: 'terminal-view' });
    this.terminalView = {
      id: 'terminal',
      title: 'Terminal',
      icon: 'terminal',
      element: terminalElement,
      onShow: () => {
        if (!this.terminals) void this.newTerminal();
      },
      layout: () => this.terminals?.layout(),
      focus: () => this.terminals?.focus(),
    };

    this.addSideView(this.explorer, 'Ctrl+Shift+E');
    this.addSideView(this.search, 'Ctrl+Shift+F');
    this.packets = new PacketsFeature({
      backend,
      notifications: this.notifications,
      quickInput: this.quickInput,
      showPanel: (id, focus) => this.showPanel(id, focus),
      ensurePanelHeight: (height) => this.layout.ensurePanelHeight(height),
      workspaceRoot: () => this.workspace.root,
    });
    this.runs = new RunController(backend, {
      onOutput: (text, category, record) => this.routeOutput(text, category, record),
      onChange: (record) => this.onRunChange(record),
      onBootPhase: (phase) => {
        this.debug.console.appendNote(`Boot phase ${phase.name} at ${phase.t.toFixed(1)} ms`);
        this.log.addBootPhase(phase);
      },
      onSession: (client, record, configuration) => {
        this.packets.followRun(client, record, configuration);
        // A guest logging over the network (logs-syslog) has its messages in the Log beside its console's.
        client.onEvent((event) => {
          if (event.event === SYSLOG_EVENT) this.log.appendSyslog((event.body as unknown as SyslogEventBody).messages);
        });
      },
      beforeStop: (client, record) => this.packets.keepRunCapture(client, record),
    });
    this.runView = new RunView({
      run: (configuration) => void this.run(configuration),
      debug: (configuration) => void this.run(configuration, 'debug'),
      stop: () => void this.runs.stop(),
      createConfiguration: () => void this.createRunConfiguration(),
      openConfigurationFile: () => void this.openRunConfigurationFile(),
    });
    this.runView.onShow = () => void this.loadRunConfigurations();
    this.debug = new DebugFeature({
      notifications: this.notifications,
      quickInput: this.quickInput,
      status: this.status.debug,
      workspaceRoot: () => this.workspace.root,
      openEditor: (path, selection, preserveFocus) => this.openEditor(path, selection, { preserveFocus }),
      showPanel: (id, focus) => this.showPanel(id, focus),
      startDebugging: (configuration) => this.run(configuration, 'debug'),
      stop: () => this.runs.stop(),
      runCommand: (id) => void this.commands.run(id),
    });
    for (const section of this.debug.sections) this.runView.addSection(section);
    this.debug.session.onDidChange((change) => change === 'phase' && this.runView.setDebugPaused(this.debug.session.phase === 'stopped'));
    this.targetsView = new TargetsView(backend, {
      activeTarget: () => this.activeTarget,
      setActiveTarget: (id) => this.setActiveTarget(id),
    });
    this.addSideView(this.runView, 'Ctrl+Shift+D');
    this.notebooks = new NotebookFeature({
      backend,
      notifications: this.notifications,
      quickInput: this.quickInput,
      workspaceRoot: () => this.workspace.root,
      openEditor: (path) => this.openEditor(path),
    });
    this.addSideView(this.notebooks.view);
    this.addSideView(this.targetsView);
    this.panel.add(this.terminalView);
    this.panel.add(this.console);
    this.panel.add(this.log);
    this.panel.add(this.packets.view);
    this.panel.add(this.output);
    this.panel.add(this.problems);
    this.panel.add(this.debug.console);
    this.panel.add(this.debug.disassembly);
    this.panel.add(this.debug.memory);

    registerWorkbenchCommands(this);
    registerDebugCommands(this.commands, this.debug, (id) => this.showPanel(id));
    registerNotebookCommands(this.commands, this.notebooks, this.notifications);
    registerPacketsCommands(this.commands, this.packets, (id) => this.showPanel(id));
    installKeybindings(this.commands);
    this.layout.onDidLayout(() => {
      this.editors?.layout();
      this.panel.layout();
    });
    this.theme.onChange((kind) => {
      this.editors?.setTheme(kind);
      this.terminals?.setTheme(kind);
      this.console.setTheme(kind);
    });
    this.console.setTheme(this.theme.kind);
    this.showTargetStatus();
    this.layout.editorArea.parentElement!.append(this.debug.toolbar.element);
    this.status.connection.set('', '');
    this.status.connection.setVisible(false);
    this.welcome = new WelcomeFeature(this);
    this.unikernel = new UnikernelFeature(this);
    this.network = new NetworkFeature(this);
  }

  async start(): Promise<void> {
    this.showSideView('explorer');
    this.panel.show('output');
    this.backend.onDisconnect(() => {
      this.status.connection.setVisible(true);
      this.status.connection.set('Disconnected', 'The backend is gone; reload the window after restarting Mirador');
      this.notifications.error('The connection to the Mirador backend was lost. Unsaved changes are kept as backups; restart Mirador and reload this window.', [
        { label: 'Reload Window', run: () => location.reload() },
      ]);
    });
    this.backend.on('output/append', (event) => this.output.append(event.channel, event.text));
    this.backend.on('workspace/changed', (info) => {
      if (info.root !== this.workspace.root) location.reload();
    });
    this.backend.on('fs/changed', ({ changes }) => {
      void this.explorer.tree.applyChanges(changes);
      void this.documents?.applyDiskChanges(changes);
      this.editors?.applyDiskChanges(changes);
      if (changes.some((change) => /^(\.mirador|\.vscode)\/launch\.json$/.test(change.path))) void this.loadRunConfigurations();
    });

    const [host, workspace, contributions] = await Promise.all([
      this.backend.request('host/info'),
      this.backend.request('workspace/info'),
      this.backend.request('extensions/contributions'),
    ]);
    this.host = host;
    this.status.version.set(`Mirador ${host.version}`, 'About Mirador');
    this.output.append('Mirador', `Mirador ${host.version} on ${host.platform}\n`);
    this.output.append('Extensions', `${contributions.extensions.map((e) => `${e.displayName} ${e.version}`).join('\n')}\n`);
    for (const problem of contributions.problems) this.output.append('Extensions', `Problem: ${problem}\n`);
    await this.setWorkspace(workspace);
    this.welcome.showOnStartup();
    document.body.dataset.ready = 'workbench';
    void this.loadRunConfigurations();
    await this.startEditors(contributions);
    await this.welcome.afterEditorsReady();
  }

  private async setWorkspace(info: WorkspaceInfo): Promise<void> {
    this.workspace = info;
    document.title = info.root ? `${info.name} — Mirador` : 'Mirador';
    this.status.workspace.set(info.root ? info.name : 'No Folder Opened', info.root ?? 'Open a folder');
    this.output.append('Mirador', info.root ? `Workspace: ${info.root}\n` : 'No folder is open.\n');
    this.debug.load(info.root);
    await this.explorer.setWorkspace(info);
  }

  private startEditors(contributions: Contributions): Promise<EditorArea> {
    this.editorsReady ??= (async () => {
      const monaco = await loadMonaco();
      registerLanguages(monaco, contributions.languages, (problem) => this.output.append('Extensions', `Problem: ${problem}\n`));
      monaco.editor.setTheme(this.theme.kind === 'dark' ? 'vs-dark' : 'vs');
      const documents = new DocumentManager(monaco, this.backend, contributions.languages, this.notifications, this.quickInput);
      const editors = new EditorArea(this.layout.editorArea, monaco, documents, this.notifications, this.quickInput, {
        onCursor: (line, column) => this.status.cursor.set(`Ln ${line}, Col ${column}`, 'Go to Line'),
        onActiveDocument: (active) => {
          this.status.cursor.setVisible(active !== undefined);
          this.status.language.setVisible(active !== undefined);
          if (active) this.status.language.set(languageLabel(active.model.getLanguageId(), contributions), 'Language mode');
          const position = editors.activeEditor?.getPosition();
          if (position) this.status.cursor.set(`Ln ${position.lineNumber}, Col ${position.column}`, 'Go to Line');
          const tab = editors.activeInput;
          document.title = this.titleFor(tab?.path, tab?.isDirty ?? false);
        },
      });
      this.documents = documents;
      this.editors = editors;
      this.debug.attachEditors(monaco, editors);
      this.notebooks.attachEditors(monaco, editors, contributions.languages);
      this.problems.attach(monaco);
      const buildProblems = new BuildProblems(monaco);
      buildProblems.onChange(() => this.problems.setBuildProblems(buildProblems.all));
      this.builds = new BuildController(this.backend, this.notifications, this.status.build, {
        appendOutput: (text) => this.output.append('Build', text),
        clearOutput: () => this.output.clearChannel('Build'),
        showOutput: () => (this.showPanel('output', false), this.output.show('Build')),
        setProgress: (step, total, message) => this.output.setProgress(step, total, message),
        clearProgress: () => this.output.clearProgress(),
        onFinished: (event) => {
          buildProblems.set(event.problems);
          if (event.problems.length) this.showPanel('problems', false);
        },
      });
      if (this.workspace.root) {
        const restored = await this.restoreBackups(documents, editors).catch((error: Error) => {
          this.notifications.warn(`Could not restore unsaved changes from the last session: ${error.message}`);
          return 0;
        });
        if (restored) this.notifications.info(`Restored unsaved changes in ${restored} file${restored === 1 ? '' : 's'} from your last session.`);
      }
      // Hot exit keeps unsaved buffers, so leaving needs a warning only while a backup has not reached the backend.
      window.addEventListener('beforeunload', (event) => {
        if (documents.hasPendingBackups() || this.notebooks.hasPendingBackups()) event.preventDefault();
      });
      document.body.dataset.editor = 'ready';
      return editors;
    })();
    return this.editorsReady;
  }

  /** Hot exit: the last session's unsaved notebooks (in the notebook editor) and text buffers; how many came back. */
  private async restoreBackups(documents: DocumentManager, editors: EditorArea): Promise<number> {
    const backups = await this.backend.request('backup/list');
    const notebooks = await this.notebooks.restoreBackups(backups);
    const texts = await documents.restoreBackups(notebooks.others);
    for (const path of texts) editors.show(documents.get(path)!);
    return notebooks.restored.length + texts.length;
  }

  private titleFor(path: string | undefined, dirty: boolean): string {
    const parts = [path ? `${dirty ? '● ' : ''}${path.slice(path.lastIndexOf('/') + 1)}` : '', this.workspace.root ? this.workspace.name : '', 'Mirador'];
    return parts.filter(Boolean).join(' — ');
  }

  get activeTarget(): string {
    return localStorage.getItem(this.activeTargetKey()) ?? 'qemu';
  }

  setActiveTarget(id: string): void {
    localStorage.setItem(this.activeTargetKey(), id);
    this.showTargetStatus();
  }

  private activeTargetKey(): string {
    return `mirador.activeTarget:${this.workspace.root ?? ''}`;
  }

  private showTargetStatus(accelerator?: RunRecord['accelerator']): void {
    const accel = accelerator ? ` · ${accelerator.kind.toUpperCase()}` : '';
    this.status.target.set(`Target: ${this.activeTarget}${accel}`, accelerator?.reason ?? 'Choose the active target');
  }

  async loadRunConfigurations(): Promise<void> {
    if (!this.workspace.root) return this.runView.setConfigurations([], []);
    try {
      const { configurations, problems } = await this.backend.request('run/configurations');
      this.runView.setConfigurations(configurations, problems);
    } catch (error) {
      this.runView.setConfigurations([], [`Could not read run configurations: ${(error as Error).message}`]);
    }
  }

  /**
   * Run and Debug are one path: a debug session is a run with the debugger attached. A configuration whose
   * preLaunchTask is "mirador: build" is built first, and starts only when that build succeeds (`skipBuild`: Run Anyway).
   */
  async run(configuration?: LaunchArguments, mode: 'run' | 'debug' = 'run', skipBuild = false): Promise<void> {
    const chosen = configuration ?? this.runView.selected;
    if (!chosen) {
      this.showSideView('debug');
      return this.notifications.info('Create a run configuration first: Run and Debug › Create a run configuration.');
    }
    await this.saveDirtyBeforeRun();
    if (chosen.preLaunchTask === BUILD_TASK && !skipBuild && !(await this.buildBeforeLaunch(chosen, mode))) return;
    if (mode === 'debug') this.showSideView('debug');
    this.showPanel('console', false);
    this.console.writeNote(`── ${mode === 'debug' ? 'Debug: ' : ''}${chosen.name ?? chosen.target} · ${new Date().toLocaleTimeString()} ──`);
    this.log.beginRun();
    await this.runs.run({ ...chosen, target: chosen.target || this.activeTarget }, mode === 'debug' ? this.debug.session : undefined);
  }

  /** The preLaunchTask's build; false when the launch must not go on (the user was told why, and offered to go on anyway). */
  private async buildBeforeLaunch(configuration: LaunchArguments, mode: 'run' | 'debug'): Promise<boolean> {
    const builds = this.builds ?? (await this.editorsReady, this.builds);
    const name = configuration.name ?? configuration.target;
    if (!builds) {
      this.notifications.warn(`Cannot build before ${name}: the build service is not ready. Build with Ctrl+Shift+B, then run again.`);
      return false;
    }
    const built = await builds.buildForLaunch(configuration.target || this.activeTarget);
    if (!built) return false;
    if (built.outcome === 'succeeded') return true;
    const anyway = { label: mode === 'debug' ? 'Debug Anyway' : 'Run Anyway', run: () => void this.run(configuration, mode, true) };
    if (built.outcome === 'cancelled') this.notifications.info(`Build cancelled, so ${name} was not started.`, [anyway]);
    else {
      const show = built.problems.length > 0 ? { label: 'Show Problems', run: () => this.showPanel('problems', true) } : { label: 'Show Output', run: () => this.showPanel('output', true) };
      this.notifications.error(`Build failed, so ${name} was not started: ${built.message}${countProblems(built)}`, [show, anyway]);
    }
    return false;
  }

  /** The guest's bytes go to the serial Console and the Log; the adapter's own messages to the Debug Console (and, for runs, the Console). */
  private routeOutput(text: string, category: string, record: RunRecord): void {
    const fromAdapter = category === 'console' || category === 'important';
    if (fromAdapter) this.debug.console.appendOutput(text, category);
    if (!fromAdapter || record.mode === 'run') this.console.write(text);
    if (!fromAdapter) this.log.append(text);
  }

  private async saveDirtyBeforeRun(): Promise<void> {
    for (const document of this.documents?.dirty() ?? []) await this.documents?.save(document);
  }

  private onRunChange(record: RunRecord): void {
    this.runView.showRuns(this.runs.runs, this.runs.active);
    if (record.accelerator) this.showTargetStatus(record.accelerator);
    if (record.endedAt !== undefined) {
      this.log.endRun();
      this.console.writeNote(`── ${record.name}: ${record.state === 'failed' ? `failed: ${record.message ?? ''}` : (record.message ?? record.state)} ──`);
      if (record.state === 'failed' && !this.network.explainRunFailure(record)) this.notifications.error(`${record.name} failed: ${record.message ?? 'see the Console'}`);
    }
  }

  private async createRunConfiguration(): Promise<void> {
    if (!this.workspace.root) return this.notifications.info('Open a folder first; run configurations live in its .mirador/launch.json.');
    try {
      await this.backend.request('fs/createDirectory', { path: '.mirador' });
      await this.backend.request('fs/createFile', { path: '.mirador/launch.json' }).catch(() => undefined);
      const current = await this.backend.request('fs/readFile', { path: '.mirador/launch.json' });
      if (current.text.trim() === '') await this.backend.request('fs/writeFile', { path: '.mirador/launch.json', text: launchTemplate(this.activeTarget) });
      await this.openEditor('.mirador/launch.json');
      await this.loadRunConfigurations();
    } catch (error) {
      this.notifications.error(`Could not create .mirador/launch.json: ${(error as Error).message}`);
    }
  }

  private async openRunConfigurationFile(): Promise<void> {
    const exists = await this.backend.request('fs/stat', { path: '.mirador/launch.json' }).then(() => true, () => false);
    if (exists) await this.openEditor('.mirador/launch.json');
    else await this.createRunConfiguration();
  }

  async openEditor(path: string, selection?: { line: number; column: number; length?: number }, options?: { preserveFocus?: boolean }): Promise<void> {
    // A capture is binary: it opens in the Packets panel, as Wireshark would show it.
    if (isCaptureFile(path) && !selection) return this.packets.openFile(path);
    const editors = await this.editorsReady;
    this.welcome.hide();
    await editors?.open(path, selection, options);
  }

  async openFolder(folder: string): Promise<void> {
    try {
      for (const document of this.documents?.dirty() ?? []) {
        await this.backend.request('backup/write', { path: document.path, text: document.model.getValue(), baseMtimeMs: document.mtimeMs });
      }
      await this.backend.request('workspace/open', { folder });
      location.reload();
    } catch (error) {
      this.notifications.error(`Could not open ${folder}: ${(error as Error).message}`);
    }
  }

  /** `initialInput` is typed into the new shell without pressing Enter (a fix the user reads before running it). */
  async newTerminal(initialInput?: string): Promise<void> {
    if (!this.terminals) {
      this.terminals = new TerminalPanel(this.terminalView.element, this.backend);
      this.terminals.setTheme(this.theme.kind);
    }
    this.showPanel('terminal', false);
    await this.terminals.newTerminal(initialInput);
    this.terminals.focus();
  }

  showPanel(id: string, focus = true): void {
    this.layout.setPanelVisible(true);
    const view = this.panel.show(id);
    if (focus) view.focus?.();
  }

  showSideView(id: string): View {
    this.layout.setSidebarVisible(true);
    this.activityBar.setActive(id);
    return this.sideBar.show(id);
  }

  private toggleSideView(id: string): void {
    if (this.layout.isSidebarVisible && this.sideBar.active?.id === id) {
      this.layout.setSidebarVisible(false);
      this.activityBar.setActive(undefined);
      return;
    }
    this.showSideView(id);
  }

  addSideView(view: View, keybinding?: string): void {
    this.sideViews.set(view.id, view);
    this.sideBar.add(view);
    this.activityBar.add(view, keybinding);
  }
}

function languageLabel(id: string, contributions: Contributions): string {
  const contributed = contributions.languages.find((language) => language.id === id);
  if (contributed?.aliases[0]) return contributed.aliases[0];
  return { c: 'C', json: 'JSON', markdown: 'Markdown', plaintext: 'Plain Text' }[id] ?? id;
}
