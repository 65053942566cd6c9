// One notebook cell on screen: its own Monaco editor (or rendered markdown), execution count, outputs, and cell actions.
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import type { CellErrorPosition, JupyterOutput } from '../../../main/api';
import type { Monaco } from '../editor/monaco-loader';
import { el, icon } from '../workbench/element';
import { CellOutputsView } from './cell-outputs-view';
import { renderMarkdown } from './markdown-view';
import type { NotebookCellModel } from './notebook-model';

export type CellAction =
  | 'run'
  | 'run-and-advance'
  | 'run-and-insert'
  | 'run-above'
  | 'run-below'
  | 'command-mode'
  | 'focus-previous'
  | 'focus-next'
  | 'move-up'
  | 'move-down'
  | 'delete'
  | 'to-code'
  | 'to-markdown'
  | 'clear-outputs'
  | 'toggle-outputs'
  | 'insert-code-below'
  | 'insert-markdown-below'
  | 'interrupt';

export interface CellViewHost {
  readonly monaco: Monaco;
  /** Where the cell's text model lives (its URI names the notebook and the cell). */
  readonly notebookPath: string;
  onSelect(cell: NotebookCellModel, mode: 'edit' | 'command'): void;
  onAction(cell: NotebookCellModel, action: CellAction): void;
  onSourceChange(cell: NotebookCellModel, source: string): void;
  /** The language of a file the cell writes (`%%file kernel.c` holds C, not OCaml). */
  languageForFile(path: string): string;
  /** Code cells' text models, for completion from this notebook's kernel. */
  registerModel(model: MonacoApi.editor.ITextModel, cell: NotebookCellModel): () => void;
}

const MARKER_OWNER = 'notebook-kernel';

export class CellView {
  readonly element: HTMLElement;
  private readonly textModel: MonacoApi.editor.ITextModel;
  private editor: MonacoApi.editor.IStandaloneCodeEditor | undefined;
  private readonly editorHost: HTMLElement;
  private readonly markdownHost: HTMLElement;
  private readonly runButton: HTMLButtonElement;
  private readonly countLabel: HTMLElement;
  private readonly outputArea: HTMLElement;
  private readonly outputs: CellOutputsView;
  private readonly outputToggle: HTMLButtonElement;
  private readonly collapsedNote: HTMLButtonElement;
  private readonly toolbar: HTMLElement;
  private readonly insertBar: HTMLElement;
  private readonly disposers: Array<() => void> = [];
  private index = 0;
  private editingMarkdown = false;
  private renderedKind: NotebookCellModel['kind'] | undefined;

  constructor(
    private readonly host: CellViewHost,
    readonly cell: NotebookCellModel,
  ) {
    const { monaco } = host;
    this.textModel = monaco.editor.createModel(cell.source, this.languageNow(), monaco.Uri.from({ scheme: 'mirador-notebook', path: `/${host.notebookPath}`, fragment: cell.uid }));
    const onContent = this.textModel.onDidChangeContent(() => {
      monaco.editor.setModelMarkers(this.textModel, MARKER_OWNER, []);
      host.onSourceChange(cell, this.textModel.getValue());
      this.followLanguage();
    });
    this.disposers.push(() => onContent.dispose(), host.registerModel(this.textModel, cell));

    this.runButton = el('button', { className: 'icon-button cell-run', onclick: () => host.onAction(cell, cell.runState === 'idle' ? 'run' : 'interrupt') });
    this.countLabel = el('span', { className: 'cell-count' });
    this.editorHost = el('div', { className: 'cell-editor' });
    this.markdownHost = el('div', {
      className: 'cell-markdown markdown-body',
      ondblclick: () => this.editMarkdown(),
    });
    this.outputs = new CellOutputsView('Outputs');
    this.outputToggle = el('button', { className: 'cell-output-toggle', onclick: () => host.onAction(cell, 'toggle-outputs') });
    this.collapsedNote = el('button', { className: 'cell-outputs-collapsed', onclick: () => host.onAction(cell, 'toggle-outputs') }, icon('ellipsis'), ' Outputs are collapsed');
    this.outputArea = el('div', { className: 'cell-output-area' }, this.outputToggle, this.outputs.element, this.collapsedNote);
    this.toolbar = el('div', { className: 'cell-toolbar', role: 'toolbar' });
    this.insertBar = el('div', { className: 'cell-insert-bar' });
    this.element = el(
      'div',
      {
        className: 'notebook-cell',
        role: 'group',
        tabIndex: -1,
        onmousedown: (event: Event) => {
          const target = event.target as HTMLElement;
          if (!target.closest('.cell-editor, button, a')) host.onSelect(cell, 'command');
        },
      },
      el('div', { className: 'cell-focus-indicator', 'aria-hidden': 'true' }),
      el('div', { className: 'cell-main' },
        el('div', { className: 'cell-input' }, el('div', { className: 'cell-gutter' }, this.runButton, this.countLabel), this.editorHost, this.markdownHost),
        this.outputArea,
      ),
      this.toolbar,
      this.insertBar,
    );
    this.update();
  }

  get isEditingMarkdown(): boolean {
    return this.editingMarkdown;
  }

  setIndex(index: number): void {
    if (this.index === index) return;
    this.index = index;
    this.updateLabels();
  }

  /** Re-renders what depends on the cell's kind, run state and outputs. */
  update(): void {
    const { cell } = this;
    if (this.renderedKind !== cell.kind) {
      this.renderedKind = cell.kind;
      this.followLanguage();
      this.element.dataset.kind = cell.kind;
      this.editingMarkdown = false;
      this.renderToolbar();
      this.outputs.setOutputs(cell.outputs);
    }
    const isCode = cell.kind === 'code';
    const showEditor = cell.kind !== 'markdown' || this.editingMarkdown;
    this.editorHost.hidden = !showEditor;
    this.markdownHost.hidden = showEditor;
    if (showEditor) this.ensureEditor();
    else this.renderMarkdown();
    this.runButton.hidden = !isCode;
    this.countLabel.hidden = !isCode;
    this.countLabel.textContent = cell.runState === 'running' ? '[*]' : cell.runState === 'queued' ? '[-]' : `[${cell.executionCount ?? ' '}]`;
    this.runButton.replaceChildren(icon(cell.runState === 'idle' ? 'play' : cell.runState === 'running' ? 'debug-stop' : 'watch'));
    this.element.classList.toggle('running', cell.runState === 'running');
    this.element.classList.toggle('queued', cell.runState === 'queued');
    const collapsed = cell.outputsCollapsed;
    // The view's own outputs: while a cell runs they arrive before the model has them.
    const hasOutputs = isCode && !this.outputs.isEmpty;
    this.outputArea.hidden = !hasOutputs;
    this.outputs.element.hidden = collapsed;
    this.collapsedNote.hidden = !collapsed;
    this.updateLabels();
  }

  setOutputs(outputs: readonly JupyterOutput[]): void {
    this.outputs.setOutputs(outputs);
    this.update();
  }

  appendOutput(output: JupyterOutput): void {
    this.outputs.append(output);
    this.outputArea.hidden = false;
  }

  /** A marker where the kernel says the error is: 1-based line, 0-based columns (a whole line when they are equal). */
  showError(position: CellErrorPosition, message: string): void {
    const model = this.textModel;
    const line = Math.min(Math.max(1, position.line), model.getLineCount());
    const endLine = Math.min(Math.max(line, position.endLine), model.getLineCount());
    const wholeLine = position.startColumn === position.endColumn && position.line === position.endLine;
    this.host.monaco.editor.setModelMarkers(model, MARKER_OWNER, [
      {
        startLineNumber: line,
        startColumn: wholeLine ? model.getLineFirstNonWhitespaceColumn(line) || 1 : position.startColumn + 1,
        endLineNumber: endLine,
        endColumn: wholeLine ? model.getLineMaxColumn(endLine) : position.endColumn + 1,
        message,
        severity: this.host.monaco.MarkerSeverity.Error,
      },
    ]);
  }

  clearError(): void {
    this.host.monaco.editor.setModelMarkers(this.textModel, MARKER_OWNER, []);
  }

  setSelected(selected: boolean, mode: 'edit' | 'command'): void {
    this.element.classList.toggle('selected', selected);
    this.element.classList.toggle('editing', selected && mode === 'edit');
    this.element.setAttribute('aria-current', selected ? 'true' : 'false');
  }

  /** Edit mode: the cursor in this cell's editor (a markdown cell shows its source). */
  focusEditor(where: 'start' | 'end' | 'keep' = 'keep'): void {
    if (this.cell.kind === 'markdown' && !this.editingMarkdown) this.editMarkdown();
    this.ensureEditor();
    const editor = this.editor!;
    if (where === 'start') editor.setPosition({ lineNumber: 1, column: 1 });
    if (where === 'end') {
      const line = this.textModel.getLineCount();
      editor.setPosition({ lineNumber: line, column: this.textModel.getLineMaxColumn(line) });
    }
    editor.focus();
  }

  /** Command mode: the cell itself has the focus, so Jupyter's keys act on it. */
  focusCell(): void {
    this.element.focus({ preventScroll: true });
    this.element.scrollIntoView({ block: 'nearest' });
  }

  /** A markdown cell goes back to showing its rendered text (after Shift+Enter or leaving it). */
  finishMarkdownEdit(): void {
    if (!this.editingMarkdown) return;
    this.editingMarkdown = false;
    this.update();
  }

  get editorHasFocus(): boolean {
    return this.editor?.hasTextFocus() ?? false;
  }

  /** The text model follows the cell when the notebook was reloaded from disk. */
  syncSource(): void {
    if (this.textModel.getValue() !== this.cell.source) this.textModel.setValue(this.cell.source);
  }

  layout(): void {
    if (!this.editor || this.editorHost.hidden) return;
    const height = this.editor.getContentHeight();
    this.editorHost.style.height = `${height}px`;
    this.editor.layout({ width: this.editorHost.clientWidth, height });
  }

  dispose(): void {
    this.clearError();
    for (const dispose of this.disposers) dispose();
    this.editor?.dispose();
    this.textModel.dispose();
    this.element.remove();
  }

  private languageNow(): string {
    const { kind, source } = this.cell;
    if (kind === 'markdown') return 'markdown';
    if (kind === 'raw') return 'plaintext';
    const file = /^\s*%%file\s+(\S+)/.exec(source);
    return file ? this.host.languageForFile(file[1]!.replace(/^["']|["']$/g, '')) : 'ocaml';
  }

  private followLanguage(): void {
    const language = this.languageNow();
    if (this.textModel.getLanguageId() !== language) this.host.monaco.editor.setModelLanguage(this.textModel, language);
  }

  private editMarkdown(): void {
    this.editingMarkdown = true;
    this.update();
  }

  private ensureEditor(): void {
    if (this.editor) return;
    const { monaco } = this.host;
    const editor = monaco.editor.create(this.editorHost, {
      model: this.textModel,
      automaticLayout: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      lineNumbers: 'on',
      lineNumbersMinChars: 3,
      glyphMargin: false,
      folding: false,
      lineDecorationsWidth: 6,
      renderLineHighlight: 'none',
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      overviewRulerBorder: false,
      scrollbar: { vertical: 'hidden', horizontal: 'auto', alwaysConsumeMouseWheel: false, verticalScrollbarSize: 0 },
      stickyScroll: { enabled: false },
      padding: { top: 8, bottom: 8 },
      fontSize: 13,
      tabSize: 2,
      fixedOverflowWidgets: true,
      ariaLabel: this.editorLabel(),
    });
    this.editor = editor;
    const subscriptions = [
      editor.onDidContentSizeChange((event) => event.contentHeightChanged && this.layout()),
      editor.onDidFocusEditorText(() => {
        editor.updateOptions({ renderLineHighlight: 'line' });
        this.host.onSelect(this.cell, 'edit');
      }),
      editor.onDidBlurEditorText(() => editor.updateOptions({ renderLineHighlight: 'none' })),
    ];
    this.disposers.push(() => subscriptions.forEach((subscription) => subscription.dispose()));
    this.addKeys(editor);
    requestAnimationFrame(() => this.layout());
  }

  private addKeys(editor: MonacoApi.editor.IStandaloneCodeEditor): void {
    const { KeyMod, KeyCode } = this.host.monaco;
    const act = (action: CellAction) => () => this.host.onAction(this.cell, action);
    editor.addAction({ id: 'notebook.cell.runAndAdvance', label: 'Notebook: Run Cell and Select Below', keybindings: [KeyMod.Shift | KeyCode.Enter], run: act('run-and-advance') });
    editor.addAction({ id: 'notebook.cell.run', label: 'Notebook: Run Cell', keybindings: [KeyMod.CtrlCmd | KeyCode.Enter], run: act('run') });
    editor.addAction({ id: 'notebook.cell.runAndInsert', label: 'Notebook: Run Cell and Insert Below', keybindings: [KeyMod.Alt | KeyCode.Enter], run: act('run-and-insert') });
    // Escape leaves the editor for command mode unless a widget (suggestions, find...) wants it first.
    const noWidget = '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !renameInputVisible && !markersNavigationVisible';
    editor.addAction({ id: 'notebook.cell.commandMode', label: 'Notebook: Command Mode', keybindings: [KeyCode.Escape], keybindingContext: noWidget, run: act('command-mode') });
    // Arrows at the first or last line go on to the neighbouring cell, as in VS Code and Jupyter.
    editor.addAction({
      id: 'notebook.cell.upOrPrevious',
      label: 'Notebook: Cursor Up or Previous Cell',
      keybindings: [KeyCode.UpArrow],
      keybindingContext: `${noWidget} && !editorHasSelection && !editorHasMultipleSelections`,
      run: () => (editor.getPosition()?.lineNumber === 1 ? this.host.onAction(this.cell, 'focus-previous') : editor.trigger('keyboard', 'cursorUp', null)),
    });
    editor.addAction({
      id: 'notebook.cell.downOrNext',
      label: 'Notebook: Cursor Down or Next Cell',
      keybindings: [KeyCode.DownArrow],
      keybindingContext: `${noWidget} && !editorHasSelection && !editorHasMultipleSelections`,
      run: () => (editor.getPosition()?.lineNumber === this.textModel.getLineCount() ? this.host.onAction(this.cell, 'focus-next') : editor.trigger('keyboard', 'cursorDown', null)),
    });
  }

  private renderMarkdown(): void {
    const source = this.cell.source.trim();
    const attachments = (this.cell.toJSON().attachments ?? {}) as Record<string, Record<string, unknown>>;
    this.markdownHost.replaceChildren(
      source
        ? renderMarkdown(this.cell.source, {
            attachment: (name) => {
              const bundle = attachments[name];
              const mime = bundle && Object.keys(bundle).find((type) => type.startsWith('image/'));
              return mime && typeof bundle[mime] === 'string' ? `data:${mime};base64,${bundle[mime] as string}` : undefined;
            },
          })
        : el('p', { className: 'cell-markdown-empty' }, 'Empty markdown cell: double-click or press Enter to edit.'),
    );
  }

  private renderToolbar(): void {
    const { cell, host } = this;
    const button = (label: string, codicon: string, action: CellAction) =>
      el('button', { className: 'icon-button', 'aria-label': `${label}`, title: label, 'data-action': action, onclick: () => host.onAction(cell, action) }, icon(codicon));
    const isCode = cell.kind === 'code';
    this.toolbar.replaceChildren(
      ...(isCode ? [button('Run Cells Above', 'run-above', 'run-above'), button('Run Cell and Below', 'run-below', 'run-below')] : []),
      button('Move Cell Up', 'arrow-up', 'move-up'),
      button('Move Cell Down', 'arrow-down', 'move-down'),
      isCode ? button('Change to Markdown', 'markdown', 'to-markdown') : button('Change to Code', 'code', 'to-code'),
      ...(isCode ? [button('Clear Cell Outputs', 'clear-all', 'clear-outputs')] : []),
      button('Delete Cell', 'trash', 'delete'),
    );
    this.insertBar.replaceChildren(
      el('button', { className: 'cell-insert-button', 'data-action': 'insert-code-below', onclick: () => host.onAction(cell, 'insert-code-below') }, icon('add'), ' Code'),
      el('button', { className: 'cell-insert-button', 'data-action': 'insert-markdown-below', onclick: () => host.onAction(cell, 'insert-markdown-below') }, icon('add'), ' Markdown'),
    );
  }

  private kindLabel(): string {
    return this.cell.kind === 'code' ? 'Code cell' : this.cell.kind === 'markdown' ? 'Markdown cell' : 'Raw cell';
  }

  private editorLabel(): string {
    return `${this.kindLabel()} ${this.index + 1} editor`;
  }

  private updateLabels(): void {
    const number = this.index + 1;
    const { cell } = this;
    const state = cell.runState === 'running' ? ', running' : cell.runState === 'queued' ? ', queued' : cell.executionCount !== null && cell.kind === 'code' ? `, executed [${cell.executionCount}]` : '';
    this.element.setAttribute('aria-label', `${this.kindLabel()} ${number}${state}`);
    this.runButton.setAttribute('aria-label', cell.runState === 'idle' ? `Run cell ${number}` : `Interrupt cell ${number}`);
    this.runButton.title = cell.runState === 'idle' ? 'Run Cell (Ctrl+Enter)' : 'Interrupt the kernel';
    this.countLabel.setAttribute('aria-label', cell.runState === 'running' ? 'Running' : cell.runState === 'queued' ? 'Queued' : cell.executionCount === null ? 'Not run yet' : `Execution count ${cell.executionCount}`);
    this.toolbar.setAttribute('aria-label', `Cell ${number} actions`);
    this.outputs.setLabel(`Outputs of cell ${number}`);
    const collapsed = cell.outputsCollapsed;
    this.outputToggle.setAttribute('aria-label', `${collapsed ? 'Expand' : 'Collapse'} outputs of cell ${number}`);
    this.outputToggle.setAttribute('aria-expanded', String(!collapsed));
    this.outputToggle.title = collapsed ? 'Expand Outputs (O)' : 'Collapse Outputs (O)';
    this.collapsedNote.setAttribute('aria-label', `Show the collapsed outputs of cell ${number}`);
    for (const insert of this.insertBar.querySelectorAll('button')) {
      insert.setAttribute('aria-label', `Insert ${insert.dataset.action === 'insert-code-below' ? 'code' : 'markdown'} cell below cell ${number}`);
    }
    this.editor?.updateOptions({ ariaLabel: this.editorLabel() });
  }
}


