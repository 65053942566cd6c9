// The debugger in the workbench: its views, toolbar and editor marks, and what the IDE shows when the guest stops.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ignoreCountOf, type LaunchArguments } from '../../../main/api';
import type { EditorArea } from '../editor/editor-area';
import type { Monaco } from '../editor/monaco-loader';
import { CollapsibleSection } from '../workbench/collapsible-section';
import type { Notifications } from '../workbench/notifications';
import type { QuickInput } from '../workbench/quick-input';
import type { StatusItem } from '../workbench/status-bar';
import { BreakpointGutter, workspacePathOfModel } from './breakpoint-gutter';
import { BreakpointStore, type DataBreakpoint, type FunctionBreakpoint, type SourceBreakpoint } from './breakpoint-store';
import { BreakpointsView, describe as describeBreakpoint } from './breakpoints-view';
import { CallStackView } from './call-stack-view';
import { DebugConsoleView } from './debug-console-view';
import { DebugSessionController, type StepKind } from './debug-session-controller';
import { DebugToolbar } from './debug-toolbar';
import { DisassemblyView } from './disassembly-view';
import { MemoryView } from './memory-view';
import { StackFrameDecorations } from './stack-frame-decorations';
import { VariablesView } from './variables-view';
import { WatchView } from './watch-view';
import { toWorkspacePath } from './workspace-path-mapping';
import './debug.css';

export interface DebugFeatureHost {
  notifications: Notifications;
  quickInput: QuickInput;
  status: StatusItem;
  workspaceRoot(): string | null;
  openEditor(path: string, selection: { line: number; column: number }, preserveFocus: boolean): Promise<void>;
  showPanel(id: string, focus: boolean): void;
  /** Starts debugging the selected configuration, or the given one (restart). */
  startDebugging(configuration?: LaunchArguments): Promise<void>;
  stop(): Promise<void>;
  runCommand(id: string): void;
}

export class DebugFeature {
  readonly breakpoints = new BreakpointStore(localStorage);
  readonly session: DebugSessionController;
  readonly toolbar: DebugToolbar;
  readonly console: DebugConsoleView;
  readonly disassembly: DisassemblyView;
  readonly memory: MemoryView;
  readonly watch: WatchView;
  readonly sections: CollapsibleSection[];
  private gutter: BreakpointGutter | undefined;
  private frameMarks: StackFrameDecorations | undefined;
  private editors: EditorArea | undefined;
  /** Files outside the workspace already announced in this session: one notice each, not one per step. */
  private readonly announcedOutside = new Set<string>();
  private wasActive = false;

  constructor(private readonly host: DebugFeatureHost) {
    this.session = new DebugSessionController(this.breakpoints, {
      workspaceRoot: () => host.workspaceRoot(),
      onBackgroundError: (message) => host.notifications.warn(message),
    });
    this.toolbar = new DebugToolbar((command) => host.runCommand(command));
    this.console = new DebugConsoleView(this.session);
    this.disassembly = new DisassemblyView(this.session, this.breakpoints);
    this.memory = new MemoryView(this.session);
    const openMemory = (reference: string) => {
      host.showPanel('memory', false);
      this.memory.go(reference);
    };
    const variables = new VariablesView(this.session, openMemory, (node) =>
      host.quickInput.prompt({
        title: `Set Value: ${node.name}`,
        value: node.value ?? '',
        prompt: 'A C expression, assigned by gdb in the stopped frame (e.g. 5, LOG_WARNING, \'M\').',
        validate: (text) => (text.trim() ? null : 'Type a value.'),
      }),
    );
    variables.onError = (message) => host.notifications.error(message);
    this.watch = new WatchView(this.session, localStorage, openMemory, (expression) => {
      this.breakpoints.addData(expression, 'write');
      host.notifications.info(`Data breakpoint on ${expression}: the guest stops where its value changes (Breakpoints lists it).`);
    });
    const callStack = new CallStackView(this.session);
    const breakpointsView = new BreakpointsView(this.breakpoints, {
      openAt: (path, line) => void host.openEditor(path, { line, column: 1 }, false),
      editCondition: (breakpoint) => void this.editCondition(breakpoint),
    });
    this.sections = [
      new CollapsibleSection('Variables', variables.element),
      new CollapsibleSection('Watch', this.watch.element, {
        actions: [
          { label: 'Add Expression', icon: 'add', run: () => this.watch.focusInput() },
          { label: 'Remove All Expressions', icon: 'close-all', run: () => this.watch.removeAll() },
        ],
      }),
      new CollapsibleSection('Call Stack', callStack.element),
      new CollapsibleSection('Breakpoints', breakpointsView.element, {
        actions: [
          { label: 'Add Function Breakpoint', icon: 'add', run: () => void this.addFunctionBreakpoint() },
          { label: 'Add Data Breakpoint', icon: 'debug-breakpoint-data', run: () => void this.addDataBreakpoint() },
          { label: 'Toggle Activate Breakpoints', icon: 'activate-breakpoints', run: () => this.toggleAllBreakpoints() },
          { label: 'Remove All Breakpoints', icon: 'close-all', run: () => this.breakpoints.removeAll() },
        ],
      }),
    ];
    this.session.onDidChange((change) => {
      if (change === 'phase') this.onPhase();
      else void this.presentStop();
    });
    this.onPhase();
  }

  load(workspaceRoot: string | null): void {
    this.breakpoints.load(workspaceRoot);
    this.watch.load(workspaceRoot);
  }

  /** Monaco has loaded: breakpoints go into the glyph margin, the stop line gets its mark. */
  attachEditors(monaco: Monaco, editors: EditorArea): void {
    this.editors = editors;
    this.gutter = new BreakpointGutter(monaco, this.breakpoints);
    this.frameMarks = new StackFrameDecorations(monaco);
    const followFocus = (editor: { onDidFocusEditorText(listener: () => void): unknown }) => editor.onDidFocusEditorText(() => (this.session.granularity = 'line'));
    monaco.editor.getEditors().forEach(followFocus);
    monaco.editor.onDidCreateEditor(followFocus);
    void this.presentStop();
  }

  toggleBreakpointAtCursor(): void {
    if (!this.gutter?.toggleAtCursor(this.editors?.activeEditor)) this.host.notifications.info('Put the cursor on a line of a workspace file to toggle a breakpoint there (F9).');
  }

  /** Run to Cursor (Ctrl+F10): the guest runs until the line of the cursor, breakpoints on the way still stopping it. */
  async runToCursor(): Promise<void> {
    const cursor = this.cursorLine();
    if (!cursor) return this.host.notifications.info('Put the cursor on a line of a workspace file to run to it (Ctrl+F10).');
    return this.guard(() => this.session.runToCursor(cursor.path, cursor.line));
  }

  /** Add Conditional Breakpoint… on the cursor's line: the line's breakpoint (made if there is none), its condition asked. */
  async addConditionalBreakpoint(): Promise<void> {
    const cursor = this.cursorLine();
    if (!cursor) return this.host.notifications.info('Put the cursor on a line of a workspace file to add a conditional breakpoint there.');
    const breakpoint = this.breakpoints.sources(cursor.path).find((candidate) => candidate.line === cursor.line) ?? this.breakpoints.addSource(cursor.path, cursor.line);
    await this.editCondition(breakpoint);
  }

  /** VS Code's Edit Condition: an expression that must hold, a hit count to reach (gdb's ignore count), or a logpoint's message. */
  async editCondition(breakpoint: SourceBreakpoint | FunctionBreakpoint | DataBreakpoint): Promise<void> {
    const kinds = conditionKinds(breakpoint);
    const kind = await this.host.quickInput.pick(
      kinds.map((condition, index) => ({ label: condition.label, description: condition.now ? `now: ${condition.now}` : condition.hint, value: index })),
      { title: `Edit Condition: ${describeBreakpoint(breakpoint)}`, placeholder: 'What decides whether the breakpoint stops', keepOrder: true },
    );
    if (kind === undefined) return;
    const condition = kinds[kind]!;
    const value = await this.host.quickInput.prompt({ title: condition.title, value: condition.now ?? '', prompt: condition.prompt, validate: condition.validate });
    if (value !== undefined) condition.set(this.breakpoints, breakpoint.id, value);
  }

  /** A data breakpoint (a gdb watchpoint): the guest stops where the expression's value is written (or read). */
  async addDataBreakpoint(): Promise<void> {
    const expression = await this.host.quickInput.prompt({
      title: 'Add Data Breakpoint',
      placeholder: 'mbi->flags',
      prompt: 'An expression with an address (a variable, a field, *(uint32_t *)0x9000), in the stopped frame; the guest stops where its value changes.',
      validate: (value) => (value.trim() ? null : 'Type an expression to watch.'),
    });
    if (!expression) return;
    const access = await this.host.quickInput.pick(
      [
        { label: 'When Written', description: 'stop where the value is changed', value: 'write' as const },
        { label: 'When Read', description: 'stop where the value is read', value: 'read' as const },
        { label: 'When Read or Written', value: 'readWrite' as const },
      ],
      { title: `Data Breakpoint on ${expression.trim()}`, placeholder: 'Stop when the value is…', keepOrder: true },
    );
    if (access) this.breakpoints.addData(expression, access);
  }

  /** Jump to Cursor: the guest goes on from the cursor's line (what lies between is not run), and stops there. */
  async jumpToCursor(): Promise<void> {
    const cursor = this.cursorLine();
    if (!cursor) return this.host.notifications.info('Put the cursor on a line of a workspace file to jump to it.');
    return this.guard(() => this.session.jumpToCursor(cursor.path, cursor.line));
  }

  async addFunctionBreakpoint(): Promise<void> {
    const name = await this.host.quickInput.prompt({
      title: 'Add Function Breakpoint',
      placeholder: 'kernel_main',
      prompt: 'The name of a function (a symbol of the image) to stop at.',
      validate: (value) => (value.trim() ? null : 'Type a function name.'),
    });
    if (name) this.breakpoints.addFunction(name);
  }

  async start(): Promise<void> {
    if (this.session.phase === 'stopped') return this.continue();
    if (this.session.active) return this.host.notifications.info('The guest is already being debugged: pause it with F6, or stop it with Shift+F5.');
    await this.host.startDebugging();
  }

  continue(): Promise<void> {
    return this.guard(() => this.session.continue());
  }

  step(kind: StepKind): Promise<void> {
    return this.guard(() => this.session.step(kind));
  }

  pause(): Promise<void> {
    return this.guard(() => this.session.pause());
  }

  async restart(): Promise<void> {
    const configuration = this.session.configuration;
    if (!this.session.active || !configuration) return this.host.startDebugging();
    this.console.appendNote(`Restarting ${configuration.name ?? configuration.target}…`);
    try {
      if (await this.session.restartInPlace()) return;
    } catch (error) {
      this.console.appendNote(`The adapter could not restart in place (${(error as Error).message}); launching again.`);
    }
    await this.host.startDebugging(configuration);
  }

  /** The workspace file and line of the active editor's cursor (undefined outside the workspace, or with no editor). */
  private cursorLine(): { path: string; line: number } | undefined {
    const editor = this.editors?.activeEditor;
    const model = editor?.getModel();
    const position = editor?.getPosition();
    const path = model ? workspacePathOfModel(model) : undefined;
    return path && position ? { path, line: position.lineNumber } : undefined;
  }

  private async guard(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.host.notifications.error((error as Error).message);
    }
  }

  private toggleAllBreakpoints(): void {
    const anyEnabled = this.breakpoints.all().some((breakpoint) => breakpoint.enabled);
    this.breakpoints.setAllEnabled(!anyEnabled);
  }

  private onPhase(): void {
    const { phase } = this.session;
    this.toolbar.setPhase(phase);
    document.body.classList.toggle('debugging', phase !== 'inactive');
    const name = this.session.configuration?.name ?? this.session.configuration?.target ?? '';
    this.host.status.setVisible(phase !== 'inactive');
    if (phase === 'initializing') this.host.status.set(`Debugging ${name}: starting`, 'Debug session starting');
    else if (phase === 'running') this.host.status.set(`Debugging ${name}: running`, 'The guest is running; pause with F6');
    if (phase === 'inactive') {
      if (this.wasActive) this.console.appendNote('Debug session ended');
      this.announcedOutside.clear();
      this.frameMarks?.set(undefined);
    }
    this.wasActive = phase !== 'inactive';
    if (phase === 'running') this.frameMarks?.set(undefined);
    if (phase === 'initializing') this.console.appendNote(`Debugging ${name}`);
  }

  /** After a stop or a frame pick: the editor at the frame's line, or the Disassembly view when there is no source. */
  private async presentStop(): Promise<void> {
    const frame = this.session.selectedFrame;
    const stop = this.session.stopState;
    if (!stop) return;
    const top = frame !== undefined && frame === stop.frames[0];
    // A data breakpoint's description is the value's change ("0 → 109"): it needs its reason in front.
    const why = stop.reason === 'data breakpoint' && stop.description ? `data breakpoint (${stop.description})` : (stop.description ?? stop.reason);
    this.host.status.set(`Debugging ${this.session.configuration?.name ?? ''}: paused on ${why}`, frame ? describeFrame(frame) : 'Paused');
    if (!frame) return;
    const path = frame.source?.path ? toWorkspacePath(this.host.workspaceRoot(), frame.source.path) : undefined;
    const instructionMode = this.session.granularity === 'instruction';
    if (path && frame.line > 0) {
      this.frameMarks?.set({ path, line: frame.line, column: frame.column || 1, top });
      await this.host.openEditor(path, { line: frame.line, column: Math.max(frame.column, 1) }, instructionMode);
      if (instructionMode) this.host.showPanel('disassembly', false);
      return;
    }
    this.frameMarks?.set(undefined);
    if (frame.source?.path && !this.announcedOutside.has(frame.source.path)) {
      this.announcedOutside.add(frame.source.path);
      this.host.notifications.info(`Stopped in ${frame.source.path}, outside the workspace: showing the Disassembly view.`);
    }
    this.host.showPanel('disassembly', false);
  }
}

function describeFrame(frame: DebugProtocol.StackFrame): string {
  const where = frame.source?.path ? `${frame.source.path}:${frame.line}` : (frame.instructionPointerReference ?? '');
  return `${frame.name} ${where}`.trim();
}

interface ConditionKind {
  label: string;
  title: string;
  hint: string;
  prompt: string;
  now: string | undefined;
  validate?: (text: string) => string | null;
  set(store: BreakpointStore, id: number, value: string): void;
}

/** What Edit Condition offers a breakpoint (a log message for source lines only); an empty value removes it. */
function conditionKinds(breakpoint: SourceBreakpoint | FunctionBreakpoint | DataBreakpoint): ConditionKind[] {
  const kinds: ConditionKind[] = [
    {
      label: 'Expression',
      title: 'Breakpoint Condition',
      hint: 'stop only when it is true (C, as gdb reads it)',
      prompt: 'Stop only when this expression is true, e.g. count > 3; empty stops every time.',
      now: breakpoint.condition,
      set: (store, id, value) => store.setCondition(id, value),
    },
    {
      label: 'Hit Count',
      title: 'Breakpoint Hit Count',
      hint: 'stop from the Nth hit on: N, >=N or >N',
      prompt: 'Stop from this hit on: N (or >=N), or >N for the one after; empty stops every time.',
      now: breakpoint.hitCondition,
      validate: (text) => (text.trim() === '' || ignoreCountOf(text) !== undefined ? null : 'Write N, >=N or >N, e.g. 3: gdb stops from a given hit on (it cannot stop on one hit only).'),
      set: (store, id, value) => store.setHitCondition(id, value),
    },
  ];
  if (breakpoint.kind === 'source') {
    kinds.push({
      label: 'Log Message',
      title: 'Log Message',
      hint: 'a logpoint: say a message ({expressions} evaluated) instead of stopping',
      prompt: 'Said in the Debug Console each time the line runs, e.g. memory at {mbi->mem_lower_kib} KiB; empty makes it a breakpoint again.',
      now: breakpoint.logMessage,
      set: (store, id, value) => store.setLogMessage(id, value),
    });
  }
  return kinds;
}
